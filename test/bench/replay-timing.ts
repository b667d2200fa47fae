import { join } from 'node:path';
import mqtt from 'mqtt';
import { createCore } from '../../electron/core/app-core';
import { RecordingWriter } from '../../electron/core/recording/recording-writer';
import { TimingHistogram } from '../../electron/core/replay/timing-histogram';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ReplayStatus, TimingError } from '../../shared/domain/replay';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../shared/recording/records';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';

const SECONDS = Number(process.env.BENCH_REPLAY_SECONDS ?? 5);

/**
 * Replay timing error: how far each send is from its scheduled time, replaying at 1× to mosquitto
 * at 100 and 1,000 msg/s. The baseline is the obvious scheduler, one setTimeout per message at its
 * due time, measured the same way on the same recording. Target: p99 ≤ 5 ms at 100 msg/s.
 */
export async function measureReplayTiming() {
  const broker = await startMosquitto();
  const folder = makeTempDir('mqtt-lab-bench-replay-');
  try {
    const results = [];
    for (const rate of [100, 1000]) {
      const path = join(folder, `replay-${rate}.mqttrec.jsonl`);
      const count = rate * SECONDS;
      writeSteady(path, count, 1000 / rate);
      const baseline = await naiveReplay(broker, count, 1000 / rate);
      const ours = await ourReplay(broker, path);
      results.push({ messagesPerSecond: rate, messages: count, baseline, ours, p99Ratio: ratio(ours.p99Ms, baseline.p99Ms) });
    }
    return { baselineIs: 'one setTimeout per message at its due time, publishing with MQTT.js', target: 'ours p99 ≤ 5 ms at 100 msg/s', rates: results };
  } finally {
    removeTempDir(folder);
    await broker.stop();
  }
}

function ratio(ours: number, baseline: number): number | null {
  return baseline === 0 ? null : Math.round((ours / baseline) * 1000) / 1000;
}

function writeSteady(path: string, count: number, intervalMs: number): void {
  const writer = RecordingWriter.create(path, (message) => {
    throw new Error(message);
  });
  writer.append({ type: 'header', format: RECORDING_FORMAT, version: RECORDING_VERSION, appVersion: 'bench', startedAt: new Date(0).toISOString(), startWallMs: 0, startMonotonicMs: 0, connections: [] });
  const payload = Buffer.from('x'.repeat(100)).toString('base64');
  for (let index = 0; index < count; index++) {
    writer.append({ type: 'message', c: 'bench', id: index + 1, t: index * intervalMs, m: index * intervalMs, dir: 'in', topic: 'bench/replay', qos: 0, retain: false, dup: false, payload });
  }
  writer.close({ type: 'footer', endedAt: new Date(0).toISOString(), counts: { messages: count, packets: 0, events: 0 } });
}

async function ourReplay(broker: Broker, path: string): Promise<TimingError> {
  const core = createCore({ mode: 'web', version: 'bench' });
  try {
    const profile = profileFor(broker.port);
    const connected = new Promise<void>((resolve) => {
      const off = core.bus.subscribe((envelope) => {
        if (envelope.name === 'connection.updated' && (envelope.payload as ConnectionSnapshot).status.state === 'connected') {
          off();
          resolve();
        }
      });
    });
    await core.router.dispatch('connection.save', { profile });
    await core.router.dispatch('connection.connect', { connectionId: profile.id });
    await connected;
    const done = new Promise<ReplayStatus>((resolve) => {
      const off = core.bus.subscribe((envelope) => {
        const status = envelope.payload as ReplayStatus;
        if (envelope.name === 'replay.updated' && status.state === 'finished') {
          off();
          resolve(status);
        }
      });
    });
    const started = await core.router.dispatch('replay.start', { connectionId: profile.id, path, options: { speed: 1, loop: false, direction: 'in' } });
    if (!started.ok) throw new Error(started.error.message);
    const status = await done;
    if (!status.timing) throw new Error('The replay reported no timing.');
    return status.timing;
  } finally {
    await core.close();
  }
}

async function naiveReplay(broker: Broker, count: number, intervalMs: number): Promise<TimingError> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
  const histogram = new TimingHistogram();
  const payload = Buffer.from('x'.repeat(100));
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    for (let index = 0; index < count; index++) {
      const due = start + index * intervalMs;
      setTimeout(() => {
        histogram.add(performance.now() - due);
        client.publish('bench/replay', payload, { qos: 0 });
        if (++sent === count) resolve();
      }, due - performance.now());
    }
  });
  await client.endAsync();
  const summary = histogram.summary();
  if (!summary) throw new Error('The baseline sent nothing.');
  return summary;
}
