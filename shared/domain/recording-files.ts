import type { CompareResult } from '../recording/compare';
import type { Message } from '../i18n';

/** A recording file in the recordings folder. */
export interface RecordingFile {
  path: string;
  name: string;
  bytes: number;
  /** Wall-clock ms of its last write. */
  modifiedAt: number;
}

/** One recorded message as a compare line shows it. */
export interface ComparedSide {
  /** 1-based index of the message record in its file. */
  ordinal: number;
  topic: string;
  /** Wall-clock ms it was recorded at. */
  time: number;
  size: number;
  /** The payload as text (pretty JSON when it is JSON, otherwise the text view), cut at a limit. */
  payload: string;
  language: 'json' | 'plaintext';
  /** Set when `payload` is only the start of it. */
  cut?: boolean;
}

/** A category of differences: its first lines, and how many more there are. */
export interface CompareSection<Line> {
  lines: Line[];
  more: number;
}

export interface CompareReport {
  /** `cutText`: the same note as `cut`, as a Message for the renderer to word. */
  a: { path: string; messages: number; cut?: string; cutText?: Message };
  b: { path: string; messages: number; cut?: string; cutText?: Message };
  /** No message missing or extra, no payload changed and no interval moved. */
  same: boolean;
  summary: CompareResult['summary'];
  /** Per-topic counts, topics that differ first. */
  topics: CompareSection<{ topic: string; a: number; b: number }>;
  missing: CompareSection<{ a: ComparedSide }>;
  extra: CompareSection<{ b: ComparedSide }>;
  changed: CompareSection<{ a: ComparedSide; b: ComparedSide; key?: string }>;
  timing: CompareSection<{ a: ComparedSide; b: ComparedSide; intervalA: number; intervalB: number }>;
}
