import { connect as connectTcp } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'mqtt-packet';
import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import type { AppCore } from '../../electron/core/app-core';
import type { BrokerSettingsInput } from '../../shared/domain/broker';
import { brokerSettings, call, failureOf, startBroker, waitForBroker, waitForLog } from '../helpers/broker-core';
import { makeCertificates } from '../helpers/certs';
import { freePort } from '../helpers/free-port';
import type { TestCertificates } from '../helpers/certs';
import { createTempCore } from '../helpers/temp-core';

describe('MQTT.js clients of the built-in broker', () => {
  let certs: TestCertificates;
  let core: AppCore;
  let settings: BrokerSettingsInput;
  const clients: MqttClient[] = [];

  const connect = async (url: string, options: IClientOptions = {}) => {
    const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
    clients.push(client);
    return client;
  };

  /** One client publishes, another receives: the round trip proves the transport end to end. */
  async function roundTrip(url: string, options: IClientOptions = {}): Promise<string> {
    const receiver = await connect(url, { ...options, clientId: `receiver-${clients.length}` });
    await receiver.subscribeAsync('lab/transport', { qos: 1 });
    const received = new Promise<string>((resolve) => receiver.once('message', (_topic, payload) => resolve(payload.toString())));
    const sender = await connect(url, { ...options, clientId: `sender-${clients.length}` });
    await sender.publishAsync('lab/transport', `over ${url.split(':')[0]}`, { qos: 1 });
    return received;
  }

  beforeAll(async () => {
    certs = makeCertificates();
    core = createTempCore();
    settings = await brokerSettings({
      websocket: { enabled: true, port: await freePort() },
      tls: { enabled: true, port: await freePort(), cert: { name: 'server.crt', pem: certs.server.cert.pem }, keyName: 'server.key' },
      tlsKey: certs.server.key.pem,
    });
    await startBroker(core, settings);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });
  afterAll(async () => {
    await core?.close();
    certs?.remove();
  });

  it('lists one URL per listener', () => {
    expect(core.broker.snapshot().listeners).toEqual([
      { kind: 'mqtt', host: '127.0.0.1', port: settings.tcpPort, urls: [`mqtt://127.0.0.1:${settings.tcpPort}`] },
      { kind: 'ws', host: '127.0.0.1', port: settings.websocket.port, urls: [`ws://127.0.0.1:${settings.websocket.port}/mqtt`] },
      { kind: 'mqtts', host: '127.0.0.1', port: settings.tls.port, urls: [`mqtts://127.0.0.1:${settings.tls.port}`] },
    ]);
  });

  it('carries messages over TCP', async () => {
    expect(await roundTrip(`mqtt://127.0.0.1:${settings.tcpPort}`)).toBe('over mqtt');
  });

  it('carries messages over WebSocket on any path', async () => {
    expect(await roundTrip(`ws://127.0.0.1:${settings.websocket.port}/mqtt`)).toBe('over ws');
    expect(await roundTrip(`ws://127.0.0.1:${settings.websocket.port}/`)).toBe('over ws');
  });

  it('carries messages over TLS with the user\'s certificate', async () => {
    expect(await roundTrip(`mqtts://127.0.0.1:${settings.tls.port}`, { ca: certs.ca.pem, rejectUnauthorized: true })).toBe('over mqtts');
  });

  it('accepts an MQTT 5 client and lists it with its clean start and session expiry as it asked', async () => {
    const five = await connect(`mqtt://127.0.0.1:${settings.tcpPort}`, { protocolVersion: 5, clientId: 'five', clean: false, properties: { sessionExpiryInterval: 30 } });

    expect(five.connected).toBe(true);
    const snapshot = await waitForBroker(core, (each) => each.clients.some((client) => client.clientId === 'five'), 'five to connect');
    expect(snapshot.clients.find((client) => client.clientId === 'five')).toMatchObject({ protocolVersion: 5, clean: false, sessionExpiryInterval: 30 });
    await waitForLog(core, 'connect', /^five connected from 127\.0\.0\.1:\d+: MQTT 5\.0, keepalive 60 s, clean start 0, session expiry 30 s\.$/);
  });

  it('kicks a client: it leaves the list, the log says so, and its will is not published', async () => {
    const url = `mqtt://127.0.0.1:${settings.tcpPort}`;
    const watcher = await connect(url, { clientId: 'kick-watcher' });
    await watcher.subscribeAsync('lab/kick/will', { qos: 1 });
    const firstMessage = new Promise<string>((resolve) => watcher.once('message', (_topic, payload) => resolve(payload.toString())));
    const victim = await connect(url, { clientId: 'victim', will: { topic: 'lab/kick/will', payload: Buffer.from('victim will'), qos: 1, retain: false } });
    const closed = new Promise<void>((resolve) => victim.once('close', () => resolve()));
    await waitForBroker(core, (snapshot) => snapshot.clients.some((client) => client.clientId === 'victim'), 'victim to connect');

    await call(core, 'broker.kick', { clientId: 'victim' });

    await closed;
    await waitForBroker(core, (snapshot) => !snapshot.clients.some((client) => client.clientId === 'victim'), 'victim to leave the list');
    await waitForLog(core, 'kick', /^Kicked victim/);
    await waitForLog(core, 'disconnect', /^victim disconnected: kicked by the user\.$/);
    // Had the will been published, it would have reached the watcher before this marker.
    await watcher.publishAsync('lab/kick/will', 'marker', { qos: 1 });
    expect(await firstMessage).toBe('marker');
  });

  it('files a cut under its own kind, not as a kick', async () => {
    const url = `mqtt://127.0.0.1:${settings.tcpPort}`;
    const victim = await connect(url, { clientId: 'cut-victim', reconnectPeriod: 0 });
    const closed = new Promise<void>((resolve) => victim.once('close', () => resolve()));
    await waitForBroker(core, (snapshot) => snapshot.clients.some((client) => client.clientId === 'cut-victim'), 'cut-victim to connect');

    await call(core, 'broker.cut', { clientId: 'cut-victim' });

    await closed;
    expect(await waitForLog(core, 'cut', /^Cut cut-victim:/)).toMatch(/without DISCONNECT/);
    expect(core.broker.logEntries().filter((entry) => entry.kind === 'kick' && entry.text.includes('cut-victim'))).toEqual([]);
  });

  it('says why a client disconnected: a clean DISCONNECT, or a takeover by the same client id', async () => {
    const url = `mqtt://127.0.0.1:${settings.tcpPort}`;
    const polite = await connect(url, { clientId: 'polite' });
    await polite.endAsync();
    await waitForLog(core, 'disconnect', /^polite disconnected: the client sent DISCONNECT\.$/);

    const first = await connect(url, { clientId: 'twin' });
    const firstClosed = new Promise<void>((resolve) => first.once('close', () => resolve()));
    await connect(url, { clientId: 'twin' });
    await firstClosed;
    await waitForLog(core, 'disconnect', /^twin disconnected: taken over by a new connection with the same client id\.$/);
  });

  it('says why a silent client was dropped (keepalive timeout) and why a reset one left (socket error)', async () => {
    const openRaw = async (clientId: string, keepalive: number) => {
      const socket = connectTcp(settings.tcpPort, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.on('error', () => undefined);
      socket.write(generate({ cmd: 'connect', clientId, protocolVersion: 4, protocolId: 'MQTT', clean: true, keepalive }));
      await waitForBroker(core, (snapshot) => snapshot.clients.some((client) => client.clientId === clientId), `${clientId} to connect`);
      return socket;
    };
    // Keepalive 1 s and then silence: aedes gives up after 1.5 s.
    const silent = await openRaw('silent', 1);
    const reset = await openRaw('reset', 60);

    reset.resetAndDestroy();

    await waitForLog(core, 'disconnect', /^reset disconnected: socket error \(ECONNRESET\)\.$/);
    await waitForLog(core, 'disconnect', /^silent disconnected: keepalive timeout \(nothing heard for 1\.5 × 1 s\)\.$/);
    silent.destroy();
  });

  it('counts messages per second in and out while they flow, and per client', async () => {
    const url = `mqtt://127.0.0.1:${settings.tcpPort}`;
    const receiver = await connect(url, { clientId: 'rate-receiver' });
    await receiver.subscribeAsync('lab/rate', { qos: 1 });
    const sender = await connect(url, { clientId: 'rate-sender' });
    const arrived = new Promise<void>((resolve) => {
      let count = 0;
      receiver.on('message', () => ++count === 20 && resolve());
    });

    for (let index = 0; index < 20; index++) await sender.publishAsync('lab/rate', `m${index}`, { qos: 1 });
    await arrived;

    const snapshot = await waitForBroker(core, (each) => each.rates.inPerSecond > 0 && each.rates.outPerSecond > 0, 'rates above 0');
    expect(snapshot.clients.find((client) => client.clientId === 'rate-sender')).toMatchObject({ messagesIn: 20, messagesOut: 0 });
    expect(snapshot.clients.find((client) => client.clientId === 'rate-receiver')).toMatchObject({ messagesIn: 0, messagesOut: 20 });
  });

  it('answers kick and cut of an unknown client with not found', async () => {
    expect(await failureOf(core, 'broker.kick', { clientId: 'nobody' })).toBe('No client with id nobody is connected to the broker.');
    expect(await failureOf(core, 'broker.cut', { clientId: 'nobody' })).toBe('No client with id nobody is connected to the broker.');
  });
});
