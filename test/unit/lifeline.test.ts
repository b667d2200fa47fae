import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Packet } from 'mqtt';
import { Lifeline } from '../../electron/core/lifeline/lifeline';
import type { Stamp } from '../../electron/core/lifeline/lifeline';
import type { PacketDirection } from '../../electron/core/packets/packet-tap';
import type { ConnectionStatus } from '../../shared/domain/connection';

/** A hand-driven clock: every packet and status change happens at a time the test chooses. */
function harness(capacity?: number) {
  let now = 1000;
  const clock = (): Stamp => ({ monotonicMs: now, wallTime: 1_700_000_000_000 + now });
  const changes: number[] = [];
  const lifeline = new Lifeline({ capacity, target: () => 'mqtt://127.0.0.1:1883', onChange: (fromId) => changes.push(fromId), clock });
  let seq = 0;
  const packet = (direction: PacketDirection, fields: Record<string, unknown>) =>
    lifeline.onPacket({ seq: ++seq, direction, monotonicMs: now, wallTime: 1_700_000_000_000 + now, packet: fields as unknown as Packet });
  const status = (fields: Omit<ConnectionStatus, 'since'>) => lifeline.onStatus({ ...fields, since: 1_700_000_000_000 + now });
  return {
    lifeline,
    changes,
    packet,
    status,
    at: (ms: number) => void (now = ms),
    events: () => lifeline.slice().events,
    connect: (keepalive = 10, protocolVersion = 5) => {
      packet('sent', { cmd: 'connect', keepalive, protocolVersion, clientId: 'c' });
      now += 4;
      packet('received', protocolVersion === 5 ? { cmd: 'connack', reasonCode: 0, sessionPresent: false } : { cmd: 'connack', returnCode: 0, sessionPresent: true });
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Lifeline', () => {
  it('records a connect attempt and its CONNACK with the time between them', () => {
    const line = harness();
    line.status({ state: 'connecting' });
    line.connect(10, 4);
    expect(line.events()).toEqual([
      expect.objectContaining({ id: 1, kind: 'connect-attempt', attempt: 0, target: 'mqtt://127.0.0.1:1883', protocolVersion: 4, keepaliveS: 10 }),
      expect.objectContaining({ id: 2, kind: 'connack', code: 0, codeText: 'accepted', sessionPresent: true, sinceConnectMs: 4 }),
    ]);
  });

  it('pairs each PINGRESP with its PINGREQ and measures the round trip on the monotonic clock', () => {
    const line = harness();
    line.connect();
    line.at(2000);
    line.packet('sent', { cmd: 'pingreq' });
    line.at(2001.25);
    line.packet('received', { cmd: 'pingresp' });
    line.at(3000);
    line.packet('sent', { cmd: 'pingreq' });
    line.at(3007);
    line.packet('received', { cmd: 'pingresp' });
    const pings = line.events().filter((event) => event.kind === 'ping');
    expect(pings).toEqual([
      expect.objectContaining({ state: 'answered', rttMs: 1.25, monotonicMs: 2000 }),
      expect.objectContaining({ state: 'answered', rttMs: 7, monotonicMs: 3000 }),
    ]);
  });

  it('marks a PINGREQ without answer as missing after 1.5 keepalive intervals', () => {
    vi.useFakeTimers();
    const line = harness();
    line.connect(2);
    line.packet('sent', { cmd: 'pingreq' });
    vi.advanceTimersByTime(2999);
    expect(line.events().at(-1)).toMatchObject({ kind: 'ping', state: 'waiting' });
    vi.advanceTimersByTime(1);
    expect(line.events().at(-1)).toMatchObject({ kind: 'ping', state: 'missing', missingBecause: 'timeout' });
    expect(line.events().at(-1)?.id).toBe(line.changes.at(-1));
  });

  it('marks a waiting PINGREQ as missing when the connection drops, then records the loss and the backoff', () => {
    const line = harness();
    line.status({ state: 'connecting' });
    line.connect();
    line.at(5000);
    line.packet('sent', { cmd: 'pingreq' });
    line.at(5100);
    line.status({ state: 'reconnecting', reason: 'the connection was lost', detail: 'ECONNRESET', attempt: 1, nextAttemptAt: 1_700_000_000_000 + 5100 + 200 });
    expect(line.events().slice(2)).toEqual([
      expect.objectContaining({ kind: 'ping', state: 'missing', missingBecause: 'connection closed' }),
      expect.objectContaining({ kind: 'disconnect', by: 'network', error: 'the connection was lost (ECONNRESET)', wasConnected: true, monotonicMs: 5100 }),
      expect.objectContaining({ kind: 'reconnect-scheduled', attempt: 1, delayMs: 200, nextAttemptAt: 1_700_000_000_000 + 5300 }),
    ]);

    // The attempt that follows carries the attempt number; a refused socket fails it before any CONNACK.
    line.at(5300);
    line.status({ state: 'reconnecting', reason: 'attempt 1: connecting…', attempt: 1 });
    line.packet('sent', { cmd: 'connect', keepalive: 10, protocolVersion: 5 });
    line.at(5301);
    line.status({ state: 'reconnecting', reason: 'connection refused', detail: 'ECONNREFUSED', attempt: 2, nextAttemptAt: 1_700_000_000_000 + 5301 + 400 });
    expect(line.events().slice(5)).toEqual([
      expect.objectContaining({ kind: 'connect-attempt', attempt: 1 }),
      expect.objectContaining({ kind: 'disconnect', by: 'network', wasConnected: false, error: 'connection refused (ECONNREFUSED)' }),
      expect.objectContaining({ kind: 'reconnect-scheduled', attempt: 2, delayMs: 400 }),
    ]);
  });

  it('records a server DISCONNECT with its reason once, not again when the socket closes after it', () => {
    const line = harness();
    line.connect();
    line.packet('received', { cmd: 'disconnect', reasonCode: 0x8e, properties: { reasonString: 'another client' } });
    line.status({ state: 'disconnected', reason: 'the broker disconnected: session taken over' });
    const disconnects = line.events().filter((event) => event.kind === 'disconnect');
    expect(disconnects).toEqual([expect.objectContaining({ by: 'server', code: 0x8e, codeText: 'session taken over', reasonString: 'another client' })]);
  });

  it("tells the user's own disconnect from a loss, and stopping while waiting to reconnect from both", () => {
    const line = harness();
    line.connect();
    line.status({ state: 'disconnected', reason: 'disconnected by you' });
    expect(line.events().at(-1)).toMatchObject({ kind: 'disconnect', by: 'client', wasConnected: true });
    expect(line.events().at(-1)).not.toHaveProperty('error');

    line.status({ state: 'connecting' });
    line.connect();
    line.status({ state: 'reconnecting', reason: 'the connection was lost', attempt: 1, nextAttemptAt: 1_700_000_010_000 });
    line.status({ state: 'disconnected', reason: 'disconnected by you' });
    expect(line.events().at(-1)).toMatchObject({ kind: 'give-up', reason: 'disconnected by you' });
  });

  it("tells the user's own disconnect with a reason code from a loss", () => {
    const line = harness();
    line.connect();
    line.status({ state: 'disconnected', reason: 'disconnected by you with 0x04 disconnect with will message; 1 QoS 1 message was still unacknowledged' });
    expect(line.events().at(-1)).toMatchObject({ kind: 'disconnect', by: 'client', wasConnected: true });
    expect(line.events().at(-1)).not.toHaveProperty('error');
  });

  it('keeps a CONNACK refusal as the reason, without a network loss after it', () => {
    const line = harness();
    line.packet('sent', { cmd: 'connect', keepalive: 10, protocolVersion: 5 });
    line.packet('received', { cmd: 'connack', reasonCode: 0x87, sessionPresent: false });
    line.status({ state: 'failed', reason: 'the broker refused the connection: not authorized (CONNACK 135)' });
    expect(line.events().map((event) => event.kind)).toEqual(['connect-attempt', 'connack', 'give-up']);
    expect(line.events()[1]).toMatchObject({ code: 0x87, codeText: 'not authorized (CONNACK 135)' });
  });

  it('drops the oldest events when full, counts them, and answers from an id', () => {
    const line = harness(5);
    line.connect();
    for (let index = 0; index < 6; index++) {
      line.packet('sent', { cmd: 'pingreq' });
      line.packet('received', { cmd: 'pingresp' });
    }
    const slice = line.lifeline.slice();
    expect(slice.evicted).toBe(3);
    expect(slice.oldestId).toBe(4);
    expect(slice.nextId).toBe(9);
    expect(slice.events.map((event) => event.id)).toEqual([4, 5, 6, 7, 8]);
    expect(line.lifeline.slice(7).events.map((event) => event.id)).toEqual([7, 8]);
    expect(line.lifeline.slice(2).events.map((event) => event.id)).toEqual([4, 5, 6, 7, 8]);
    expect(line.lifeline.slice(9).events).toEqual([]);
  });
});
