import type { CompareOptions, ComparedMessage } from '../../../shared/recording/compare';
import { compareRecordings } from '../../../shared/recording/compare';
import type { CompareReport, CompareSection, ComparedSide } from '../../../shared/domain/recording-files';
import { comparableText } from '../../../shared/payload/views';
import { readRecording } from './recording-reader';
import type { Message } from '../../../shared/i18n';

/** Lines listed per category; the rest are counted, so a compare of two huge runs stays a small answer. */
export const LINES_PER_SECTION = 200;
const TOPICS_LISTED = 500;
/**
 * How much of a payload a line carries as text: enough for the diff of a realistic JSON document
 * when it changed, a glance otherwise. Longer payloads are cut and say so; the answer stays a few MB.
 */
const CHANGED_TEXT_BYTES = 32 * 1024;
const OTHER_TEXT_BYTES = 4 * 1024;

interface LoadedMessage extends ComparedMessage {
  /** Wall-clock ms. */
  t: number;
}

interface Loaded {
  path: string;
  messages: LoadedMessage[];
  cut?: string;
  cutText?: Message;
}

/**
 * Compares two recording files for the UI: the pure comparison, with every listed line carrying the
 * messages it talks about (ordinal in its file, time, payload text), so the view can open them.
 * Messages are numbered by their place in the file, not their history id, because one file may
 * hold several connections whose ids overlap.
 */
export async function compareRecordingFiles(pathA: string, pathB: string, options: CompareOptions & { direction: 'in' | 'out' | 'both' }): Promise<CompareReport> {
  const a = await load(pathA, options.direction);
  const b = await load(pathB, options.direction);
  const compareOptions: CompareOptions = {};
  if (options.matchField !== undefined) compareOptions.matchField = options.matchField;
  if (options.gapMs !== undefined) compareOptions.gapMs = options.gapMs;
  const result = compareRecordings(a.messages, b.messages, compareOptions);
  // With a direction chosen, some records are left out, so ordinals are not array positions.
  const byOrdinalA = new Map(a.messages.map((message) => [message.id, message]));
  const byOrdinalB = new Map(b.messages.map((message) => [message.id, message]));
  const sideA = (ordinal: number, limit = OTHER_TEXT_BYTES) => side(byOrdinalA.get(ordinal), limit);
  const sideB = (ordinal: number, limit = OTHER_TEXT_BYTES) => side(byOrdinalB.get(ordinal), limit);
  const { summary } = result;
  const differing = result.topics.filter((entry) => entry.a !== entry.b);
  const agreeing = result.topics.filter((entry) => entry.a === entry.b);
  const report: CompareReport = {
    a: describe(a),
    b: describe(b),
    same: summary.missing === 0 && summary.extra === 0 && summary.changed === 0 && summary.timing === 0,
    summary,
    topics: section([...differing, ...agreeing], TOPICS_LISTED, (entry) => entry),
    missing: section(result.missing, LINES_PER_SECTION, (entry) => ({ a: sideA(entry.id) })),
    extra: section(result.extra, LINES_PER_SECTION, (entry) => ({ b: sideB(entry.id) })),
    changed: section(result.changed, LINES_PER_SECTION, (entry) => ({ a: sideA(entry.a, CHANGED_TEXT_BYTES), b: sideB(entry.b, CHANGED_TEXT_BYTES), ...(entry.key !== undefined ? { key: entry.key } : {}) })),
    timing: section(result.timing, LINES_PER_SECTION, (entry) => ({ a: sideA(entry.a), b: sideB(entry.b), intervalA: entry.intervalA, intervalB: entry.intervalB })),
  };
  return report;
}

function section<Entry, Line>(entries: readonly Entry[], limit: number, line: (entry: Entry) => Line): CompareSection<Line> {
  return { lines: entries.slice(0, limit).map(line), more: Math.max(0, entries.length - limit) };
}

function describe(loaded: Loaded): CompareReport['a'] {
  return { path: loaded.path, messages: loaded.messages.length, ...(loaded.cut ? { cut: loaded.cut } : {}), ...(loaded.cutText ? { cutText: loaded.cutText } : {}) };
}

function side(message: LoadedMessage | undefined, limit: number): ComparedSide {
  // The comparison only hands back ids it was given, so a miss here is a bug, not bad input.
  if (!message) throw new Error('The comparison named a message that is not in its file.');
  const cut = message.payload.byteLength > limit;
  const shown = comparableText(cut ? message.payload.subarray(0, limit) : message.payload);
  return { ordinal: message.id, topic: message.topic, time: message.t, size: message.payload.byteLength, payload: shown.text, language: shown.language, ...(cut ? { cut } : {}) };
}

async function load(path: string, direction: 'in' | 'out' | 'both'): Promise<Loaded> {
  const messages: LoadedMessage[] = [];
  let ordinal = 0;
  const summary = await readRecording(path, {
    message: (record) => {
      ordinal++;
      if (direction !== 'both' && record.dir !== direction) return;
      messages.push({ id: ordinal, topic: record.topic, m: record.m, t: record.t, payload: Buffer.from(record.payload, 'base64') });
    },
  });
  return summary.cut ? { path, messages, cut: summary.cut, ...(summary.cutText ? { cutText: summary.cutText } : {}) } : { path, messages };
}
