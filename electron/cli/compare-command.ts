import type { CompareOptions, ComparedMessage, CompareResult } from '../../shared/recording/compare';
import { compareRecordings } from '../../shared/recording/compare';
import { readRecording } from '../core/recording/recording-reader';
import { UsageError, eachArgument } from './cli-args';
import type { CliOutput } from './cli-core';
import { cliT, say, saidError } from './cli-text';
import type { Message } from '../../shared/i18n';

export interface CompareArgs {
  a: string;
  b: string;
  options: CompareOptions;
  direction: 'in' | 'out' | 'both';
  /** How many of each difference are tolerated before the exit code says the runs differ. */
  tolerance: { missing: number; extra: number; changed: number; timing: number };
  json: boolean;
}

export function parseCompareArgs(argv: readonly string[]): CompareArgs {
  const files: string[] = [];
  const args: CompareArgs = { a: '', b: '', options: {}, direction: 'in', tolerance: { missing: 0, extra: 0, changed: 0, timing: 0 }, json: false };
  eachArgument(argv, (flag, value) => {
    const count = (): number => {
      const text = value();
      const parsed = Number(text);
      if (!Number.isInteger(parsed) || parsed < 0) throw new UsageError(say('cli.compare.count', { flag, text }));
      return parsed;
    };
    if (flag === '--match-field') args.options.matchField = value();
    else if (flag === '--gap-ms') args.options.gapMs = count();
    else if (flag === '--direction') {
      const text = value();
      if (text !== 'in' && text !== 'out' && text !== 'both') throw new UsageError(say('cli.args.direction', { text }));
      args.direction = text;
    } else if (flag === '--max-missing') args.tolerance.missing = count();
    else if (flag === '--max-extra') args.tolerance.extra = count();
    else if (flag === '--max-changed') args.tolerance.changed = count();
    else if (flag === '--max-timing') args.tolerance.timing = count();
    else if (flag === '--json') args.json = true;
    else if (flag.startsWith('-')) throw new UsageError(say('cli.args.unknownOption', { flag }));
    else files.push(flag);
  });
  if (files.length !== 2) throw new UsageError(say('cli.compare.needTwo'));
  [args.a, args.b] = files as [string, string];
  return args;
}

/** Exit codes: 0 the runs agree within the tolerances, 1 they differ (or a file cannot be read), 2 bad command line. */
export async function compareCommand(args: CompareArgs, out: CliOutput): Promise<number> {
  const t = cliT();
  out.progress(t('cli.compare.reading', { path: args.a }));
  const a = await load(args.a, args.direction);
  out.progress(t('cli.compare.reading', { path: args.b }));
  const b = await load(args.b, args.direction);
  let result: CompareResult;
  try {
    result = compareRecordings(a.messages, b.messages, args.options);
  } catch (error) {
    throw new UsageError(saidError(error));
  }
  const { summary } = result;
  const within =
    summary.missing <= args.tolerance.missing && summary.extra <= args.tolerance.extra && summary.changed <= args.tolerance.changed && summary.timing <= args.tolerance.timing;
  const lines = [
    t('cli.compare.summary', {
      verdict: t(within ? 'cli.compare.same' : 'cli.compare.differ'),
      ...mapValues(summary, String),
    }),
    ...result.topics.filter((entry) => entry.a !== entry.b).map((entry) => `  ${t('cli.compare.topic', { topic: entry.topic, a: String(entry.a), b: String(entry.b) })}`),
    ...result.missing.slice(0, 20).map((entry) => `  ${t('cli.compare.missing', { id: String(entry.id), topic: entry.topic })}`),
    ...result.extra.slice(0, 20).map((entry) => `  ${t('cli.compare.extra', { id: String(entry.id), topic: entry.topic })}`),
    ...result.changed.slice(0, 20).map((entry) => `  ${t('cli.compare.changed', { a: String(entry.a), b: String(entry.b), topic: entry.topic })}`),
    ...result.timing
      .slice(0, 20)
      .map((entry) => `  ${t('cli.compare.timing', { topic: entry.topic, a: String(entry.a), intervalA: entry.intervalA.toFixed(1), b: String(entry.b), intervalB: entry.intervalB.toFixed(1) })}`),
    ...[a, b].flatMap((side) => (side.cut === undefined ? [] : [`  ${t('cli.compare.note', { path: side.path, cut: side.cutText ? t.msg(side.cutText, side.cut) : side.cut })}`])),
  ];
  out.result({ same: within, ...result, cut: { a: cutOf(a), b: cutOf(b) } }, lines.join('\n'));
  return within ? 0 : 1;
}

function mapValues<V, W>(record: Record<string, V>, map: (value: V) => W): Record<string, W> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

/** The JSON's English note that a file was cut short: "PATH: why". */
function cutOf(side: { path: string; cut?: string }): string | undefined {
  return side.cut === undefined ? undefined : `${side.path}: ${side.cut}`;
}

async function load(path: string, direction: CompareArgs['direction']): Promise<{ path: string; messages: ComparedMessage[]; cut?: string; cutText?: Message }> {
  const messages: ComparedMessage[] = [];
  const summary = await readRecording(path, {
    message: (record) => {
      if (direction !== 'both' && record.dir !== direction) return;
      messages.push({ id: record.id, topic: record.topic, m: record.m, payload: Buffer.from(record.payload, 'base64') });
    },
  });
  return summary.cut ? { path, messages, cut: summary.cut, ...(summary.cutText ? { cutText: summary.cutText } : {}) } : { path, messages };
}
