import { csvRecord } from './csv';
import { isoTime } from './exported-message';

export interface SeriesForExport {
  topic: string;
  field: string;
  ids: readonly number[];
  times: readonly number[];
  values: readonly number[];
}

export const SERIES_CSV_COLUMNS = ['time', 'timeMs', 'topic', 'field', 'value', 'messageId'] as const;

/**
 * The plotted series as CSV in long form, one record per point, oldest first across all series:
 * series rarely share timestamps, so a wide table (a column per series) would be mostly empty
 * cells. `topic` is the series' topic or filter; `field` is its path ("" for the whole payload).
 * Returned in parts of many records each, to be joined by a Blob rather than into one string.
 */
export function formatSeriesCsv(series: readonly SeriesForExport[], recordsPerPart = 10_000): string[] {
  const order: Array<[number, number]> = [];
  series.forEach((entry, seriesIndex) => {
    for (let index = 0; index < entry.times.length; index++) order.push([seriesIndex, index]);
  });
  const timeOf = ([seriesIndex, index]: [number, number]) => series[seriesIndex]?.times[index] ?? 0;
  // A stable sort keeps each series' own order, and series order, for equal times.
  order.sort((a, b) => timeOf(a) - timeOf(b));
  const parts: string[] = [csvRecord(SERIES_CSV_COLUMNS)];
  let part = '';
  let inPart = 0;
  for (const [seriesIndex, index] of order) {
    const entry = series[seriesIndex];
    if (!entry) continue;
    const time = entry.times[index] ?? 0;
    part += csvRecord([isoTime(time), String(time), entry.topic, entry.field, String(entry.values[index]), String(entry.ids[index])]);
    if (++inPart === recordsPerPart) {
      parts.push(part);
      part = '';
      inPart = 0;
    }
  }
  if (part) parts.push(part);
  return parts;
}
