import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { readRecording } from '../../electron/core/recording/recording-reader';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import type { RecordingStatus } from '../../shared/domain/recording';
import type { MessageRecord } from '../../shared/recording/records';
import { saveConnectAndSettle, watchHistory } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore, makeTempDir, removeTempDir } from '../helpers/temp-core';

async function invoke<N extends RequestName>(core: AppCore, name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
  const result = await core.router.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as RequestOutput<N>;
}

describe('recording a session against a real mosquitto', () => {
  let broker: Broker;
  let core: AppCore;
  let folder: string;

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(async () => {
    await core?.close();
    if (folder) removeTempDir(folder);
  });

  it('records 100,000 messages (mixed QoS, binary and text, MQTT 5 properties) that read back byte-exact with their metadata', async () => {
    folder = makeTempDir();
    core = createTempCore();
    const { connectionId } = await saveConnectAndSettle(core, profileFor(broker.port, { protocolVersion: 5 }));
    await invoke(core, 'subscription.add', { connectionId, filter: 'rec/#', qos: 2 });
    const path = join(folder, 'run.mqttrec.jsonl');
    const started = await invoke(core, 'recording.start', { connectionIds: [connectionId], path });
    expect(started).toMatchObject({ active: true, path, connectionIds: [connectionId] });

    const count = 100_000;
    const feed = watchHistory(core, connectionId);
    const peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { protocolVersion: 5 });
    const payloadOf = (index: number): Buffer =>
      index % 3 === 0 ? Buffer.from([index & 0xff, 0x00, 0xff, 0xfe, (index >> 8) & 0xff]) : Buffer.from(`{"n":${index},"text":"é ✓"}`);
    // In windows, so QoS 1 and 2 acknowledgements keep up and nothing waits in memory for long.
    for (let start = 0; start < count; start += 2000) {
      await Promise.all(
        Array.from({ length: Math.min(2000, count - start) }, (_, offset) => {
          const index = start + offset;
          const qos = (index % 3) as 0 | 1 | 2;
          const properties = index % 10 === 0 ? { contentType: 'application/json', userProperties: { run: String(index) } } : undefined;
          return peer.publishAsync(`rec/${index % 50}`, payloadOf(index), { qos, ...(properties ? { properties } : {}) });
        }),
      );
    }
    await peer.endAsync();
    await feed.waitForRows(count, 60_000);
    const stopped = await invoke(core, 'recording.stop', {});
    expect(stopped.active).toBe(false);
    expect(stopped.counts.messages).toBe(count);

    const { store } = core.connections.get(connectionId);
    const records: MessageRecord[] = [];
    const summary = await readRecording(path, { message: (record) => records.push(record) });
    expect(summary.cut).toBeUndefined();
    expect(summary.footer?.counts.messages).toBe(count);
    expect(summary.header.connections.map((entry) => entry.subscriptions)).toEqual([['rec/#']]);
    expect(summary.counts.packets).toBeGreaterThan(count);
    expect(records).toHaveLength(count);
    for (const record of records) {
      const held = store.get(record.id);
      if (!held) throw new Error(`message ${record.id} is not in the store`);
      expect(Buffer.from(record.payload, 'base64').equals(Buffer.from(held.payload))).toBe(true);
      expect([record.topic, record.qos, record.retain, record.dup, record.packetId, record.t, record.m, record.dir]).toEqual([
        held.row.topic,
        held.row.qos,
        held.row.retain,
        held.row.dup,
        held.row.packetId,
        held.row.time,
        held.monotonicMs,
        held.row.direction,
      ]);
      expect(record.properties).toEqual(held.properties);
    }
    const withProperties = records.find((record) => record.properties?.userProperties);
    expect(withProperties?.properties).toMatchObject({ contentType: 'application/json' });
  }, 120_000);

  it('keeps what the store evicts, and records connection events', async () => {
    folder = makeTempDir();
    core = createTempCore();
    await invoke(core, 'settings.save', { settings: { history: { maxMessages: 1000, maxPayloadMB: 16 } } });
    const { connectionId } = await saveConnectAndSettle(core, profileFor(broker.port));
    await invoke(core, 'subscription.add', { connectionId, filter: 'evict/#', qos: 1 });
    const path = join(folder, 'evict.mqttrec.jsonl');
    await invoke(core, 'recording.start', { connectionIds: [], path });
    const peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
    // One burst, five times the budget: the oldest are evicted long before any batch is announced.
    await Promise.all(Array.from({ length: 5000 }, (_, index) => peer.publishAsync('evict/x', String(index), { qos: 1 })));
    await peer.endAsync();
    const { store } = core.connections.get(connectionId);
    while (store.newestId < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
    await invoke(core, 'connection.disconnect', { connectionId });
    const stopped = await invoke(core, 'recording.stop', {});
    expect(core.connections.get(connectionId).store.evicted).toBeGreaterThanOrEqual(4000);
    expect([stopped.counts.messages, stopped.missed]).toEqual([5000, 0]);
    const payloads: string[] = [];
    const states: string[] = [];
    await readRecording(path, { message: (record) => payloads.push(Buffer.from(record.payload, 'base64').toString()), event: (record) => states.push(record.state) });
    expect(payloads).toEqual(Array.from({ length: 5000 }, (_, index) => String(index)));
    expect(states).toContain('disconnected');
  }, 60_000);

  it('tells at once when the disk fills, stops cleanly, and leaves a readable file', async () => {
    folder = makeTempDir();
    const tiny = join(folder, 'tiny');
    mkdirSync(tiny);
    // A 256 KB file system: the real ENOSPC, not a simulated one.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', tiny]);
    try {
      core = createTempCore();
      const { connectionId } = await saveConnectAndSettle(core, profileFor(broker.port));
      await invoke(core, 'subscription.add', { connectionId, filter: 'full/#', qos: 0 });
      const path = join(tiny, 'full.mqttrec.jsonl');
      await invoke(core, 'recording.start', { connectionIds: [connectionId], path });
      const stopped = new Promise<RecordingStatus>((resolve) => {
        const off = core.bus.subscribe((envelope) => {
          if (envelope.name !== 'recording.updated') return;
          const status = envelope.payload as RecordingStatus;
          if (status.failure) {
            off();
            resolve(status);
          }
        });
      });
      const peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
      const big = Buffer.alloc(4096, 0x61);
      for (let index = 0; index < 200; index++) peer.publish('full/x', big);
      await peer.endAsync();
      const status = await stopped;
      expect(status.active).toBe(false);
      expect(status.failure).toMatch(/could not be written to .*full\.mqttrec\.jsonl \(ENOSPC: the disk is full\)\. Recording stopped; what was written before stays readable\./);
      expect((await invoke(core, 'recording.status', {})).failure).toBe(status.failure);
      const summary = await readRecording(path);
      expect(summary.header.connections).toHaveLength(1);
      // Cut back to its last whole line: no half-written record at the end.
      expect(summary.cut).toMatch(/^It has no footer/);
      expect(readFileSync(path).at(-1)).toBe(0x0a);
      // The app goes on: the messages are all in the history.
      await watchHistory(core, connectionId).waitForRows(200);
    } finally {
      await core?.close();
      execFileSync('umount', [tiny]);
      rmSync(tiny, { recursive: true, force: true });
    }
  }, 60_000);
});
