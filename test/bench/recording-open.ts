import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../electron/core/app-core';
import { readRecording } from '../../electron/core/recording/recording-reader';
import type { HistoryUpdate } from '../../shared/domain/message';
import type { RecordingSessionView } from '../../shared/domain/recording-session';
import { writeSyntheticRecording } from '../helpers/synthetic-recording';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';

const MESSAGES = Number(process.env.BENCH_OPEN_MESSAGES ?? 1_000_000);
const SCREEN_ROWS = 100;

/**
 * Opening a recording of 1,000,000 messages (each with its PUBLISH packet, as the recorder writes
 * them; 100-byte payloads on 1,000 topics) as a read-only session: how long until the first
 * screenful of rows can be read, how long until the whole file is in the history, topic tree and
 * flows, and at what rate. The baseline is `readRecording` with no visitor: reading and parsing the
 * same file and nothing else, the floor any opening pays.
 */
export async function measureRecordingOpen() {
  const folder = makeTempDir('mqtt-lab-bench-open-');
  try {
    const path = join(folder, 'million.mqttrec.jsonl');
    writeSyntheticRecording(path, MESSAGES);
    const megabytes = statSync(path).size / 1024 / 1024;

    const baselineStarted = performance.now();
    const parsed = await readRecording(path);
    const baselineMs = performance.now() - baselineStarted;

    const core = createCore({ mode: 'web', version: 'bench' });
    try {
      let firstUpdate: (() => void) | undefined;
      const firstRows = new Promise<void>((resolve) => (firstUpdate = resolve));
      let finished: ((view: RecordingSessionView) => void) | undefined;
      const done = new Promise<RecordingSessionView>((resolve) => (finished = resolve));
      core.bus.subscribe((envelope) => {
        if (envelope.name === 'messages.appended' && (envelope.payload as HistoryUpdate).total >= SCREEN_ROWS) firstUpdate?.();
        if (envelope.name === 'recording.session.updated' && (envelope.payload as RecordingSessionView).done) finished?.(envelope.payload as RecordingSessionView);
      });
      const started = performance.now();
      const opened = await core.router.dispatch('recording.open', { path });
      if (!opened.ok) throw new Error(opened.error.message);
      const { sessionId } = opened.value as RecordingSessionView;
      await firstRows;
      // Usable: what the list asks for when it shows the first screen, answered.
      const list = await core.router.dispatch('message.list', { connectionId: sessionId, from: 0, count: SCREEN_ROWS });
      if (!list.ok || (list.value as { rows: unknown[] }).rows.length !== SCREEN_ROWS) throw new Error('The first rows could not be read.');
      const firstRowsMs = performance.now() - started;
      const view = await done;
      const loadedMs = performance.now() - started;
      const tree = await core.router.dispatch('topics.rows', { connectionId: sessionId, expanded: [], from: 0, count: 1 });
      const flows = await core.router.dispatch('flows.list', { connectionId: sessionId, filter: {}, limit: 1, warnAfterMs: 5000 });
      const heapMB = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
      return {
        messages: MESSAGES,
        fileMB: round(megabytes),
        baselineIs: 'readRecording with no visitor: reading and parsing the file, nothing kept',
        baselineMs: Math.round(baselineMs),
        baselineMBPerSecond: round(megabytes / (baselineMs / 1000)),
        firstRowsUsableMs: Math.round(firstRowsMs),
        fullyLoadedMs: Math.round(loadedMs),
        oursMBPerSecond: round(megabytes / (loadedMs / 1000)),
        oursMessagesPerSecond: Math.round(MESSAGES / (loadedMs / 1000)),
        ratio: round(loadedMs / baselineMs),
        heapUsedMBAfter: heapMB,
        check: {
          baselineMessages: parsed.counts.messages,
          sessionMessages: view.counts.messages,
          evicted: view.evicted,
          topics: tree.ok ? (tree.value as { topicCount: number }).topicCount : tree.error.message,
          flows: flows.ok ? (flows.value as { counts: { total: number } }).counts.total : flows.error.message,
        },
        target: 'the first rows usable within a second; the whole file loaded within a few times the parse-only baseline',
      };
    } finally {
      await core.close();
    }
  } finally {
    removeTempDir(folder);
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
