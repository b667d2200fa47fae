import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ExchangeSnapshot, RequestExchange } from '../../shared/domain/exchange';
import type { ProfileInput } from '../../shared/domain/profile';
import { brokerSettings, call, failureOf, startBroker } from '../helpers/broker-core';
import { saveAndConnect } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { startScriptedBroker } from '../helpers/scripted-broker';
import type { ScriptedBroker } from '../helpers/scripted-broker';
import { createTempCore } from '../helpers/temp-core';

/**
 * MQTT 5 request/response through the core, end to end over a real broker: one connection sends
 * requests, another answers them with a responder rule. Run once against mosquitto 2.0.11 and once
 * against the built-in broker, with the same script.
 */

interface Setup {
  core: AppCore;
  port: number;
  stop(): Promise<void>;
}

const brokers: [string, () => Promise<Setup>][] = [
  [
    'mosquitto',
    async () => {
      const broker = await startMosquitto();
      const core = createTempCore();
      return { core, port: broker.port, stop: async () => {
        await core.close();
        await broker.stop();
      } };
    },
  ],
  [
    'the built-in broker',
    async () => {
      const core = createTempCore();
      const settings = await brokerSettings();
      const started = await startBroker(core, settings);
      if (started.state !== 'running') throw new Error(`The built-in broker did not start: ${started.reason ?? started.state}`);
      return { core, port: settings.tcpPort, stop: () => core.close() };
    },
  ],
];

/** Polls the connection's exchange snapshot until `predicate` holds. */
async function waitForExchange(core: AppCore, connectionId: string, predicate: (snapshot: ExchangeSnapshot) => boolean, what: string, timeoutMs = 10_000): Promise<ExchangeSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await call(core, 'request.list', { connectionId });
    if (predicate(snapshot)) return snapshot;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify({ requests: snapshot.requests.map((request) => request.state), unmatched: snapshot.unmatched.length, rules: snapshot.rules })}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const requestNumbered = (snapshot: ExchangeSnapshot, request: RequestExchange) => snapshot.requests.find((each) => each.requestNumber === request.requestNumber);

describe.each(brokers)('request/response with the responder on %s', (_name, start) => {
  let setup: Setup;
  let requester: string;
  let responder: string;
  const outsiders: MqttClient[] = [];

  beforeAll(async () => {
    setup = await start();
    requester = await saveAndConnect(setup.core, profileFor(setup.port, { name: 'requester' }));
    responder = await saveAndConnect(setup.core, profileFor(setup.port, { name: 'responder' }));
    await call(setup.core, 'responder.add', { connectionId: responder, filter: 'service/+/request', qos: 1, reply: 'template', text: '{"answer": {{payload|json}}, "to": "{{topic}}", "unit": "{{userProperty.unit}}"}', delayMs: 0 });
    await call(setup.core, 'responder.add', { connectionId: responder, filter: 'slow/request', qos: 1, reply: 'echo', text: '', delayMs: 800 });
  });
  afterEach(async () => {
    await Promise.all(outsiders.splice(0).map((client) => client.endAsync(true)));
  });
  afterAll(async () => {
    await setup?.stop();
  });

  it('answers several requests in flight at once, each with its own correlation data, and times the round trip', async () => {
    const { core } = setup;
    const { responseTopic, source } = await call(core, 'request.defaultResponseTopic', { connectionId: requester });
    expect(source).toBe('default');
    const sent = await Promise.all(
      ['a', 'b', 'c'].map((name) => call(core, 'request.send', { connectionId: requester, topic: `service/${name}/request`, qos: 1, payload: `ask ${name}`, encoding: 'utf8', timeoutMs: 5000 })),
    );
    expect(new Set(sent.map((request) => request.correlationHex)).size).toBe(3);
    for (const request of sent) {
      expect(request.correlationHex).toMatch(/^[0-9a-f]{32}$/);
      expect(request.responseTopic).toBe(responseTopic);
      expect(request.request.properties).toEqual({ responseTopic, correlationDataHex: request.correlationHex });
    }
    const snapshot = await waitForExchange(core, requester, (each) => sent.every((request) => requestNumbered(each, request)?.state === 'answered'), 'three answers');
    for (const [index, name] of ['a', 'b', 'c'].entries()) {
      const request = sent[index]!;
      const answered = requestNumbered(snapshot, request)!;
      expect(JSON.parse(answered.response!.payloadText)).toEqual({ answer: `ask ${name}`, to: `service/${name}/request`, unit: '' });
      expect(answered.response?.topic).toBe(responseTopic);
      // MQTT 5, 4.10.2: the response carries the request's correlation data unchanged.
      expect(answered.response?.properties?.correlationDataHex).toBe(request.correlationHex);
      expect(answered.roundTripMs).toBeGreaterThan(0);
      expect(answered.roundTripMs).toBeLessThan(5000);
      expect(snapshot.pairs).toContainEqual({ requestSeq: answered.requestSeq, responseSeq: answered.responseSeq, label: `request #${answered.requestNumber}`, labelText: { key: 'exchange.pair.request', params: { number: answered.requestNumber } }, roundTripMs: answered.roundTripMs });
    }
    expect(snapshot.unmatched).toEqual([]);
    // The requester subscribed to its response topic, as any subscription, so the list shows it.
    expect(core.connections.get(requester).snapshot().subscriptions).toContainEqual(expect.objectContaining({ filter: responseTopic, state: 'granted' }));
    const rules = await waitForExchange(core, responder, (each) => each.rules[0]?.answered === 3, 'three answered on the responder');
    expect(rules.rules[0]).toMatchObject({ answered: 3, ignored: 0, failed: 0 });
    const responderPairs = rules.pairs.filter((pair) => pair.responseSeq !== undefined);
    expect(responderPairs).toHaveLength(3);
    expect(responderPairs[0]?.label).toBe('responder rule 1 (template)');
    expect(translator('zh-CN').msg(responderPairs[0]!.labelText!)).toBe('响应规则 1（模板）');
  });

  it('shows a response that comes after the timeout as late, after showing the request timed out', async () => {
    const { core } = setup;
    const request = await call(core, 'request.send', { connectionId: requester, topic: 'slow/request', qos: 0, payload: 'take your time', encoding: 'utf8', timeoutMs: 300 });
    await waitForExchange(core, requester, (each) => requestNumbered(each, request)?.state === 'timed-out', 'the timeout');
    const late = await waitForExchange(core, requester, (each) => requestNumbered(each, request)?.state === 'late', 'the late response');
    const shown = requestNumbered(late, request)!;
    expect(shown.response?.payloadText).toBe('take your time');
    expect(shown.roundTripMs).toBeGreaterThanOrEqual(800);
  });

  it('shows responses on the response topic with no or unknown correlation data as unmatched, and does not answer requests without a Response Topic', async () => {
    const { core, port } = setup;
    const { responseTopic } = await call(core, 'request.defaultResponseTopic', { connectionId: requester });
    const outsider = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { protocolVersion: 5, reconnectPeriod: 0 });
    outsiders.push(outsider);
    const before = (await call(core, 'request.list', { connectionId: responder })).rules[0]!;
    await outsider.publishAsync(responseTopic, 'stray', { qos: 1, properties: { correlationData: Buffer.from([0xbe, 0xef]) } });
    await outsider.publishAsync(responseTopic, 'bare', { qos: 1 });
    await outsider.publishAsync('service/x/request', 'nobody to answer', { qos: 1 });
    const snapshot = await waitForExchange(core, requester, (each) => each.unmatched.length >= 2, 'two unmatched responses');
    expect(snapshot.unmatched.map((each) => [each.message.payloadText, each.reason])).toEqual([
      ['stray', 'Correlation Data beef matches no request sent from this connection'],
      ['bare', 'no Correlation Data, so it answers no request'],
    ]);
    const after = await waitForExchange(core, responder, (each) => each.rules[0]!.ignored === before.ignored + 1, 'the ignored request');
    expect(after.rules[0]?.answered).toBe(before.answered);
  });

  it('refuses a request on MQTT 3.1.1, saying why', async () => {
    const { core, port } = setup;
    const old = await saveAndConnect(core, profileFor(port, { name: 'old', protocolVersion: 4 } as Partial<ProfileInput>));
    expect(await failureOf(core, 'request.send', { connectionId: old, topic: 'service/a/request', qos: 0, payload: 'x', encoding: 'utf8', timeoutMs: 1000 })).toMatch(/needs MQTT 5.*MQTT 3\.1\.1/);
    expect(await failureOf(core, 'responder.add', { connectionId: old, filter: 'x', qos: 0, reply: 'echo', text: '', delayMs: 0 })).toMatch(/needs MQTT 5/);
  });
});

describe('the response topic from the broker\'s Response Information', () => {
  let scripted: ScriptedBroker | undefined;
  let core: AppCore | undefined;
  afterAll(async () => {
    await core?.close();
    await scripted?.stop();
  });

  it('builds the response topic on the Response Information the connection asked for, subscribes to it and pairs the answer', async () => {
    scripted = await startScriptedBroker(
      (session) => session.write(mqttPacketBytes({ cmd: 'connack', returnCode: 0, reasonCode: 0, sessionPresent: false, properties: { responseInformation: 'replies/for-you/' } })),
      (packet, session) => {
        if (packet.cmd === 'subscribe') session.write(mqttPacketBytes({ cmd: 'suback', messageId: packet.messageId, granted: [1] }));
        // The scripted service answers at once on the response topic the request named.
        if (packet.cmd === 'publish' && packet.properties?.responseTopic) {
          if (packet.qos === 1) session.write(mqttPacketBytes({ cmd: 'puback', messageId: packet.messageId, reasonCode: 0 }));
          session.write(mqttPacketBytes({ cmd: 'publish', topic: packet.properties.responseTopic, payload: Buffer.from('pong'), qos: 0, retain: false, dup: false, properties: { correlationData: packet.properties.correlationData } }));
        }
      },
    );
    core = createTempCore();
    const profile = profileFor(scripted.port);
    const connectionId = await saveAndConnect(core, { ...profile, properties: { ...profile.properties, requestResponseInformation: true } });
    expect(await call(core, 'request.defaultResponseTopic', { connectionId })).toEqual({ responseTopic: 'replies/for-you/mqtt-lab', source: 'response-information' });
    const request = await call(core, 'request.send', { connectionId, topic: 'ping', qos: 1, payload: 'ping', encoding: 'utf8', timeoutMs: 5000 });
    expect(request.responseTopic).toBe('replies/for-you/mqtt-lab');
    const subscribe = scripted.sessions[0]!.packets.find((packet) => packet.cmd === 'subscribe');
    expect(subscribe).toMatchObject({ subscriptions: [{ topic: 'replies/for-you/mqtt-lab' }] });
    const snapshot = await waitForExchange(core, connectionId, (each) => each.requests[0]?.state === 'answered', 'the scripted answer');
    expect(snapshot.requests[0]?.response?.payloadText).toBe('pong');
  });
});

describe('a responder fed by a broker that passes on bad requests', () => {
  let scripted: ScriptedBroker | undefined;
  let core: AppCore | undefined;
  afterAll(async () => {
    await core?.close();
    await scripted?.stop();
  });

  it('does not answer a request whose Response Topic is not a topic name, says why, and answers the next one', async () => {
    scripted = await startScriptedBroker(
      (session) => session.write(mqttPacketBytes({ cmd: 'connack', returnCode: 0, reasonCode: 0, sessionPresent: false })),
      (packet, session) => {
        if (packet.cmd !== 'subscribe') return;
        session.write(mqttPacketBytes({ cmd: 'suback', messageId: packet.messageId, granted: [0] }));
        const request = (responseTopic: string, id: number) =>
          mqttPacketBytes({ cmd: 'publish', topic: 'service/x', payload: Buffer.from(`request ${id}`), qos: 0, retain: false, dup: false, properties: { responseTopic, correlationData: Buffer.from([id]) } });
        // MQTT-3.3.2-14: a Response Topic holds no wildcard. Answering would send a PUBLISH to "bad/#".
        session.write(request('bad/#', 1));
        session.write(request('good/replies', 2));
      },
    );
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(scripted.port));
    await call(core, 'responder.add', { connectionId, filter: 'service/#', qos: 0, reply: 'echo', text: '', delayMs: 0 });
    const snapshot = await waitForExchange(core, connectionId, (each) => each.rules[0]!.answered + each.rules[0]!.failed >= 2, 'both requests handled');
    expect(snapshot.rules[0]).toMatchObject({ answered: 1, failed: 1, lastFailure: expect.stringMatching(/Response Topic "bad\/#" is not a topic name/) });
    const session = scripted.sessions[0]!;
    await session.waitFor((packet) => packet.cmd === 'publish' && packet.topic === 'good/replies');
    expect(session.packets.filter((packet) => packet.cmd === 'publish').map((packet) => (packet as { topic: string }).topic)).toEqual(['good/replies']);
    expect(core.connections.get(connectionId).snapshot().status.state).toBe('connected');
  });
});

import mqttPacket from 'mqtt-packet';
import { translator } from '../../shared/i18n';
function mqttPacketBytes(packet: object): Buffer {
  return mqttPacket.generate(packet as mqttPacket.Packet, { protocolVersion: 5 });
}
