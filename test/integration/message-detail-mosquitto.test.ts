import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { MessageDetail, MessageRow } from '../../shared/domain/message';
import { mosquittoPubCommand } from '../../shared/mqtt/mosquitto-pub-command';
import { base64ToBytes } from '../../shared/payload/preview';
import { watchHistory, saveAndConnect } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

const run = promisify(execFile);

async function invoke<T>(core: AppCore, channel: string, input: unknown): Promise<T> {
  const result = await core.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('the message detail against a real mosquitto', () => {
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

  async function receiving(filter: string) {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    const feed = watchHistory(core, connectionId);
    await invoke(core, 'subscription.add', { connectionId, filter, qos: 1 });
    const detail = (messageId: number) => invoke<MessageDetail>(core, 'message.get', { connectionId, messageId });
    return { connectionId, feed, detail };
  }

  it('keeps every MQTT 5 property mosquitto_pub sets, repeated user property keys included', async () => {
    const { feed, detail } = await receiving('props/#');
    await run('mosquitto_pub', [
      ...['-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-t', 'props/one', '-q', '1', '-m', '{"a":1}'],
      ...['-D', 'publish', 'content-type', 'application/json'],
      ...['-D', 'publish', 'payload-format-indicator', '1'],
      ...['-D', 'publish', 'message-expiry-interval', '3600'],
      ...['-D', 'publish', 'response-topic', 'props/reply'],
      ...['-D', 'publish', 'correlation-data', 'req-42'],
      ...['-D', 'publish', 'user-property', 'site', 'north'],
      ...['-D', 'publish', 'user-property', 'site', 'south'],
      ...['-D', 'publish', 'user-property', 'unit', '°C'],
    ]);
    const [row] = await feed.waitForRows(1);
    const { properties } = await detail(row!.id);
    expect(properties).toMatchObject({
      contentType: 'application/json',
      payloadFormatIndicator: true,
      responseTopic: 'props/reply',
      correlationDataHex: Buffer.from('req-42').toString('hex'),
      userProperties: [
        { key: 'site', value: 'north' },
        { key: 'site', value: 'south' },
        { key: 'unit', value: '°C' },
      ],
    });
    // The broker passes on what is left of the expiry interval.
    expect(properties?.messageExpiryInterval).toBeGreaterThan(3590);
    expect(properties?.messageExpiryInterval).toBeLessThanOrEqual(3600);
  });

  it('finds the previous message on the same topic, skipping other topics', async () => {
    const { connectionId, feed } = await receiving('cmp/#');
    for (const [topic, payload] of [['cmp/a', '1'], ['cmp/b', '2'], ['cmp/b', '3'], ['cmp/a', '4']] as const) {
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', topic, '-q', '1', '-m', payload]);
    }
    const rows = await feed.waitForRows(4);
    const previous = (row: MessageRow | undefined) => invoke<{ messageId: number | null }>(core, 'message.previousOnTopic', { connectionId, messageId: row!.id });
    expect(await previous(rows[3])).toEqual({ messageId: rows[0]!.id });
    expect(await previous(rows[2])).toEqual({ messageId: rows[1]!.id });
    expect(await previous(rows[0])).toEqual({ messageId: null });
    const gone = await core.router.dispatch('message.previousOnTopic', { connectionId, messageId: rows[3]!.id + 100 });
    expect(gone.ok).toBe(false);
  });

  it('the copied mosquitto_pub command, run by sh, publishes the same bytes and properties again', async () => {
    const { connectionId, feed, detail } = await receiving('again/#');
    // Every byte value, so quoting and escaping of each one is exercised.
    const payload = Uint8Array.from({ length: 256 }, (_, index) => index);
    const topic = "again/it's $HOME `x`";
    await run('sh', ['-c', `printf ${octal(payload)} | mosquitto_pub -h 127.0.0.1 -p ${broker.port} -V mqttv5 -t "$1" -q 1 -s -D publish user-property 'k' "a'b" -D publish content-type 'x/y'`, 'sh', topic]);
    const [original] = await feed.waitForRows(1);
    const first = await detail(original!.id);
    expect(Buffer.from(base64ToBytes(first.payloadBase64))).toEqual(Buffer.from(payload));

    const { command } = mosquittoPubCommand(
      { host: '127.0.0.1', port: broker.port, protocolVersion: 5, tls: false, webSocket: false },
      { topic: first.row.topic, qos: first.row.qos, retain: first.row.retain, payload: base64ToBytes(first.payloadBase64), ...(first.properties ? { properties: first.properties } : {}) },
    );
    expect(command).toMatch(/^printf '/);
    await run('sh', ['-c', command]);
    const rows = await feed.waitForRows(2);
    const again = await detail(rows[1]!.id);
    expect(again.row.topic).toBe(topic);
    expect(Buffer.from(base64ToBytes(again.payloadBase64))).toEqual(Buffer.from(payload));
    expect(again.properties).toEqual(first.properties);
    expect(await invoke(core, 'message.previousOnTopic', { connectionId, messageId: again.row.id })).toEqual({ messageId: first.row.id });

    // And a text payload with quotes and a newline goes through -m unchanged.
    const text = `{"say": "it's"}\nnext line`;
    const textCommand = mosquittoPubCommand(
      { host: '127.0.0.1', port: broker.port, protocolVersion: 4, tls: false, webSocket: false },
      { topic: 'again/text', qos: 0, retain: false, payload: new TextEncoder().encode(text) },
    ).command;
    expect(textCommand).toContain(' -m ');
    await run('sh', ['-c', textCommand]);
    const third = (await feed.waitForRows(3))[2];
    expect(new TextDecoder().decode(base64ToBytes((await detail(third!.id)).payloadBase64))).toBe(text);
  });
});

function octal(bytes: Uint8Array): string {
  return `'${Array.from(bytes, (byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('')}'`;
}
