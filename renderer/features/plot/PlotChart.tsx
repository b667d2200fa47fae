import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { downsampleMinMax } from './downsample';
import type { PlotSeries } from './plot-model';
import type { PlotColors } from './theme-colors';
import { PALETTE_SIZE } from './theme-colors';
import type { Translator } from '../../../shared/i18n';

/** Per series: more points than this are downsampled for drawing (never for the CSV). */
export const MAX_DRAWN_POINTS = 4000;

export function seriesColor(colors: PlotColors, entry: PlotSeries): string {
  return colors.series[entry.colorIndex % PALETTE_SIZE] ?? colors.text;
}

/** The field as shown: its path, or a note that the payload itself is the number. */
export function fieldLabel(t: Translator, field: string): string {
  return field === '' ? t('plot.series.wholePayload') : field;
}

export function seriesLabel(t: Translator, entry: Pick<PlotSeries, 'topic' | 'field'>): string {
  return t('plot.series.label', { topic: entry.topic, field: fieldLabel(t, entry.field) });
}

/** The series as uPlot's aligned table: one shared, sorted x column, gaps as null. */
function alignedData(series: readonly PlotSeries[]): uPlot.AlignedData {
  const tables = series.map((entry): uPlot.AlignedData => {
    const drawn = downsampleMinMax(entry.times, entry.values, MAX_DRAWN_POINTS);
    return [drawn.times, drawn.values];
  });
  if (tables.length === 0) return [[]];
  if (tables.length === 1) return tables[0] ?? [[]];
  return uPlot.join(tables);
}

interface Props {
  series: readonly PlotSeries[];
  version: number;
  colors: PlotColors;
  label: string;
  /** For the series' names uPlot keeps; a language switch rebuilds the chart. */
  t: Translator;
}

/** One uPlot chart with a time axis; it follows its container's size. */
export function PlotChart({ series, version, colors, label, t }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | undefined>(undefined);
  const seriesRef = useRef(series);
  seriesRef.current = series;
  // Rebuilt when the set of series or the theme changes; new points only call setData.
  const shape = series.map((entry) => `${entry.key}\u0001${entry.colorIndex}`).join('\u0002');

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const axis = (): uPlot.Axis => ({
      stroke: colors.axis,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid, width: 1 },
      font: '11px system-ui, sans-serif',
    });
    const options: uPlot.Options = {
      width: Math.max(100, container.clientWidth),
      height: Math.max(100, container.clientHeight),
      ms: 1,
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true } },
      // A short pane still gets several value labels.
      axes: [axis(), { ...axis(), size: 60, space: 20 }],
      series: [
        {},
        ...seriesRef.current.map((entry) => ({
          label: seriesLabel(t, entry),
          stroke: seriesColor(colors, entry),
          width: 2,
          spanGaps: true,
          points: { show: false },
        })),
      ],
    };
    const chart = new uPlot(options, alignedData(seriesRef.current), container);
    chartRef.current = chart;
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(100, container.clientWidth), height: Math.max(100, container.clientHeight) });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.destroy();
      chartRef.current = undefined;
    };
  }, [shape, colors, t]);

  useEffect(() => {
    chartRef.current?.setData(alignedData(seriesRef.current));
  }, [version]);

  return <div ref={containerRef} className="plot-canvas" role="img" aria-label={label} />;
}
