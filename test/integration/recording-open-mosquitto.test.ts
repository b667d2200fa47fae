import { copyFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { readRecording } from '../../electron/core/recording/recording-reader';
import type { MessageRecord } from '../../shared/recording/records';
import { call, failureOf } from '../helpers/broker-core';
import { saveConnectAndSettle, waitForSnapshot, watchHistory } from '../helpers/core-waits';
import { arrows } from '../helpers/flow-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { openAndRead } from '../helpers/recording-sessions';
import { writeSyntheticRecording } from '../helpers/synthetic-recording';
import { coreOn, createTempCore, makeTempDir, removeTempDir } from '../helpers/temp-core';

const COUNT = 3000;

describe('opening a recording as a read-only session', () => {
  let broker: Broker;
  let recordingCore: AppCore;
  let core: AppCore;
  let dataDir: string;
  let path: string;
  let records: MessageRecord[];
  let connectionId: string;

  // One real session recorded against mosquitto: QoS 0, 1 and 2, binary and text, MQTT 5 properties,
  // messages in and out, written by the app's own recorder into its recordings folder.
  beforeAll(async () => {
    broker = await startMosquitto();
    dataDir = makeTempDir();
    recordingCore = createTempCore();
    ({ connectionId } = await saveConnectAndSettle(recordingCore, profileFor(broker.port, { protocolVersion: 5, name: 'recorded' })));
    await call(recordingCore, 'subscription.add', { connectionId, filter: 'open/#', qos: 2 });
    path = join(dataDir, 'recordings', 'run.mqttrec.jsonl');
    mkdirSync(join(dataDir, 'recordings'), { recursive: true });
    await call(recordingCore, 'recording.start', { connectionIds: [connectionId], path });
    const feed = watchHistory(recordingCore, connectionId);
    const peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { protocolVersion: 5 });
    for (let start = 0; start < COUNT; start += 500) {
      await Promise.all(
        Array.from({ length: 500 }, (_, offset) => {
          const index = start + offset;
          const payload = index % 3 === 0 ? Buffer.from([index & 0xff, 0x00, 0xff, 0xfe]) : Buffer.from(`{"n":${index},"t":"é ✓"}`);
          const properties = index % 10 === 0 ? { contentType: 'application/json', userProperties: { run: String(index) } } : undefined;
          return peer.publishAsync(`open/${index % 20}/v`, payload, { qos: (index % 3) as 0 | 1 | 2, ...(properties ? { properties } : {}) });
        }),
      );
    }
    await peer.endAsync();
    // And one of ours, so the file holds an outgoing message too.
    await call(recordingCore, 'message.publish', { connectionId, topic: 'sent/by/us', qos: 1, retain: false, payload: 'hello', encoding: 'utf8' });
    await feed.waitForRows(COUNT + 1, 30_000);
    // A disconnect and a connect while recording, for the lifeline.
    await call(recordingCore, 'connection.disconnect', { connectionId });
    const again = waitForSnapshot(recordingCore, connectionId, (snapshot) => snapshot.status.state === 'connected');
    await call(recordingCore, 'connection.connect', { connectionId });
    await again;
    await call(recordingCore, 'recording.stop', {});
    records = [];
    await readRecording(path, { message: (record) => records.push(record) });
    expect(records.length).toBeGreaterThanOrEqual(COUNT + 1);
    core = coreOn(dataDir);
  }, 120_000);

  afterAll(async () => {
    await recordingCore?.close();
    await core?.close();
    await broker?.stop();
    removeTempDir(dataDir);
  });

  it('gives every message the ordinal of its record in the file as its id, with its metadata and bytes exact', async () => {
    const view = await openAndRead(core, path);
    expect(view.sessionId).toMatch(/^recording:/);
    expect(view).toMatchObject({ done: true, fileName: 'run.mqttrec.jsonl', path, appVersion: 'test', problems: [] });
    expect(view.cut).toBeUndefined();
    expect(view.counts.messages).toBe(records.length);
    expect(view.connections[0]?.profile.name).toBe('recorded');
    expect(JSON.stringify(view)).not.toContain('secrets"');

    const history = await call(core, 'message.history', { connectionId: view.sessionId });
    expect([history.firstId, history.lastId, history.total]).toEqual([1, records.length, records.length]);
    for (const [index, record] of records.entries()) {
      const detail = await call(core, 'message.get', { connectionId: view.sessionId, messageId: index + 1 });
      expect([detail.row.topic, detail.row.time, detail.monotonicMs, detail.row.direction, detail.row.qos, detail.row.retain, detail.row.dup, detail.row.packetId]).toEqual([
        record.topic,
        record.t,
        record.m,
        record.dir,
        record.qos,
        record.retain,
        record.dup,
        record.packetId,
      ]);
      expect(detail.properties).toEqual(record.properties);
      const bytes = await call(core, 'message.payload', { connectionId: view.sessionId, messageId: index + 1, offset: 0, length: 1 << 20 });
      expect(bytes.bytesBase64).toBe(record.payload);
    }
    const outgoing = records.findIndex((record) => record.dir === 'out');
    expect((await call(core, 'message.get', { connectionId: view.sessionId, messageId: outgoing + 1 })).row.topic).toBe('sent/by/us');
  }, 60_000);

  it('fills the topic tree, answers filtered queries, and builds QoS flows from the recorded packets', async () => {
    const { sessionId } = await openAndRead(core, path);
    const tree = await call(core, 'topics.rows', { connectionId: sessionId, expanded: [], from: 0, count: 100 });
    expect(tree.topicCount).toBe(20);
    expect(tree.messageCount).toBe(records.filter((record) => record.dir === 'in').length);

    const matches = await call(core, 'message.query', { connectionId: sessionId, filter: 'open/7/#', from: 0, count: 10 });
    expect(matches.total).toBe(records.filter((record) => record.topic === 'open/7/v').length);

    const qos2 = records.findIndex((record) => record.qos === 2 && record.dir === 'in');
    const { flowId } = await call(core, 'flows.ofMessage', { connectionId: sessionId, messageId: qos2 + 1 });
    expect(flowId).not.toBeNull();
    const { flows } = await call(core, 'flows.get', { connectionId: sessionId, flowIds: [flowId ?? 0], warnAfterMs: 5000 });
    expect(flows[0]).toMatchObject({ kind: 'publish', qos: 2, state: 'complete', messageId: qos2 + 1 });
    expect(arrows(flows[0]!)).toEqual(['←PUBLISH', '→PUBREC', '←PUBREL', '→PUBCOMP']);

    const sent = records.findIndex((record) => record.dir === 'out');
    const sentFlow = await call(core, 'flows.ofMessage', { connectionId: sessionId, messageId: sent + 1 });
    const [puback] = (await call(core, 'flows.get', { connectionId: sessionId, flowIds: [sentFlow.flowId ?? 0], warnAfterMs: 5000 })).flows;
    expect(puback).toMatchObject({ origin: 'client', qos: 1, state: 'complete' });

    const packets = await call(core, 'packets.list', { connectionId: sessionId, afterSeq: 0, limit: 10 });
    expect(packets.total).toBeGreaterThan(COUNT);
    // The file's PUBLISH packets carry no payload; linked to their messages, they are rebuilt with it.
    let qos2Packet: (typeof packets.packets)[number] | undefined;
    for (let afterSeq = 0; !qos2Packet; ) {
      const page = await call(core, 'packets.list', { connectionId: sessionId, afterSeq, limit: 5000 });
      if (page.packets.length === 0) break;
      qos2Packet = page.packets.find((row) => row.cmd === 'publish' && row.direction === 'received' && row.topic === records[qos2]!.topic && row.packetId === records[qos2]!.packetId);
      afterSeq = page.lastSeq;
    }
    const bytes = Buffer.from((await call(core, 'packets.get', { source: 'client', connectionId: sessionId, seq: qos2Packet?.seq ?? 0 })).bytesBase64, 'base64');
    expect(bytes.subarray(bytes.length - Buffer.from(records[qos2]!.payload, 'base64').length).toString('base64')).toBe(records[qos2]!.payload);
    const lifeline = await call(core, 'lifeline.get', { connectionId: sessionId });
    expect(lifeline.events.map((event) => event.kind)).toEqual(expect.arrayContaining(['connect-attempt', 'connack']));
  }, 60_000);

  it('is usable before the whole file is read: the first history update comes with rows to read while the reading goes on', async () => {
    const large = join(dataDir, 'large.mqttrec.jsonl');
    writeSyntheticRecording(large, 200_000);
    let firstUpdate: Promise<{ total: number; rows: number; done: boolean }> | undefined;
    let sessionId: string | undefined;
    const seen = new Promise<{ total: number; rows: number; done: boolean }>((resolve) => {
      const off = core.bus.subscribe((envelope) => {
        if (firstUpdate || envelope.name !== 'messages.appended' || sessionId === undefined) return;
        const update = envelope.payload as { connectionId: string; total: number };
        if (update.connectionId !== sessionId) return;
        off();
        // Asked at once, as a view would: rows by id, and whether the file is still being read.
        firstUpdate = (async () => {
          const { rows } = await call(core, 'message.list', { connectionId: update.connectionId, from: 0, count: 50 });
          const session = (await call(core, 'recording.sessions', {})).sessions.find((view) => view.sessionId === update.connectionId);
          return { total: update.total, rows: rows.length, done: session?.done ?? true };
        })();
        void firstUpdate.then(resolve);
      });
    });
    sessionId = (await call(core, 'recording.open', { path: large })).sessionId;
    const first = await seen;
    expect(first.total).toBeGreaterThan(0);
    expect(first.total).toBeLessThan(200_000);
    expect(first.rows).toBe(Math.min(50, first.total));
    expect(first.done).toBe(false);
    await call(core, 'recording.close', { sessionId });
  }, 60_000);

  it('refuses everything that would change it, saying it is read-only', async () => {
    const { sessionId } = await openAndRead(core, path);
    const refusals = await Promise.all([
      failureOf(core, 'message.publish', { connectionId: sessionId, topic: 'a', qos: 0, retain: false, payload: 'x', encoding: 'utf8' }),
      failureOf(core, 'subscription.add', { connectionId: sessionId, filter: 'a/#', qos: 0 }),
      failureOf(core, 'connection.connect', { connectionId: sessionId }),
      failureOf(core, 'message.clear', { connectionId: sessionId }),
      failureOf(core, 'topics.clearRetained', { connectionId: sessionId, topic: 'open/1/v', recursive: false }),
      failureOf(core, 'flows.clear', { connectionId: sessionId }),
      failureOf(core, 'connection.remove', { connectionId: sessionId }),
    ]);
    for (const message of refusals) expect(message).toMatch(/^A recording is read-only/);
    // And no profile can take a recording's id.
    const taken = await failureOf(core, 'connection.save', { profile: profileFor(broker.port, { id: sessionId }) });
    expect(taken).toBe('profile.id: A profile id may not start with "recording:"; that is kept for opened recordings.');
    expect((await call(core, 'message.history', { connectionId: sessionId })).total).toBe(records.length);
  });

  it('opens a file cut mid-line, shows everything before the cut and says it was cut', async () => {
    const cut = join(dataDir, 'cut.mqttrec.jsonl');
    copyFileSync(path, cut);
    const text = readFileSync(cut, 'utf8');
    // Halfway through a line in the middle of the file, as a crash leaves it.
    const middle = text.indexOf('\n', text.length >> 1) + 40;
    truncateSync(cut, Buffer.byteLength(text.slice(0, middle)));
    const wholeLines = text.slice(0, middle).split('\n').slice(0, -1);
    const messagesBefore = wholeLines.filter((line) => line.startsWith('{"type":"message"')).length;
    const view = await openAndRead(core, cut);
    expect(view.done).toBe(true);
    expect(view.cut).toMatch(/cut short.*no footer/s);
    expect(view.counts.messages).toBe(messagesBefore);
    expect((await call(core, 'message.history', { connectionId: view.sessionId })).total).toBe(messagesBefore);
  });

  it('refuses a file that is not a recording, an empty one and a missing one, each with its reason', async () => {
    const text = join(dataDir, 'notes.txt');
    writeFileSync(text, 'shopping list\nmilk\n');
    const json = join(dataDir, 'other.json');
    writeFileSync(json, '{"type":"header","format":"something-else"}\n');
    const empty = join(dataDir, 'empty.mqttrec.jsonl');
    writeFileSync(empty, '');
    expect(await failureOf(core, 'recording.open', { path: text })).toBe(`${text} is not an MQTT Lab recording: it does not start with a recording header.`);
    expect(await failureOf(core, 'recording.open', { path: json })).toContain('is not an MQTT Lab recording: its first line is not an MQTT Lab recording (format "something-else")');
    expect(await failureOf(core, 'recording.open', { path: empty })).toBe(`${empty} is empty: it is not an MQTT Lab recording.`);
    expect(await failureOf(core, 'recording.open', { path: join(dataDir, 'gone.mqttrec.jsonl') })).toBe(`There is no file at ${join(dataDir, 'gone.mqttrec.jsonl')}.`);
    expect(await failureOf(core, 'recording.open', { path: dataDir })).toBe(`${dataDir} is a folder, not a recording file.`);
    const { sessions } = await call(core, 'recording.sessions', {});
    expect(sessions.every((session) => session.error === undefined)).toBe(true);
  });

  it('lists the recordings folder, and forgets a closed session', async () => {
    const { folder, files } = await call(core, 'recording.files', {});
    expect(folder).toBe(join(dataDir, 'recordings'));
    expect(files).toEqual([expect.objectContaining({ path, name: 'run.mqttrec.jsonl', bytes: readFileSync(path).length })]);
    const { sessionId } = await openAndRead(core, path);
    await call(core, 'recording.close', { sessionId });
    // Closed while its file is still being read: nothing more is said about it (and reading is aborted).
    const early = await call(core, 'recording.open', { path });
    await call(core, 'recording.close', { sessionId: early.sessionId });
    const heard: string[] = [];
    const off = core.bus.subscribe((envelope) => {
      if (envelope.name === 'recording.session.updated' || envelope.name === 'messages.appended') heard.push((envelope.payload as { sessionId?: string; connectionId?: string }).sessionId ?? (envelope.payload as { connectionId: string }).connectionId);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    off();
    expect(heard).not.toContain(early.sessionId);
    expect((await call(core, 'recording.sessions', {})).sessions.map((session) => session.sessionId)).not.toContain(sessionId);
    expect(await failureOf(core, 'message.history', { connectionId: sessionId })).toBe('That recording is no longer open. Open the file again.');
  });
});
