import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { RecordingWriter } from '../../electron/core/recording/recording-writer';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import type { ReplayOptions, ReplayStatus } from '../../shared/domain/replay';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../shared/recording/records';
import { saveConnectAndSettle } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore, makeTempDir, removeTempDir } from '../helpers/temp-core';

async function invoke<N extends RequestName>(core: AppCore, name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
  const result = await core.router.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as RequestOutput<N>;
}

/** A recording of `count` received messages `intervalMs` apart, written as the recorder writes them. */
function writeRecording(path: string, count: number, intervalMs: number): void {
  const writer = RecordingWriter.create(path, (message) => {
    throw new Error(message);
  });
  writer.append({ type: 'header', format: RECORDING_FORMAT, version: RECORDING_VERSION, appVersion: 'test', startedAt: new Date(0).toISOString(), startWallMs: 0, startMonotonicMs: 1000, connections: [] });
  for (let index = 0; index < count; index++) {
    const payload = index === 7 ? Buffer.from([0xff, 0x00, 0xfe]) : Buffer.from(`message ${index}`);
    writer.append({ type: 'message', c: 'rec', id: index + 1, t: index * intervalMs, m: 1000 + index * intervalMs, dir: 'in', topic: `orig/${index % 3}`, qos: (index % 3) as 0 | 1 | 2, retain: index === 0, dup: false, payload: payload.toString('base64') });
    // What the recorded client sent is not replayed by default.
    if (index % 10 === 0) writer.append({ type: 'message', c: 'rec', id: 10_000 + index, t: 0, m: 1000 + index * intervalMs, dir: 'out', topic: 'orig/sent', qos: 0, retain: false, dup: false, payload: '' });
  }
  writer.close({ type: 'footer', endedAt: new Date(0).toISOString(), counts: { messages: count, packets: 0, events: 0 } });
}

const defaults: ReplayOptions = { speed: 1, loop: false, direction: 'in' };

describe('replay against a real mosquitto', () => {
  let broker: Broker;
  let core: AppCore;
  let peer: mqtt.MqttClient | undefined;
  let folder: string;

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(async () => {
    await peer?.endAsync();
    peer = undefined;
    await core?.close();
    removeTempDir(folder);
  });

  async function setUp(count: number, intervalMs: number, subscribeTo: string) {
    folder = makeTempDir();
    const path = join(folder, 'run.mqttrec.jsonl');
    writeRecording(path, count, intervalMs);
    core = createTempCore();
    const { connectionId } = await saveConnectAndSettle(core, profileFor(broker.port, { protocolVersion: 5 }));
    peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { protocolVersion: 5 });
    const received: Array<{ topic: string; payload: Buffer; qos: number; retain: boolean }> = [];
    peer.on('message', (topic, payload, packet) => received.push({ topic, payload, qos: packet.qos, retain: packet.retain }));
    await peer.subscribeAsync(subscribeTo, { qos: 2, rap: true });
    const finished = () =>
      new Promise<ReplayStatus>((resolve) => {
        const off = core.bus.subscribe((envelope) => {
          const status = envelope.payload as ReplayStatus;
          if (envelope.name === 'replay.updated' && (status.state === 'finished' || status.state === 'stopped') && status.awaitingAck === 0) {
            off();
            resolve(status);
          }
        });
      });
    return { path, connectionId, received, finished };
  }

  it('replays at 1× with the recorded timing, in order and byte-exact, and reports the timing error', async () => {
    const { path, connectionId, received, finished } = await setUp(60, 10, 'orig/#');
    const done = finished();
    const started = performance.now();
    const first = await invoke(core, 'replay.start', { connectionId, path, options: defaults });
    expect(first).toMatchObject({ state: 'running', total: 60 });
    const status = await done;
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(590);
    expect(status).toMatchObject({ state: 'finished', total: 60, sent: 60, passes: 1, acked: 40, failed: 0, awaitingAck: 0 });
    expect(status.timing?.p99Ms).toBeGreaterThanOrEqual(0);
    expect(status.timing?.maxMs).toBeGreaterThanOrEqual(status.timing?.medianMs ?? Number.NaN);
    await expect.poll(() => received.length).toBe(60);
    // MQTT orders messages within a QoS level only: mosquitto passes a QoS 2 message on at PUBREL, later.
    const expected = Array.from({ length: 60 }, (_, index) => ({ qos: index % 3, text: index === 7 ? Buffer.from([0xff, 0x00, 0xfe]).toString('latin1') : `message ${index}` }));
    for (const qos of [0, 1, 2]) {
      expect(received.filter((message) => message.qos === qos).map((message) => message.payload.toString('latin1'))).toEqual(
        expected.filter((message) => message.qos === qos).map((message) => message.text),
      );
    }
    expect(received[0]?.retain).toBe(true);
  });

  it('sends as fast as possible with topics rewritten, a filter, and QoS and retain overridden', async () => {
    const { path, connectionId, received, finished } = await setUp(300, 1000, 'copy/#');
    const done = finished();
    await invoke(core, 'replay.start', {
      connectionId,
      path,
      options: { ...defaults, speed: 'max', filter: 'orig/1', rewrite: { kind: 'prefix', from: 'orig/', to: 'copy/' }, qos: 1, retain: false },
    });
    const status = await done;
    // 300 messages 1 s apart would take five minutes at 1×.
    expect(status).toMatchObject({ state: 'finished', total: 100, sent: 100, acked: 100 });
    expect(status.timing).toBeUndefined();
    await expect.poll(() => received.length).toBe(100);
    expect(new Set(received.map((message) => `${message.topic} ${message.qos} ${message.retain}`))).toEqual(new Set(['copy/1 1 false']));
  });

  it('says it is waiting for acknowledgements after the last send, and finished only once they are all in', async () => {
    const { path, connectionId, finished } = await setUp(200, 1, 'orig/#');
    const statuses: ReplayStatus[] = [];
    const off = core.bus.subscribe((envelope) => {
      if (envelope.name === 'replay.updated') statuses.push(envelope.payload as ReplayStatus);
    });
    const done = finished();
    await invoke(core, 'replay.start', { connectionId, path, options: { ...defaults, speed: 'max', qos: 2 } });
    const last = await done;
    off();
    expect(last).toMatchObject({ state: 'finished', sent: 200, acked: 200, awaitingAck: 0 });
    // All 200 go out in one turn, before any PUBCOMP can be read: the report waits for them.
    expect(statuses.some((status) => status.state === 'settling' && status.sent === 200 && status.awaitingAck > 0)).toBe(true);
    const finishedEarly = statuses.filter((status) => status.state === 'finished' && (status.awaitingAck > 0 || status.acked < 200));
    expect(finishedEarly).toEqual([]);
  });

  it('loops until stopped, pauses and resumes, and refuses a bad regex or an unconnected target', async () => {
    const { path, connectionId } = await setUp(20, 20, 'orig/#');
    await invoke(core, 'replay.start', { connectionId, path, options: { ...defaults, loop: true, speed: 10, rewrite: { kind: 'regex', pattern: '^orig/(\\d)$', replacement: 'loop/$1' } } });
    await expect.poll(async () => (await invoke(core, 'replay.status', {})).passes, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const paused = await invoke(core, 'replay.pause', {});
    expect(paused.state).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await invoke(core, 'replay.status', {})).sent).toBe(paused.sent);
    expect((await invoke(core, 'replay.resume', {})).state).toBe('running');
    await expect.poll(async () => (await invoke(core, 'replay.status', {})).sent, { timeout: 5000 }).not.toBe(paused.sent);
    expect((await invoke(core, 'replay.stop', {})).state).toBe('stopped');

    const badRegex = await core.router.dispatch('replay.start', { connectionId, path, options: { ...defaults, rewrite: { kind: 'regex', pattern: '(', replacement: '' } } });
    expect(badRegex).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Not a valid regular expression/) } });
    await invoke(core, 'connection.disconnect', { connectionId });
    const offline = await core.router.dispatch('replay.start', { connectionId, path, options: defaults });
    expect(offline).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is not connected\. Connect it first\./) } });
  });
});
