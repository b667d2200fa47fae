import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { MAX_PAYLOAD_SLICE_BYTES, MESSAGE_HEAD_BYTES, type MessageDetail, type MessageRow } from '../../shared/domain/message';
import { base64ToBytes } from '../../shared/payload/preview';
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

type QueryResult = { total: number; rows: MessageRow[]; evicted?: number };

describe('message.query and message.get against a real mosquitto', () => {
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

  async function receiving(): Promise<{ connectionId: string; feed: ReturnType<typeof watchHistory> }> {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    const feed = watchHistory(core, connectionId);
    await invoke(core, 'subscription.add', { connectionId, filter: '#', qos: 2 });
    await invoke(core, 'subscription.add', { connectionId, filter: '$SYS/broker/version', qos: 0 });
    peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { protocolVersion: 5 });
    return { connectionId, feed };
  }

  it('filters received traffic by wildcard, text, regex, QoS and retained, with rows for the asked range', async () => {
    const { connectionId, feed } = await receiving();
    for (const room of ['kitchen', 'hall', 'attic']) {
      await peer.publishAsync(`sensors/${room}/temp`, `{"room":"${room}","t":20}`, { qos: 1 });
      await peer.publishAsync(`sensors/${room}/humidity`, '{"h":40}', { qos: 0 });
    }
    await peer.publishAsync('sensors/kitchen/temp/raw', '20.1', { qos: 2 });
    // A live delivery carries retain 0; only the copy sent on a new subscription carries retain 1.
    await peer.publishAsync('retained/one', 'kept', { qos: 0, retain: true });
    await feed.waitForRows(9);
    await invoke(core, 'subscription.add', { connectionId, filter: 'retained/+', qos: 0 });
    // The broker's own $SYS topic (retained) arrives too, and `#` must not match it.
    await feed.waitForRows(10);

    const query = (criteria: object, from = 0, count = 100) => invoke<QueryResult>(core, 'message.query', { connectionId, from, count, ...criteria });
    const temps = await query({ filter: 'sensors/+/temp' });
    expect(temps.total).toBe(3);
    expect(temps.rows.map((row) => row.topic)).toEqual(['sensors/kitchen/temp', 'sensors/hall/temp', 'sensors/attic/temp']);
    expect(temps.rows.every((row) => row.qos === 1 && typeof row.packetId === 'number')).toBe(true);
    expect((await query({ filter: 'sensors/+/temp' }, 1, 1)).rows.map((row) => row.topic)).toEqual(['sensors/hall/temp']);
    expect((await query({ filter: '#' })).total).toBe(9);
    expect((await query({ filter: '$SYS/#' })).total).toBe(1);
    expect((await query({ text: '"room":"hall"' })).total).toBe(1);
    expect((await query({ text: '^\\{"h":\\d+\\}$', regex: true })).total).toBe(3);
    expect((await query({ qos: 2 })).rows.map((row) => row.topic)).toEqual(['sensors/kitchen/temp/raw']);
    expect((await query({ filter: 'sensors/#', retained: false, direction: 'in' })).total).toBe(7);
    expect((await query({ retained: true, filter: 'retained/#' })).rows.map((row) => [row.topic, row.preview])).toEqual([['retained/one', 'kept']]);
    expect((await query({ direction: 'out' })).total).toBe(0);
    expect((await query({})).evicted).toBe(0);
  });

  it('refuses an invalid filter or regular expression with the reason', async () => {
    const { connectionId } = await receiving();
    const badFilter = await core.router.dispatch('message.query', { connectionId, filter: 'a/#/b', from: 0, count: 10 });
    expect(badFilter.ok).toBe(false);
    const badRegex = await core.router.dispatch('message.query', { connectionId, text: '(', regex: true, from: 0, count: 10 });
    expect(badRegex.ok).toBe(false);
    if (!badRegex.ok) expect(badRegex.error.message).toContain('Not a valid regular expression');
  });

  it('returns a 10 MB payload byte-exact with its packet id and MQTT 5 properties', async () => {
    const { connectionId, feed } = await receiving();
    const payload = Buffer.alloc(10 * 1024 * 1024);
    for (let index = 0; index < payload.length; index++) payload[index] = (index * 131 + 17) & 0xff;
    await peer.publishAsync('big/blob', payload, {
      qos: 1,
      properties: { contentType: 'application/octet-stream', correlationData: Buffer.from([0xca, 0xfe]), userProperties: { origin: 'test' } },
    });
    let row: MessageRow | undefined;
    for (let seen = 1; !row; seen++) row = (await feed.waitForRows(seen, 30_000)).find((candidate) => candidate.topic === 'big/blob');
    expect(row).toMatchObject({ size: payload.length, qos: 1 });
    const messageId = row?.id;
    const detail = await invoke<MessageDetail>(core, 'message.get', { connectionId, messageId });
    expect(detail.row.packetId).toBeGreaterThan(0);
    // message.get sends the head only; the rest comes in slices of at most 1 MB.
    expect(detail.payloadSize).toBe(payload.length);
    const head = base64ToBytes(detail.payloadBase64);
    expect(head.length).toBe(MESSAGE_HEAD_BYTES);
    const parts: Uint8Array[] = [head];
    for (let offset = head.length; offset < detail.payloadSize; offset += MAX_PAYLOAD_SLICE_BYTES) {
      const slice = await invoke<{ offset: number; bytesBase64: string; totalSize: number }>(core, 'message.payload', { connectionId, messageId, offset, length: MAX_PAYLOAD_SLICE_BYTES });
      expect(slice).toMatchObject({ offset, totalSize: payload.length });
      parts.push(base64ToBytes(slice.bytesBase64));
    }
    expect(Buffer.compare(Buffer.concat(parts), payload)).toBe(0);
    expect(detail.properties).toEqual({ contentType: 'application/octet-stream', correlationDataHex: 'cafe', userProperties: [{ key: 'origin', value: 'test' }] });
    const tooLong = await core.router.dispatch('message.payload', { connectionId, messageId, offset: 0, length: MAX_PAYLOAD_SLICE_BYTES + 1 });
    expect(tooLong.ok).toBe(false);
    const pastEnd = await core.router.dispatch('message.payload', { connectionId, messageId, offset: payload.length + 1, length: 10 });
    expect(pastEnd.ok).toBe(false);
  });
});
