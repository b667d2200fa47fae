import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { MessageDetail } from '../../shared/domain/message';
import type { ProfileInput } from '../../shared/domain/profile';
import { saveAndConnect, watchHistory } from '../helpers/core-waits';
import { startMosquitto, type Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { openAndRead } from '../helpers/recording-sessions';
import { call } from '../helpers/broker-core';
import { coreOn, createTempCore, makeTempDir, removeTempDir } from '../helpers/temp-core';

const run = promisify(execFile);
const fixture = (name: string) => join(__dirname, '../fixtures/sparkplug', name);

describe('schema-decoded payloads against a real mosquitto', () => {
  let broker: Broker;
  let core: AppCore;

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(async () => {
    await core?.close();
  });

  async function receiving(filter: string, overrides: Partial<ProfileInput> = {}) {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, overrides));
    const feed = watchHistory(core, connectionId);
    await call(core, 'subscription.add', { connectionId, filter, qos: 1 });
    const detail = (messageId: number) => call(core, 'message.get', { connectionId, messageId });
    return { connectionId, feed, detail };
  }

  const publishFile = (topic: string, file: string) => run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-q', '1', '-t', topic, '-f', file]);

  it('decodes a Sparkplug NBIRTH + NDATA pair published by mosquitto_pub, with the NDATA metric names from the birth', async () => {
    const { connectionId, feed, detail } = await receiving('spBv1.0/#');
    // Tahu-encoded fixtures (see test/unit/payload-sparkplug.test.ts for where they come from).
    await publishFile('spBv1.0/plant/NBIRTH/edge1', fixture('nbirth.bin'));
    await publishFile('spBv1.0/plant/NDATA/edge1', fixture('ndata.bin'));
    const rows = await feed.waitForRows(2);
    const birth = await detail(rows[0]!.id);
    expect(birth.decoded).toMatchObject({ format: 'sparkplug', label: 'Sparkplug B' });
    const data = await detail(rows[1]!.id);
    expect(data.decoded?.notes).toEqual([`Metric names resolved from the NBIRTH of edge node edge1 (message #${rows[0]!.id}).`]);
    const json = JSON.parse(data.decoded?.text ?? '{}') as { seq: number; metrics: { name?: string; value: unknown }[] };
    expect(json.seq).toBe(1);
    expect(json.metrics.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'Temperature', value: 22.25 },
      { name: 'Counter', value: 8 },
    ]);

    // The plot's field picker and series read metric values by name, the export carries `decoded`.
    const { fields } = await call(core, 'message.fields', { connectionId, topic: 'spBv1.0/plant/NDATA/#' });
    expect(fields.map((field) => field.path)).toEqual(expect.arrayContaining(['seq', 'metrics.Temperature', 'metrics.Counter']));
    const series = await call(core, 'message.series', { connectionId, topic: 'spBv1.0/plant/NDATA/#', field: 'metrics.Temperature', limit: 10 });
    expect(series.points.values).toEqual([22.25]);
    const exported = await call(core, 'message.export', { connectionId, format: 'jsonl', count: 10 });
    const lines = exported.text.trim().split('\n').map((line) => JSON.parse(line) as { decoded?: { metrics: { name?: string }[] } });
    expect(lines[1]?.decoded?.metrics[0]?.name).toBe('Temperature');
  });

  it('decodes a payload by the Protobuf type its topic is mapped to, and names the byte of one that does not decode', async () => {
    const source = 'syntax = "proto3";\npackage acme;\nmessage Reading { string sensor = 1; double value = 2; }\n';
    const { feed, detail } = await receiving('sensors/#', {
      protobuf: { files: [{ name: 'acme.proto', source }], mappings: [{ filter: 'sensors/#', type: 'acme.Reading' }] },
    });
    // sensor = "t1", value = 21.5, written out by hand: field 1 length-delimited, field 2 fixed64.
    const reading = Buffer.concat([Buffer.from([0x0a, 0x02]), Buffer.from('t1'), Buffer.from([0x11]), Buffer.from(new Float64Array([21.5]).buffer)]);
    const directory = mkdtempSync(join(tmpdir(), 'mqtt-lab-proto-'));
    writeFileSync(join(directory, 'good.bin'), reading);
    // A string field claiming 9 bytes where one follows.
    writeFileSync(join(directory, 'bad.bin'), Uint8Array.of(0x0a, 0x09, 0x41));
    await publishFile('sensors/a', join(directory, 'good.bin'));
    await publishFile('sensors/a', join(directory, 'bad.bin'));
    rmSync(directory, { recursive: true });
    const rows = await feed.waitForRows(2);
    const decoded = await Promise.all(rows.map((row) => detail(row.id).then((one) => one.decoded)));
    expect(JSON.parse(decoded[0]?.text ?? '{}')).toEqual({ sensor: 't1', value: 21.5 });
    expect(decoded[0]?.label).toBe('Protobuf acme.Reading');
    expect(decoded[1]?.error).toMatch(/^Not Protobuf acme\.Reading: .*at byte 1/);
  });

  it('resolves Sparkplug aliases and decodes mapped Protobuf in an opened recording too', async () => {
    const source = 'syntax = "proto3"; package acme; message Reading { string sensor = 1; }';
    const { connectionId, feed } = await receiving('#', {
      protobuf: { files: [{ name: 'acme.proto', source }], mappings: [{ filter: 'sensors/#', type: 'acme.Reading' }] },
    });
    const dataDir = makeTempDir();
    const path = join(dataDir, 'run.mqttrec.jsonl');
    await call(core, 'recording.start', { connectionIds: [connectionId], path });
    await publishFile('spBv1.0/plant/NBIRTH/edge1', fixture('nbirth.bin'));
    await publishFile('spBv1.0/plant/NDATA/edge1', fixture('ndata.bin'));
    await call(core, 'message.publish', { connectionId, topic: 'sensors/a', qos: 1, retain: false, payload: Buffer.from([0x0a, 0x02, 0x74, 0x31]).toString('base64'), encoding: 'base64' });
    await feed.waitForRows(4);
    await call(core, 'recording.stop', {});
    const readerDir = makeTempDir();
    const reader = coreOn(readerDir);
    try {
      const { sessionId } = await openAndRead(reader, path);
      const get = (messageId: number) => reader.router.dispatch('message.get', { connectionId: sessionId, messageId }).then((result) => (result.ok ? (result.value as MessageDetail) : undefined));
      const details = await Promise.all([1, 2, 3, 4].map(get));
      const ndata = details.find((detail) => detail?.row.topic === 'spBv1.0/plant/NDATA/edge1');
      expect(ndata?.decoded?.notes[0]).toMatch(/^Metric names resolved from the NBIRTH of edge node edge1/);
      expect(ndata?.decoded?.text).toContain('"name": "Temperature"');
      const reading = details.find((detail) => detail?.row.topic === 'sensors/a');
      expect(reading?.decoded?.text).toBeDefined();
      expect(JSON.parse(reading?.decoded?.text ?? '{}')).toEqual({ sensor: 't1' });
    } finally {
      await reader.close();
      removeTempDir(dataDir);
      removeTempDir(readerDir);
    }
  });
});
