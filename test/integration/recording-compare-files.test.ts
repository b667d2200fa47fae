import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import { saveConnectAndSettle, watchHistory } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { editedRecordingCopy } from '../helpers/recording-edit';
import { coreOn, makeTempDir, removeTempDir } from '../helpers/temp-core';

async function invoke<N extends RequestName>(core: AppCore, name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
  const result = await core.router.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as RequestOutput<N>;
}

async function refusal<N extends RequestName>(core: AppCore, name: N, input: unknown): Promise<string> {
  const result = await core.router.dispatch(name, input as RequestInput<N>);
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.error.message;
}


describe('recording files and compare, on recordings made against a real mosquitto', () => {
  let broker: Broker;
  let core: AppCore;
  let dataDir: string;
  let recorded: string;

  beforeAll(async () => {
    broker = await startMosquitto();
    dataDir = makeTempDir();
    core = coreOn(dataDir);
    const { connectionId } = await saveConnectAndSettle(core, profileFor(broker.port));
    await invoke(core, 'subscription.add', { connectionId, filter: 'cmp/#', qos: 1 });
    const feed = watchHistory(core, connectionId);
    const started = await invoke(core, 'recording.start', { connectionIds: [] });
    const peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
    for (let index = 1; index <= 6; index++) await peer.publishAsync(index % 2 ? 'cmp/odd' : 'cmp/even', JSON.stringify({ seq: index, value: index * 10 }), { qos: 1 });
    await peer.endAsync();
    await feed.waitForRows(6);
    feed.stop();
    await invoke(core, 'recording.stop', {});
    recorded = started.path ?? '';
  });
  afterAll(async () => {
    await core?.close();
    await broker.stop();
    removeTempDir(dataDir);
  });

  it('lists the recordings in the recordings folder, newest first, with size and time', async () => {
    const copy = join(dataDir, 'recordings', 'later.mqttrec.jsonl');
    writeFileSync(copy, readFileSync(recorded));
    writeFileSync(join(dataDir, 'recordings', 'notes.txt'), 'not a recording');
    const { folder, files } = await invoke(core, 'recording.files', {});
    expect(folder).toBe(join(dataDir, 'recordings'));
    expect(files.map((file) => file.name)).toEqual(['later.mqttrec.jsonl', recorded.split('/').at(-1)]);
    expect(files[1]).toMatchObject({ path: recorded, bytes: readFileSync(recorded).byteLength });
    expect(files[0]?.modifiedAt).toBeGreaterThanOrEqual(files[1]?.modifiedAt ?? Infinity);
  });

  it('lists no recordings, without an error, before the recordings folder exists', async () => {
    const fresh = makeTempDir();
    const other = coreOn(fresh);
    try {
      expect(await invoke(other, 'recording.files', {})).toEqual({ folder: join(fresh, 'recordings'), files: [] });
    } finally {
      await other.close();
      removeTempDir(fresh);
    }
  });

  it('says two copies of one recording are the same', async () => {
    const copy = join(dataDir, 'same.mqttrec.jsonl');
    writeFileSync(copy, readFileSync(recorded));
    const report = await invoke(core, 'recording.compare', { a: recorded, b: copy, direction: 'in' });
    expect(report.same).toBe(true);
    expect(report.summary).toEqual({ missing: 0, extra: 0, changed: 0, timing: 0, pairs: 6 });
    expect(report.topics.lines).toEqual([
      { topic: 'cmp/even', a: 3, b: 3 },
      { topic: 'cmp/odd', a: 3, b: 3 },
    ]);
  });

  it('finds a dropped message and a changed payload by order, and each line carries both messages', async () => {
    const edited = join(dataDir, 'edited.mqttrec.jsonl');
    // Message 2 (cmp/even seq 2) dropped, message 5 (cmp/odd seq 5) changed.
    editedRecordingCopy(recorded, edited, (_payload, index) => (index === 1 ? 'drop' : index === 4 ? JSON.stringify({ seq: 5, value: 51 }) : undefined));
    const report = await invoke(core, 'recording.compare', { a: recorded, b: edited, direction: 'in' });
    expect(report.same).toBe(false);
    expect(report.topics.lines[0]).toEqual({ topic: 'cmp/even', a: 3, b: 2 });
    // By order, dropping the first even message shifts the rest: 4 pairs with 2's place, so they differ too.
    expect(report.missing.lines.map((line) => [line.a.ordinal, line.a.topic])).toEqual([[6, 'cmp/even']]);
    const changedOdd = report.changed.lines.find((line) => line.a.topic === 'cmp/odd');
    expect(changedOdd?.a).toMatchObject({ ordinal: 5, language: 'json' });
    expect(changedOdd?.a.payload).toContain('"value": 50');
    expect(changedOdd?.b).toMatchObject({ ordinal: 4 });
    expect(changedOdd?.b.payload).toContain('"value": 51');
    expect(changedOdd?.a.time).toBeGreaterThan(0);
  });

  it('pairs by a JSON field, so a dropped message is the only one missing', async () => {
    const edited = join(dataDir, 'edited-field.mqttrec.jsonl');
    editedRecordingCopy(recorded, edited, (_payload, index) => (index === 1 ? 'drop' : index === 4 ? JSON.stringify({ seq: 5, value: 51 }) : undefined));
    const report = await invoke(core, 'recording.compare', { a: recorded, b: edited, matchField: 'seq', gapMs: 100_000, direction: 'in' });
    expect(report.summary).toEqual({ missing: 1, extra: 0, changed: 1, timing: 0, pairs: 5 });
    expect(report.missing.lines[0]?.a).toMatchObject({ ordinal: 2, topic: 'cmp/even' });
    expect(report.missing.lines[0]?.a.payload).toContain('"seq": 2');
    expect(report.changed.lines[0]).toMatchObject({ key: '5', a: { ordinal: 5 }, b: { ordinal: 4 } });
  });

  it('lists the first lines of a long category and counts the rest', async () => {
    const edited = join(dataDir, 'many.mqttrec.jsonl');
    const lines = readFileSync(recorded, 'utf8').split('\n');
    const template = JSON.parse(lines.find((line) => line.includes('"type":"message"')) ?? '{}') as Record<string, unknown>;
    const payloadOf = (index: number) => (index === 1 ? `long ${'y'.repeat(10_000)}` : `extra ${index}`);
    const extra = Array.from({ length: 250 }, (_, index) => JSON.stringify({ ...template, id: 1000 + index, topic: 'cmp/more', payload: Buffer.from(payloadOf(index)).toString('base64') }));
    writeFileSync(edited, [lines[0], ...extra].join('\n') + '\n');
    const report = await invoke(core, 'recording.compare', { a: recorded, b: edited, direction: 'in' });
    expect(report.summary.extra).toBe(250);
    expect(report.extra.lines).toHaveLength(200);
    expect(report.extra.more).toBe(50);
    expect(report.extra.lines[0]?.b).toMatchObject({ ordinal: 1, topic: 'cmp/more', payload: 'extra 0' });
    // A long payload is cut to a glance, and says so; its size is the whole one.
    expect(report.extra.lines[1]?.b).toMatchObject({ ordinal: 2, size: 10_005, cut: true });
    expect(report.extra.lines[1]?.b.payload.length).toBe(4096);
    expect(report.extra.lines[0]?.b.cut).toBeUndefined();
    expect(report.b.cut).toMatch(/no footer/);
  });

  it('refuses a missing file, a relative path and a bad field path with what is wrong', async () => {
    expect(await refusal(core, 'recording.compare', { a: recorded, b: join(dataDir, 'nope.mqttrec.jsonl'), direction: 'in' })).toMatch(/nope\.mqttrec\.jsonl could not be opened \(ENOENT\)/);
    expect(await refusal(core, 'recording.compare', { a: recorded, b: 'relative.jsonl', direction: 'in' })).toMatch(/full path/);
    expect(await refusal(core, 'recording.compare', { a: recorded, b: recorded, matchField: 'a..b', direction: 'in' })).toMatch(/Field path "a\.\.b"/);
  });
});
