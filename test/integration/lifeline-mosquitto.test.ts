import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { LifelineEvent, LifelineSlice } from '../../shared/domain/lifeline';
import { saveAndConnect, waitForSnapshot } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

let core: AppCore | undefined;
const brokers: Broker[] = [];

afterEach(async () => {
  await core?.close();
  core = undefined;
  await Promise.all(brokers.splice(0).map((broker) => broker.stop()));
});

async function broker(port?: number): Promise<Broker> {
  const started = await startMosquitto(port === undefined ? {} : { port });
  brokers.push(started);
  return started;
}

async function lifeline(connectionId: string, fromId?: number): Promise<LifelineSlice> {
  const result = await core!.router.dispatch('lifeline.get', fromId === undefined ? { connectionId } : { connectionId, fromId });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as LifelineSlice;
}

/** Waits, following `lifeline.changed` as the renderer does, until the events held satisfy `done`. */
function lifelineUntil(connectionId: string, done: (events: LifelineEvent[]) => boolean, timeoutMs = 15_000): Promise<LifelineEvent[]> {
  return new Promise((resolve, reject) => {
    const check = async () => {
      const { events } = await lifeline(connectionId);
      if (!done(events)) return;
      clearTimeout(timer);
      off();
      resolve(events);
    };
    const timer = setTimeout(() => {
      off();
      void lifeline(connectionId).then(({ events }) => reject(new Error(`Lifeline not as expected within ${timeoutMs} ms: ${JSON.stringify(events.map((event) => event.kind))}`)));
    }, timeoutMs);
    const off = core!.bus.subscribe((envelope) => {
      if (envelope.name === 'lifeline.changed' && (envelope.payload as { connectionId: string }).connectionId === connectionId) void check();
    });
    void check();
  });
}

const of = <K extends LifelineEvent['kind']>(events: LifelineEvent[], kind: K) =>
  events.filter((event): event is Extract<LifelineEvent, { kind: K }> => event.kind === kind);

describe('the lifeline of a connection to mosquitto', () => {
  it('shows pings with round trips, the loss when mosquitto stops, the backoff, and the attempt that gets back', async () => {
    const first = await broker();
    const { port } = first;
    core = createTempCore();
    const profile = profileFor(port, {
      protocolVersion: 5,
      keepalive: 1,
      reconnect: { enabled: true, initialDelayMs: 300, maxDelayMs: 1200, jitterPercent: 0, maxAttempts: 0 },
    });
    const connectionId = await saveAndConnect(core, profile);

    const pinged = await lifelineUntil(connectionId, (events) => of(events, 'ping').filter((ping) => ping.state === 'answered').length >= 2);
    expect(pinged.slice(0, 2)).toEqual([
      expect.objectContaining({ kind: 'connect-attempt', attempt: 0, target: `mqtt://127.0.0.1:${port}`, protocolVersion: 5, keepaliveS: 1 }),
      expect.objectContaining({ kind: 'connack', code: 0, codeText: 'accepted', sessionPresent: false }),
    ]);
    const connack = of(pinged, 'connack')[0]!;
    expect(connack.sinceConnectMs).toBeGreaterThan(0);
    expect(connack.sinceConnectMs).toBeLessThan(1000);
    const answered = of(pinged, 'ping').filter((ping) => ping.state === 'answered');
    for (const ping of answered) {
      expect(ping.rttMs).toBeGreaterThan(0);
      expect(ping.rttMs).toBeLessThan(500);
    }
    // MQTT.js pings once per keepalive interval.
    expect(answered[1]!.monotonicMs - answered[0]!.monotonicMs).toBeGreaterThan(700);

    await first.stop();
    const lost = await lifelineUntil(connectionId, (events) => of(events, 'reconnect-scheduled').length >= 2);
    const afterConnack = lost.filter((event) => event.id > connack.id && event.kind !== 'ping');
    expect(afterConnack.slice(0, 5)).toEqual([
      expect.objectContaining({ kind: 'disconnect', by: 'network', wasConnected: true, error: expect.stringMatching(/lost|reset|closed/) }),
      expect.objectContaining({ kind: 'reconnect-scheduled', attempt: 1, delayMs: 300 }),
      expect.objectContaining({ kind: 'connect-attempt', attempt: 1 }),
      expect.objectContaining({ kind: 'disconnect', by: 'network', wasConnected: false, error: expect.stringMatching(/ECONNREFUSED/) }),
      expect.objectContaining({ kind: 'reconnect-scheduled', attempt: 2, delayMs: 600 }),
    ]);
    const scheduled = of(lost, 'reconnect-scheduled')[0]!;
    expect(scheduled.nextAttemptAt - scheduled.wallTime).toBeGreaterThanOrEqual(299);
    // The attempt came when it was scheduled, not before.
    const attempt = of(lost, 'connect-attempt')[1]!;
    expect(attempt.monotonicMs - scheduled.monotonicMs).toBeGreaterThanOrEqual(295);
    expect(of(lost, 'ping').every((ping) => ping.state !== 'waiting')).toBe(true);

    const before = await lifeline(connectionId);
    await broker(port);
    await waitForSnapshot(core, connectionId, ({ status }) => status.state === 'connected');
    const back = await lifelineUntil(connectionId, (events) => of(events, 'connack').length >= 2);
    const latest = back.filter((event) => event.id >= before.nextId - 1);
    expect(of(latest, 'connect-attempt').at(-1)).toMatchObject({ attempt: expect.any(Number) });
    expect(of(latest, 'connect-attempt').at(-1)!.attempt).toBeGreaterThanOrEqual(2);
    expect(of(back, 'connack').at(-1)).toMatchObject({ code: 0, codeText: 'accepted' });

    // Asking from an id answers that id and the newer ones only.
    const lastId = back.at(-1)!.id;
    const tail = await lifeline(connectionId, lastId);
    expect(tail.events.map((event) => event.id)).toEqual([lastId]);
    expect(tail.evicted).toBe(0);
  });

  it('shows a takeover by a second client with the same client id as the end of the connection', async () => {
    const { port } = await broker();
    core = createTempCore();
    const profile = profileFor(port, { protocolVersion: 5, reconnect: { enabled: true, initialDelayMs: 5000, maxDelayMs: 5000, jitterPercent: 0, maxAttempts: 0 } });
    const connectionId = await saveAndConnect(core, profile);
    const intruder = await mqtt.connectAsync({ host: '127.0.0.1', port, clientId: profile.clientId, protocolVersion: 5, reconnectPeriod: 0 });
    try {
      const events = await lifelineUntil(connectionId, (held) => of(held, 'disconnect').length > 0);
      // mosquitto 2.0.11 closes the taken-over socket without a DISCONNECT; newer ones send 0x8E first.
      const [ended] = of(events, 'disconnect');
      if (ended!.by === 'server') expect(ended).toMatchObject({ code: 0x8e, codeText: 'session taken over' });
      // One drop alone does not show a shared client id (a broker restart looks the same); a run of them does.
      else expect(ended).toMatchObject({ by: 'network', wasConnected: true, error: expect.stringContaining('the connection was lost soon after it was made') });
      // Without a reason code that says "stay down", the client waits its backoff and tries again.
      if (ended!.by === 'network') {
        const next = await lifelineUntil(connectionId, (held) => of(held, 'reconnect-scheduled').length > 0);
        expect(of(next, 'reconnect-scheduled')[0]).toMatchObject({ attempt: 1, delayMs: 5000 });
      }
    } finally {
      await intruder.endAsync(true);
    }
  });
});

describe('the lifeline against scripted MQTT 5 servers on real sockets', () => {
  it('shows the DISCONNECT reason code and reason string, once, and no reconnect after a takeover', async () => {
    // A scripted server on a real socket: mosquitto 2.0.11 sends no DISCONNECT on a takeover.
    const connack = Buffer.from([0x20, 0x03, 0x00, 0x00, 0x00]);
    const reason = Buffer.from('another client took the session');
    const properties = Buffer.concat([Buffer.from([0x1f, 0x00, reason.length]), reason]);
    const takenOver = Buffer.concat([Buffer.from([0xe0, 2 + properties.length, 0x8e, properties.length]), properties]);
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', () => socket.write(connack, () => setTimeout(() => socket.end(takenOver), 50)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      core = createTempCore();
      const profile = profileFor((server.address() as AddressInfo).port, { protocolVersion: 5 });
      await saveAndConnect(core, profile);
      await waitForSnapshot(core, profile.id, (snapshot) => snapshot.status.state === 'disconnected');
      const { events } = await lifeline(profile.id);
      expect(events.map((event) => event.kind)).toEqual(['connect-attempt', 'connack', 'disconnect']);
      expect(events[2]).toMatchObject({ by: 'server', code: 0x8e, codeText: 'session taken over', reasonString: 'another client took the session', wasConnected: true });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('marks a PINGREQ the server never answers as missing, and the keepalive loss that follows', async () => {
    // A scripted server that accepts the connection and then ignores everything, PINGREQ included.
    const connack = Buffer.from([0x20, 0x03, 0x00, 0x00, 0x00]);
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', () => socket.write(connack));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      core = createTempCore();
      const profile = profileFor((server.address() as AddressInfo).port, {
        protocolVersion: 5,
        keepalive: 1,
        reconnect: { enabled: true, initialDelayMs: 5000, maxDelayMs: 5000, jitterPercent: 0, maxAttempts: 0 },
      });
      await saveAndConnect(core, profile);
      const events = await lifelineUntil(profile.id, (held) => of(held, 'reconnect-scheduled').length > 0);
      const pings = of(events, 'ping');
      expect(pings.length).toBeGreaterThan(0);
      expect(pings.every((ping) => ping.state === 'missing' && ping.rttMs === undefined)).toBe(true);
      expect(pings[0]!.missingBecause).toMatch(/^(timeout|connection closed)$/);
      expect(of(events, 'disconnect')).toEqual([expect.objectContaining({ by: 'network', wasConnected: true, error: expect.stringMatching(/keepalive/i) })]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
