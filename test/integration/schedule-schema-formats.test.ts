import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { RepeatedMessage, ScheduleStatus } from '../../shared/domain/schedule';
import { decodeSparkplug, sparkplugJson } from '../../shared/payload/sparkplug';
import { call } from '../helpers/broker-core';
import { saveConnectAndSettle } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

// Schedules of Sparkplug B and Protobuf payloads: the JSON template filled in and encoded in main at each send.
async function ended(core: AppCore, scheduleId: number): Promise<ScheduleStatus> {
  for (let tries = 0; tries < 400; tries++) {
    const status = (await call(core, 'schedule.list', {})).schedules.find((each) => each.scheduleId === scheduleId);
    // Finished once the count is sent; its figures settle as the last acknowledgements come in.
    if (status && status.state !== 'running' && status.acknowledged + status.failed === status.sent) return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`schedule ${scheduleId} did not end`);
}

describe('scheduled Sparkplug B and Protobuf payloads against mosquitto', () => {
  let broker: Broker;
  let core: AppCore;
  let peer: mqtt.MqttClient;
  const received: { topic: string; payload: Buffer }[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });
  beforeEach(async () => {
    core = createTempCore();
    received.length = 0;
    peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
    peer.on('message', (topic, payload) => received.push({ topic, payload }));
    await peer.subscribeAsync('#', { qos: 1 });
  });
  afterEach(async () => {
    await peer.endAsync();
    await core.close();
  });

  const message = (overrides: Partial<RepeatedMessage>): RepeatedMessage => ({ topic: 't', qos: 1, retain: false, format: 'json', text: '', template: true, ...overrides });

  it('sends numbered Sparkplug B NDATA, each encoded from the filled-in JSON', async () => {
    const snapshot = await saveConnectAndSettle(core, profileFor(broker.port));
    const text = '{"seq": {{seq}}, "metrics": [{"alias": 1, "datatype": "Double", "value": {{walk 21 0.5}}}]}';
    const status = await call(core, 'schedule.start', { connectionId: snapshot.profile.id, message: message({ topic: 'spBv1.0/plant/NDATA/edge-1', format: 'sparkplug', text }), plan: { intervalMs: 10, count: 5 } });
    expect(await ended(core, status.scheduleId)).toMatchObject({ state: 'finished', sent: 5, acknowledged: 5, failed: 0 });
    await expect.poll(() => received.length).toBe(5);
    expect(received.map((each) => Number(decodeSparkplug(each.payload).seq))).toEqual([1, 2, 3, 4, 5]);
    expect(sparkplugJson(decodeSparkplug(received[0]?.payload ?? Buffer.alloc(0))).metrics).toEqual([expect.objectContaining({ alias: 1, datatype: 'Double', value: 21 })]);
  });

  it("sends Protobuf by the connection's mapping for each filled-in topic, and counts a send on an unmapped topic as failed, saying why", async () => {
    const source = 'syntax = "proto3";\npackage acme;\nmessage Reading { string sensor = 1; double value = 2; }\n';
    const snapshot = await saveConnectAndSettle(core, profileFor(broker.port, { protobuf: { files: [{ name: 'acme.proto', source }], mappings: [{ filter: 'sensors/#', type: 'acme.Reading' }] } }));
    const status = await call(core, 'schedule.start', { connectionId: snapshot.profile.id, message: message({ topic: 'sensors/{{seq}}', format: 'protobuf', text: '{"sensor": "s{{seq}}", "value": 2.5}' }), plan: { intervalMs: 10, count: 3 } });
    expect(await ended(core, status.scheduleId)).toMatchObject({ sent: 3, acknowledged: 3, failed: 0 });
    await expect.poll(() => received.length).toBe(3);
    // sensor = "s1" (field 1, length 2), value = 2.5 (field 2, fixed64).
    expect(received[0]?.payload).toEqual(Buffer.concat([Buffer.from([0x0a, 0x02]), Buffer.from('s1'), Buffer.from([0x11]), Buffer.from(new Float64Array([2.5]).buffer)]));

    const unmapped = await call(core, 'schedule.start', { connectionId: snapshot.profile.id, message: message({ topic: 'other/x', format: 'protobuf', text: '{"sensor": "{{seq}}"}' }), plan: { intervalMs: 10, count: 2 } });
    const failed = await ended(core, unmapped.scheduleId);
    expect(failed).toMatchObject({ sent: 2, failed: 2 });
    expect(failed.lastError).toBe('the filled-in payload is no Protobuf mapping of this connection matches the topic other/x');
  });

  it('refuses a fixed Sparkplug B payload that does not encode, naming the field', async () => {
    const snapshot = await saveConnectAndSettle(core, profileFor(broker.port));
    const result = await core.router.dispatch('schedule.start', { connectionId: snapshot.profile.id, message: message({ topic: 'spBv1.0/g/NDATA/e', format: 'sparkplug', template: false, text: '{"metrics": [{"alias": 1, "datatype": "Nope", "value": 1}]}' }), plan: { intervalMs: 100 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^message\.text: .*metrics\[0\]\.datatype.*"Nope" is not a Sparkplug data type/) } });
  });
});
