import type { CompareOptions, ComparedMessage, CompareResult } from '../../shared/recording/compare';
import { compareRecordings } from '../../shared/recording/compare';
import { readRecording } from '../core/recording/recording-reader';
import { UsageError, eachArgument } from './cli-args';
import type { CliOutput } from './cli-core';

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
      if (!Number.isInteger(parsed) || parsed < 0) throw new UsageError(`${flag} takes a whole number of 0 or more, not "${text}".`);
      return parsed;
    };
    if (flag === '--match-field') args.options.matchField = value();
    else if (flag === '--gap-ms') args.options.gapMs = count();
    else if (flag === '--direction') {
      const text = value();
      if (text !== 'in' && text !== 'out' && text !== 'both') throw new UsageError(`--direction takes in, out or both, not "${text}".`);
      args.direction = text;
    } else if (flag === '--max-missing') args.tolerance.missing = count();
    else if (flag === '--max-extra') args.tolerance.extra = count();
    else if (flag === '--max-changed') args.tolerance.changed = count();
    else if (flag === '--max-timing') args.tolerance.timing = count();
    else if (flag === '--json') args.json = true;
    else if (flag.startsWith('-')) throw new UsageError(`Unknown option ${flag}.`);
    else files.push(flag);
  });
  if (files.length !== 2) throw new UsageError('Give two recordings to compare: mqtt-lab compare A.mqttrec.jsonl B.mqttrec.jsonl');
  [args.a, args.b] = files as [string, string];
  return args;
}

/** Exit codes: 0 the runs agree within the tolerances, 1 they differ (or a file cannot be read), 2 bad command line. */
export async function compareCommand(args: CompareArgs, out: CliOutput): Promise<number> {
  out.progress(`Reading ${args.a}…`);
  const a = await load(args.a, args.direction);
  out.progress(`Reading ${args.b}…`);
  const b = await load(args.b, args.direction);
  let result: CompareResult;
  try {
    result = compareRecordings(a.messages, b.messages, args.options);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { summary } = result;
  const within =
    summary.missing <= args.tolerance.missing && summary.extra <= args.tolerance.extra && summary.changed <= args.tolerance.changed && summary.timing <= args.tolerance.timing;
  const lines = [
    `${within ? 'Same within the tolerances' : 'The recordings differ'}: ${summary.pairs} pairs, ${summary.missing} missing from B, ${summary.extra} extra in B, ${summary.changed} changed payloads, ${summary.timing} moved intervals.`,
    ...result.topics.filter((entry) => entry.a !== entry.b).map((entry) => `  ${entry.topic}: ${entry.a} in A, ${entry.b} in B`),
    ...result.missing.slice(0, 20).map((entry) => `  missing: A#${entry.id} ${entry.topic}`),
    ...result.extra.slice(0, 20).map((entry) => `  extra: B#${entry.id} ${entry.topic}`),
    ...result.changed.slice(0, 20).map((entry) => `  changed: A#${entry.a} ≠ B#${entry.b} ${entry.topic}`),
    ...result.timing.slice(0, 20).map((entry) => `  timing: ${entry.topic} A#${entry.a} after ${entry.intervalA.toFixed(1)} ms, B#${entry.b} after ${entry.intervalB.toFixed(1)} ms`),
    ...[a.cut, b.cut].filter((cut): cut is string => cut !== undefined).map((cut) => `  note: ${cut}`),
  ];
  out.result({ same: within, ...result, cut: { a: a.cut, b: b.cut } }, lines.join('\n'));
  return within ? 0 : 1;
}

async function load(path: string, direction: CompareArgs['direction']): Promise<{ messages: ComparedMessage[]; cut?: string }> {
  const messages: ComparedMessage[] = [];
  const summary = await readRecording(path, {
    message: (record) => {
      if (direction !== 'both' && record.dir !== direction) return;
      messages.push({ id: record.id, topic: record.topic, m: record.m, payload: Buffer.from(record.payload, 'base64') });
    },
  });
  return summary.cut ? { messages, cut: `${path}: ${summary.cut}` } : { messages };
}
