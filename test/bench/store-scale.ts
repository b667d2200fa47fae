import { MessageStore } from '../../electron/core/messages/message-store';
import { queryPositions } from '../../electron/core/messages/message-query';
import type { MessageRow } from '../../shared/domain/message';
import { topicMatches } from '../../shared/mqtt/topics';
import { payloadPreview } from '../../shared/payload/preview';

export const MESSAGES = 1_000_000;
const PAYLOAD_BYTES = 100;
const ROOMS = 1000;

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Run with node --expose-gc: memory figures need a full collection first.');
  collect();
  collect();
}

function memory(): number {
  gc();
  const usage = process.memoryUsage();
  // arrayBuffers is part of external; heap plus external is what the issue asks for.
  return usage.heapUsed + usage.external;
}

/** Message `index`: a JSON payload padded to exactly 100 bytes, over 1,000 rooms and two measures. */
function messageAt(index: number): { topic: string; payload: Uint8Array } {
  const room = index % ROOMS;
  const measure = index % 2 === 0 ? 'temp' : 'humidity';
  const json = `{"seq":${index},"room":${room},"value":${(index % 400) / 10}}`;
  const payload = Buffer.alloc(PAYLOAD_BYTES, 0x20);
  payload.write(json);
  return { topic: `sensors/room${room}/${measure}`, payload };
}

/** The naive baseline: the skeleton's array of { row, payload } objects, filtered with Array.filter. */
interface NaiveMessage {
  row: MessageRow;
  payload: Uint8Array;
}

/** The median of three runs, for ours and the baseline alike, so one GC pause decides neither figure. */
function time<T>(run: () => T): { ms: number; result: T } {
  const runs: number[] = [];
  let result = run();
  for (let attempt = 0; attempt < 3; attempt++) {
    const start = performance.now();
    result = run();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { ms: Math.round((runs[1] ?? 0) * 10) / 10, result };
}

export function measureStoreAtScale() {
  const before = memory();
  const store = new MessageStore();
  for (let index = 0; index < MESSAGES; index++) {
    const { topic, payload } = messageAt(index);
    store.append({ time: Date.now(), monotonicMs: performance.now(), direction: 'in', topic, qos: 0, retain: false, dup: false, size: payload.byteLength }, payload);
  }
  const ours = memory() - before;

  const naive: NaiveMessage[] = [];
  const beforeNaive = memory();
  for (let index = 0; index < MESSAGES; index++) {
    const { topic, payload } = messageAt(index);
    const row: MessageRow = { id: index + 1, time: Date.now(), direction: 'in', topic, qos: 0, retain: false, dup: false, size: payload.byteLength, preview: payloadPreview(payload) };
    naive.push({ row, payload });
  }
  const naiveBytes = memory() - beforeNaive;

  const overhead = (bytes: number) => Math.round(bytes / MESSAGES - PAYLOAD_BYTES);
  const decoder = new TextDecoder();
  const needle = '"seq":99999,';
  const queries = {
    wildcard: {
      ours: time(() => queryPositions(store, { filter: 'sensors/+/temp' }).length),
      baseline: time(() => naive.filter((message) => topicMatches('sensors/+/temp', message.row.topic)).length),
    },
    text: {
      ours: time(() => queryPositions(store, { text: needle }).length),
      baseline: time(() => naive.filter((message) => decoder.decode(message.payload).includes(needle)).length),
    },
  };
  for (const [name, { ours: result, baseline }] of Object.entries(queries)) {
    if (result.result !== baseline.result) throw new Error(`The ${name} query found ${result.result}, the baseline ${baseline.result}.`);
  }
  const summary = {
    memoryPerMessage: {
      messages: MESSAGES,
      payloadBytes: PAYLOAD_BYTES,
      baselineOverheadBytes: overhead(naiveBytes),
      oursOverheadBytes: overhead(ours),
      ratio: round(overhead(ours) / overhead(naiveBytes)),
      target: 'ours ≤ 300 bytes of overhead beyond the payload',
      baselineIs: "the skeleton's array of { row, payload } objects",
    },
    queryTime: Object.fromEntries(
      Object.entries(queries).map(([name, { ours: result, baseline }]) => [
        name,
        {
          query: name === 'wildcard' ? 'sensors/+/temp' : `text ${needle}`,
          matches: result.result,
          baselineMs: baseline.ms,
          oursMs: result.ms,
          ratio: round(result.ms / baseline.ms),
          target: 'ours ≤ 100 ms',
          baselineIs: 'Array.filter over objects, topicMatches per message / TextDecoder per payload',
        },
      ]),
    ),
  };
  // Keeps both alive until measured, so the collector cannot shrink either figure.
  if (store.size + naive.length !== 2 * MESSAGES) throw new Error('A store lost messages.');
  return summary;
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
