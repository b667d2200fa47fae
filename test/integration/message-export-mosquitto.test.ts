import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { MessageDetail, MessageRow } from '../../shared/domain/message';
import type { ExportedMessage } from '../../shared/export/exported-message';
import { parseJsonLines } from '../../shared/export/jsonl';
import { parseMessageCsv } from '../../shared/export/message-csv';
import { base64ToBytes } from '../../shared/payload/preview';
import type { ExportPage, SeriesPage } from '../../shared/requests/series-export';
import { watchHistory, saveAndConnect } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

async function invoke<T>(core: AppCore, channel: string, input: unknown): Promise<T> {
  const result = await core.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const published: Array<{ topic: string; payload: Buffer; qos: 0 | 1; retain?: boolean }> = [
  { topic: 'mix/text', payload: Buffer.from('plain text'), qos: 0 },
  { topic: 'mix/binary', payload: Buffer.from(Array.from({ length: 256 }, (_, index) => 255 - index)), qos: 1 },
  { topic: 'mix/empty', payload: Buffer.alloc(0), qos: 1 },
  { topic: 'mix/csv-hostile', payload: Buffer.from('a, "quoted"\r\nsecond line\nthird,,'), qos: 0 },
  { topic: 'mix/unicode', payload: Buffer.from('température 🌡️ 21,5 °C'), qos: 1 },
  { topic: 'mix/invalid-utf8', payload: Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x0a]), qos: 0 },
  { topic: 'sensor/temp', payload: Buffer.from('{"temp":20.5,"nested":{"v":[1,2]}}'), qos: 1 },
];

describe('message.export and message.series against a real mosquitto', () => {
  let broker: Broker;
  let core: AppCore;
  let peer: mqtt.MqttClient;

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(async () => {
    await peer?.endAsync();
    await core?.close();
  });

  async function receiving(filter: string): Promise<{ connectionId: string; feed: ReturnType<typeof watchHistory> }> {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    const feed = watchHistory(core, connectionId);
    await invoke(core, 'subscription.add', { connectionId, filter, qos: 1 });
    peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { protocolVersion: 5 });
    return { connectionId, feed };
  }

  async function exportAll(connectionId: string, format: 'jsonl' | 'csv', criteria: object, count: number): Promise<{ text: string; pages: number }> {
    let text = '';
    let pages = 0;
    let cursor: ExportPage['next'];
    do {
      const page = await invoke<ExportPage>(core, 'message.export', { connectionId, ...criteria, format, count, ...(cursor ? { cursor } : {}) });
      expect(page.evictedDuringExport).toBeUndefined();
      text += page.text;
      pages++;
      cursor = page.next;
    } while (cursor);
    return { text, pages };
  }

  async function storedMessages(connectionId: string): Promise<ExportedMessage[]> {
    const { rows } = await invoke<{ rows: MessageRow[] }>(core, 'message.list', { connectionId, from: 0, count: 1000 });
    return Promise.all(
      rows.map(async (row) => {
        const detail = await invoke<MessageDetail>(core, 'message.get', { connectionId, messageId: row.id });
        const message: ExportedMessage = {
          id: row.id,
          timeMs: row.time,
          direction: row.direction,
          topic: row.topic,
          qos: row.qos,
          retain: row.retain,
          dup: row.dup,
          payload: base64ToBytes(detail.payloadBase64),
        };
        if (row.packetId !== undefined) message.packetId = row.packetId;
        if (detail.properties) message.properties = { ...detail.properties };
        return message;
      }),
    );
  }

  it('exports received traffic in pages as JSON Lines and CSV that parse back byte-exact with all metadata', async () => {
    const { connectionId, feed } = await receiving('mix/#');
    // Retained before the second subscription, so its copy arrives with the retain flag.
    await peer.publishAsync('kept/state', Buffer.from('retained "value", kept'), { qos: 1, retain: true });
    for (const message of published) {
      await peer.publishAsync(message.topic, message.payload, {
        qos: message.qos,
        ...(message.topic === 'mix/unicode' ? { properties: { contentType: 'text/plain', userProperties: { unit: '°C' } } } : {}),
      });
    }
    await invoke(core, 'subscription.add', { connectionId, filter: 'kept/#', qos: 1 });
    await invoke(core, 'subscription.add', { connectionId, filter: 'sensor/#', qos: 0 });
    await peer.publishAsync('sensor/temp', Buffer.from('{"temp":21}'), { qos: 1 });
    // mix/# delivers the first six; kept/state arrives retained; sensor/temp only the late one.
    const rows = await feed.waitForRows(8);
    expect(rows.find((row) => row.topic === 'kept/state')).toMatchObject({ retain: true, qos: 1 });
    await invoke(core, 'message.publish', { connectionId, topic: 'out/cmd', qos: 1, retain: false, payload: '//79', encoding: 'base64' });
    await feed.waitForRows(9);

    const stored = await storedMessages(connectionId);
    expect(stored).toHaveLength(9);
    expect(stored.some((message) => message.direction === 'out' && message.packetId !== undefined)).toBe(true);
    expect(stored.some((message) => message.properties?.contentType === 'text/plain')).toBe(true);
    // Byte-exact against what the peer published, not only against the store.
    for (const message of published.slice(0, 6)) {
      const match = stored.find((candidate) => candidate.topic === message.topic);
      expect(Buffer.compare(Buffer.from(match?.payload ?? []), message.payload), message.topic).toBe(0);
    }

    const jsonl = await exportAll(connectionId, 'jsonl', {}, 2);
    expect(jsonl.pages).toBe(5);
    expect(parseJsonLines(jsonl.text)).toEqual(stored);
    const csv = await exportAll(connectionId, 'csv', {}, 4);
    expect(csv.pages).toBe(3);
    expect(parseMessageCsv(csv.text)).toEqual(stored);

    const filtered = parseJsonLines((await exportAll(connectionId, 'jsonl', { filter: 'mix/+', qos: 1 }, 20_000)).text);
    expect(filtered.map((message) => message.topic)).toEqual(['mix/binary', 'mix/empty', 'mix/unicode']);
    expect(filtered).toEqual(stored.filter((message) => message.topic.startsWith('mix/') && message.qos === 1));
    const searched = parseMessageCsv((await exportAll(connectionId, 'csv', { text: 'quoted' }, 20_000)).text);
    expect(searched.map((message) => message.topic)).toEqual(['mix/csv-hostile']);
  });

  it('returns the published numbers of a topic in order, and only newer ones after an id', async () => {
    const { connectionId, feed } = await receiving('plant/#');
    const values = [20.5, 21, -3.25, 1e21, 0];
    for (const temp of values) await peer.publishAsync('plant/line1', JSON.stringify({ temp, meta: { seq: values.indexOf(temp) } }), { qos: 1 });
    await peer.publishAsync('plant/line1', 'offline', { qos: 1 });
    await peer.publishAsync('plant/line2', '{"temp":99}', { qos: 1 });
    await feed.waitForRows(values.length + 2);

    const fields = await invoke<{ fields: Array<{ path: string; sample: number }> }>(core, 'message.fields', { connectionId, topic: 'plant/line1' });
    expect(fields.fields).toEqual([
      { path: 'temp', sample: 0 },
      { path: 'meta.seq', sample: 4 },
    ]);
    const first = await invoke<SeriesPage>(core, 'message.series', { connectionId, topic: 'plant/line1', field: 'temp', limit: 1000 });
    expect(first.points.values).toEqual(values);
    expect(first.skipped).toBe(1);
    expect(first.points.times.every((time, index) => index === 0 || time >= (first.points.times[index - 1] ?? 0))).toBe(true);

    await peer.publishAsync('plant/line1', '{"temp":22.75}', { qos: 1 });
    await feed.waitForRows(values.length + 3);
    const newer = await invoke<SeriesPage>(core, 'message.series', { connectionId, topic: 'plant/line1', field: 'temp', afterId: first.lastId, limit: 1000 });
    expect(newer.points.values).toEqual([22.75]);
    expect(newer.skipped).toBe(0);
    const wildcard = await invoke<SeriesPage>(core, 'message.series', { connectionId, topic: 'plant/+', field: 'temp', limit: 1000 });
    expect(wildcard.points.values).toEqual([...values, 99, 22.75]);

    const bad = await core.router.dispatch('message.series', { connectionId, topic: 'plant/line1', field: 'temp[', limit: 10 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'invalid_input', field: 'field' });
  });
});
