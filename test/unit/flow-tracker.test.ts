import type { Packet } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { FlowTracker } from '../../electron/core/flows/flow-tracker';
import type { TappedPacket } from '../../electron/core/packets/packet-tap';
import type { FlowView } from '../../shared/domain/flow';

/** A tracker on a clock the test moves, fed packets as the tap would stamp them. */
function harness(capacity?: number) {
  let now = 1000;
  let seq = 0;
  const tracker = new FlowTracker({ now: () => now, protocolVersion: 5, ...(capacity === undefined ? {} : { capacity }) });
  const feed = (direction: 'sent' | 'received', packet: Packet, messageId = 0) => {
    const tapped: TappedPacket = { seq: ++seq, direction, monotonicMs: now, wallTime: 1_700_000_000_000 + now, packet };
    tracker.record(tapped, messageId);
  };
  return {
    tracker,
    feed,
    advance(ms: number) {
      now += ms;
    },
    only(warnAfterMs = 5000): FlowView {
      const { flows } = tracker.list({}, 10, Infinity, warnAfterMs);
      const [flow] = flows;
      if (!flow) throw new Error('no flow');
      return flow;
    },
  };
}

const publish = (messageId: number, qos: 0 | 1 | 2, dup = false): Packet => ({ cmd: 'publish', topic: 'lab/t', payload: Buffer.from('x'), qos, dup, retain: false, messageId });

describe('FlowTracker', () => {
  it('shows a QoS 2 flow that never gets its PUBCOMP as waiting, then as a warning once the threshold passes', () => {
    const { feed, advance, only } = harness();
    feed('sent', publish(7, 2), 1);
    advance(1.2);
    feed('received', { cmd: 'pubrec', messageId: 7 });
    feed('sent', { cmd: 'pubrel', messageId: 7 });
    advance(4200);
    const waiting = only(5000);
    expect(waiting).toMatchObject({ state: 'waiting', waitingFor: 'PUBCOMP from the broker', waitingMs: 4200, warning: false });
    advance(800);
    expect(only(5000)).toMatchObject({ state: 'waiting', waitingMs: 5000, warning: true });
    // The threshold is the user's: a longer one takes the warning away again.
    expect(only(60_000).warning).toBe(false);
    feed('received', { cmd: 'pubcomp', messageId: 7 });
    expect(only(5000)).toMatchObject({ state: 'complete', warning: false, durationMs: 5001.2 });
    expect(only().waitingFor).toBeUndefined();
  });

  it('shows PUBACK reason codes: 0x87 as a failure, 0x10 as a completed flow with its reason', () => {
    const { tracker, feed } = harness();
    feed('sent', publish(1, 1));
    feed('received', { cmd: 'puback', messageId: 1, reasonCode: 0x87 });
    feed('sent', publish(2, 1));
    feed('received', { cmd: 'puback', messageId: 2, reasonCode: 0x10 });
    const [second, first] = tracker.list({}, 10).flows;
    expect(first).toMatchObject({ state: 'failed', outcome: 'not authorized (PUBACK 0x87)' });
    expect(first?.steps[1]).toMatchObject({ reasonCode: 0x87, failed: true });
    expect(second).toMatchObject({ state: 'complete', outcome: 'no matching subscribers (PUBACK 0x10)' });
    expect(tracker.list({ states: ['failed'] }, 10).flows.map((flow) => flow.flowId)).toEqual([first?.flowId]);
  });

  it('joins a DUP resend and a PUBREL resend to the flow they repeat, with the reconnect drawn inside', () => {
    const { tracker, feed, advance } = harness();
    feed('sent', { cmd: 'connect', clientId: 'a', protocolId: 'MQTT', protocolVersion: 5, clean: true, keepalive: 30 } as Packet);
    feed('received', { cmd: 'connack', sessionPresent: false, reasonCode: 0 });
    feed('sent', publish(3, 1), 10);
    advance(50);
    tracker.connectionLost('socket closed');
    advance(200);
    feed('sent', { cmd: 'connect', clientId: 'a', protocolId: 'MQTT', protocolVersion: 5, clean: false, keepalive: 30 } as Packet);
    feed('received', { cmd: 'connack', sessionPresent: true, reasonCode: 0 });
    feed('sent', publish(3, 1, true), 11);
    feed('received', { cmd: 'puback', messageId: 3 });
    const publishes = tracker.list({ qos: [1] }, 10).flows;
    expect(publishes).toHaveLength(1);
    const [flow] = publishes;
    expect(flow?.steps.map((step) => `${step.type}${step.dup ? ' dup' : ''}`)).toEqual(['PUBLISH', 'PUBLISH dup', 'PUBACK']);
    expect(flow?.marks.map((mark) => mark.kind)).toEqual(['lost', 'reconnected']);
    expect(tracker.flowOfMessage(11)).toBe(flow?.flowId);
    expect(tracker.flowOfMessage(10)).toBe(flow?.flowId);
  });

  it('keeps a lone QoS 0 PUBLISH compactly and still lists it with its message and topic', () => {
    const { tracker, feed } = harness();
    feed('received', publish(0, 0), 42);
    const [flow] = tracker.list({ topic: 'lab/#' }, 10).flows;
    expect(flow).toMatchObject({ kind: 'publish', origin: 'broker', qos: 0, topic: 'lab/t', messageId: 42, state: 'complete' });
    expect(flow?.steps).toHaveLength(1);
    expect(tracker.list({ topic: 'other/#' }, 10).flows).toHaveLength(0);
    expect(tracker.list({ qos: [1, 2] }, 10).flows).toHaveLength(0);
  });

  it('counts the flows evicted to keep within its budget, including waiting ones', () => {
    const { tracker, feed } = harness(4);
    feed('sent', publish(1, 1));
    for (let index = 0; index < 5; index++) feed('received', publish(0, 0), index + 1);
    expect(tracker.counts).toEqual({ total: 4, evicted: 2, waiting: 0 });
    // The evicted flow's packet id is free: its PUBACK now belongs to nothing held and says so.
    feed('received', { cmd: 'puback', messageId: 1 });
    expect(tracker.list({}, 1).flows[0]).toMatchObject({ state: 'failed', outcome: 'no PUBLISH with packet id 1 was waiting for this PUBACK' });
  });

  it('draws PINGREQ→PINGRESP, a broker DISCONNECT with its reason, and a refused SUBSCRIBE', () => {
    const { tracker, feed } = harness();
    feed('sent', { cmd: 'pingreq' });
    feed('received', { cmd: 'pingresp' });
    feed('sent', { cmd: 'subscribe', messageId: 9, subscriptions: [{ topic: 'secret/#', qos: 1 }] });
    feed('received', { cmd: 'suback', messageId: 9, granted: [0x87] });
    feed('received', { cmd: 'disconnect', reasonCode: 0x8e });
    const [disconnect, subscribe, ping] = tracker.list({}, 10).flows;
    expect(ping).toMatchObject({ kind: 'ping', state: 'complete' });
    expect(subscribe).toMatchObject({ kind: 'subscribe', state: 'failed', topic: 'secret/#', outcome: 'not authorized (SUBACK 0x87)' });
    expect(disconnect).toMatchObject({ kind: 'disconnect', origin: 'broker', state: 'failed', outcome: 'session taken over (DISCONNECT 0x8e)' });
    // The QoS filter keeps PUBLISH flows only, though a SUBSCRIBE asked for a QoS.
    expect(tracker.list({ qos: [1] }, 10).flows).toHaveLength(0);
  });

  it('fails a waiting PINGREQ when the connection is lost', () => {
    const { tracker, feed } = harness();
    feed('sent', { cmd: 'pingreq' });
    tracker.connectionLost('keepalive timeout');
    expect(tracker.list({}, 1).flows[0]).toMatchObject({ kind: 'ping', state: 'failed', outcome: 'the connection was lost (keepalive timeout)' });
    expect(tracker.counts.waiting).toBe(0);
  });
});

describe('FlowTracker when a new client replaces the old one', () => {
  it('ends the exchanges left waiting as failed, so they do not wait for ever', () => {
    const { tracker, feed } = harness();
    feed('sent', publish(4, 2));
    feed('received', { cmd: 'pubrec', messageId: 4 });
    tracker.abandonWaiting('not finished: a new connection replaced the one it was sent on');
    expect(tracker.list({}, 1).flows[0]).toMatchObject({ state: 'failed', outcome: 'not finished: a new connection replaced the one it was sent on' });
    expect(tracker.counts.waiting).toBe(0);
    // Its packet id is free again: a new PUBLISH with it starts the next epoch.
    feed('sent', publish(4, 1));
    expect(tracker.list({}, 1).flows[0]).toMatchObject({ state: 'waiting', packetId: 4, epoch: 1 });
  });
});

describe('FlowTracker with MQTT 3.1.1', () => {
  it('completes UNSUBSCRIBE with an UNSUBACK that carries no reason codes', () => {
    const { tracker, feed } = harness();
    feed('sent', { cmd: 'unsubscribe', messageId: 5, unsubscriptions: ['lab/#'] });
    feed('received', { cmd: 'unsuback', messageId: 5 } as Packet);
    expect(tracker.list({}, 1).flows[0]).toMatchObject({ kind: 'unsubscribe', state: 'complete', topic: 'lab/#' });
  });
});

describe('FlowTracker wording', () => {
  it('sends its own sentences as Messages beside the English, so the screen words them in the user\'s language', async () => {
    const { english, translator } = await import('../../shared/i18n');
    const { feed, only } = harness();
    feed('sent', publish(7, 2), 1);
    feed('received', { cmd: 'pubrec', messageId: 7 });
    const waiting = only();
    expect(waiting.waitingForMessage).toEqual({ key: 'timeline.flow.waitingFromClient', params: { packet: 'PUBREL' } });
    expect(waiting.waitingFor).toBe('PUBREL from this client');
    expect(translator('zh-CN').msg(waiting.waitingForMessage!)).toBe('来自此客户端的 PUBREL');

    const orphan = harness();
    orphan.feed('received', { cmd: 'pingresp' });
    const failed = orphan.only();
    expect(failed.outcome).toBe('no PINGREQ was waiting for this PINGRESP');
    expect(failed.outcomeMessage && english(failed.outcomeMessage.key, failed.outcomeMessage.params)).toBe(failed.outcome);
    expect(translator('zh-CN').msg(failed.outcomeMessage!)).toBe('没有 PINGREQ 在等待这个 PINGRESP');
  });
});
