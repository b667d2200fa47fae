import { z } from 'zod';
import { ExportFormat } from '../export/exported-message';
import { ConnectionRef, TopicFilter, messageCriteria, withValidRegex } from '../schemas';
import { parseFieldPath } from '../series/field-path';

/** Per request, so one series page is a bounded amount of work and of transport. */
export const MAX_SERIES_POINTS = 100_000;
export const MAX_EXPORT_COUNT = 20_000;

export const FieldPath = z
  .string()
  .max(1000)
  .superRefine((path, context) => {
    const parsed = parseFieldPath(path);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
  });

/** Parallel arrays rather than point objects: a page can hold 100,000 points. */
export interface SeriesPoints {
  ids: number[];
  /** Wall-clock ms since the epoch. */
  times: number[];
  values: number[];
}

export interface SeriesPage {
  points: SeriesPoints;
  /** The last message id looked at: pass it as `afterId` to continue. */
  lastId: number;
  /** More matching messages wait after `lastId` (the page hit its limit). */
  more: boolean;
  /** Messages of the topic in this page whose payload had no finite number at the field. */
  skipped: number;
}

export interface NumericField {
  /** The field path, as `message.series` takes it; "" for a bare number payload. */
  path: string;
  /** Its value in the most recent payload that had it. */
  sample: number;
}

/** Where the next page of an export starts; the renderer hands it back unchanged. */
export interface ExportCursor {
  afterId: number;
  untilId: number;
}

export interface ExportPage {
  text: string;
  /** Matching messages from the cursor to the end of the export, this page included. */
  remaining: number;
  /** How many messages this page holds. */
  exported: number;
  next?: ExportCursor;
  /**
   * Messages the budget evicted after the previous page and before they could be exported; the file
   * misses those that matched. Only ever set on a continuation page.
   */
  evictedDuringExport?: number;
}

export const seriesExportRequests = {
  /**
   * The numbers a topic's payloads hold at a field, oldest first, from the message after `afterId`.
   * `topic` is a topic name or a filter with wildcards.
   */
  'message.series': {
    input: ConnectionRef.extend({
      topic: TopicFilter,
      field: FieldPath,
      afterId: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(MAX_SERIES_POINTS),
    }),
    output: z.custom<SeriesPage>(),
  },
  /** The numeric fields found in the most recent payloads of a topic, newest first, to choose from. */
  'message.fields': {
    input: ConnectionRef.extend({ topic: TopicFilter }),
    output: z.custom<{ fields: NumericField[]; examined: number }>(),
  },
  /**
   * One page of the messages that pass the criteria, formatted. The first page (no cursor) fixes the
   * end of the export at the newest message held, so messages that arrive meanwhile do not make it
   * endless. A CSV first page starts with the header. Pages also stop early at about 16 MB of text.
   */
  'message.export': {
    input: withValidRegex(
      ConnectionRef.extend({
        ...messageCriteria,
        format: ExportFormat,
        cursor: z.object({ afterId: z.number().int().min(0), untilId: z.number().int().min(0) }).optional(),
        count: z.number().int().min(1).max(MAX_EXPORT_COUNT),
      }),
    ),
    output: z.custom<ExportPage>(),
  },
} as const;
