import { describe, expect, it } from 'vitest';
import { FaultEngine } from '../../electron/core/broker/faults/fault-engine';
import type { FaultChange, FaultDecision } from '../../electron/core/broker/faults/fault-engine';

const publish = (qos: number) => ({ cmd: 'publish', qos });
const ack = (cmd: string) => ({ cmd });
const action = (decision: FaultDecision) => decision.action;

/** A random source that returns the given values in turn, so drop-qos0 tests are exact. */
function sequence(...values: number[]): () => number {
  let index = 0;
  return () => {
    const value = values[index++];
    if (value === undefined) throw new Error('The test random source ran out of values.');
    return value;
  };
}

describe('the fault engine', () => {
  describe('bookkeeping', () => {
    it('lists added faults oldest first with ids, creation time and zero hits', () => {
      const engine = new FaultEngine({ now: () => 1234 });
      const first = engine.add({ kind: 'pause-delivery', target: '*' });
      const second = engine.add({ kind: 'drop-acks', target: 'a', ack: 'puback', direction: 'to-client', count: 3 });
      expect(first).toEqual({ kind: 'pause-delivery', target: '*', id: 1, createdAt: 1234, hits: 0 });
      expect(second).toMatchObject({ id: 2, remaining: 3, hits: 0 });
      expect(engine.list().map((fault) => fault.id)).toEqual([1, 2]);
    });

    it('returns copies, so a snapshot does not change as hits are counted', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'delay', target: '*', what: 'deliveries', ms: 10 });
      const before = engine.list();
      engine.decide(publish(1), 'out', 'a');
      expect(before[0]?.hits).toBe(0);
      expect(engine.list()[0]?.hits).toBe(1);
    });

    it('removes a fault by id, and says false for an unknown one', () => {
      const engine = new FaultEngine();
      const fault = engine.add({ kind: 'delay', target: '*', what: 'deliveries', ms: 10 });
      expect(engine.remove(fault.id)).toBe(true);
      expect(engine.remove(fault.id)).toBe(false);
      expect(engine.list()).toEqual([]);
      expect(engine.decide(publish(1), 'out', 'a')).toEqual({ action: 'pass' });
    });

    it('never reuses an id after a removal', () => {
      const engine = new FaultEngine();
      engine.remove(engine.add({ kind: 'pause-delivery', target: '*' }).id);
      expect(engine.add({ kind: 'pause-delivery', target: '*' }).id).toBe(2);
    });

    it('tells listeners about adds, removes and countdowns, and stops after unsubscribe', () => {
      const engine = new FaultEngine();
      const changes: FaultChange[] = [];
      const off = engine.onChange((change) => changes.push(change));
      const fault = engine.add({ kind: 'drop-acks', target: '*', ack: 'puback', direction: 'to-client', count: 1 });
      engine.decide(ack('puback'), 'out', 'a');
      engine.decide(ack('puback'), 'out', 'a');
      engine.remove(fault.id);
      off();
      engine.add({ kind: 'pause-delivery', target: '*' });
      expect(changes).toEqual([
        { kind: 'added', faultId: 1 },
        { kind: 'countdown', faultId: 1, remaining: 0 },
        { kind: 'removed', faultId: 1 },
      ]);
    });

    it('tells of every hit, so hit counts on screen stay true', () => {
      const engine = new FaultEngine();
      const fault = engine.add({ kind: 'delay', target: '*', what: 'deliveries', ms: 10 });
      const changes: unknown[] = [];
      engine.onChange((change) => changes.push(change));
      engine.decide(publish(1), 'out', 'a');
      engine.decide(publish(1), 'out', 'b');
      expect(changes).toEqual([
        { kind: 'hit', faultId: fault.id },
        { kind: 'hit', faultId: fault.id },
      ]);
    });
  });

  describe('packets no fault may touch', () => {
    const untouchable = ['connect', 'connack', 'subscribe', 'suback', 'unsubscribe', 'unsuback', 'pingreq', 'pingresp', 'disconnect', 'auth'];

    it('passes every non-publish, non-ack packet in both directions whatever is active', () => {
      const engine = new FaultEngine({ random: () => 0 });
      engine.add({ kind: 'pause-delivery', target: '*' });
      engine.add({ kind: 'drop-qos0', target: '*', percent: 100 });
      engine.add({ kind: 'delay', target: '*', what: 'acks', ms: 100 });
      engine.add({ kind: 'delay', target: '*', what: 'deliveries', ms: 100 });
      engine.add({ kind: 'refuse-connections', target: '*', code: 5 });
      for (const kind of ['puback', 'pubrec', 'pubrel', 'pubcomp'] as const) {
        engine.add({ kind: 'drop-acks', target: '*', ack: kind, direction: 'to-client', count: 10 });
        engine.add({ kind: 'drop-acks', target: '*', ack: kind, direction: 'from-client', count: 10 });
      }
      for (const cmd of untouchable) {
        expect(engine.decide({ cmd, qos: 0 }, 'in', 'a')).toEqual({ action: 'pass' });
        expect(engine.decide({ cmd, qos: 0 }, 'out', 'a')).toEqual({ action: 'pass' });
      }
      expect(engine.list().every((fault) => fault.hits === 0)).toBe(true);
    });

    it('passes a PUBLISH coming in from a client: faults act on deliveries', () => {
      const engine = new FaultEngine({ random: () => 0 });
      engine.add({ kind: 'pause-delivery', target: '*' });
      engine.add({ kind: 'drop-qos0', target: '*', percent: 100 });
      engine.add({ kind: 'delay', target: '*', what: 'deliveries', ms: 100 });
      expect(engine.decide(publish(0), 'in', 'a')).toEqual({ action: 'pass' });
      expect(engine.decide(publish(2), 'in', 'a')).toEqual({ action: 'pass' });
    });

    it('passes everything when no fault is active', () => {
      const engine = new FaultEngine();
      expect(engine.decide(publish(0), 'out', 'a')).toEqual({ action: 'pass' });
      expect(engine.decide(ack('pubrec'), 'in', 'a')).toEqual({ action: 'pass' });
      expect(engine.connectRefusal('a')).toBeUndefined();
      expect(engine.paused).toBe(false);
    });
  });

  describe('drop-acks', () => {
    it('drops the next N broker acks of the chosen kind to the client, counting down to a spent fault', () => {
      const engine = new FaultEngine();
      const fault = engine.add({ kind: 'drop-acks', target: '*', ack: 'puback', direction: 'to-client', count: 2 });
      const first = engine.decide(ack('puback'), 'out', 'pub');
      expect(first).toMatchObject({ action: 'drop', reason: 'fault 1: PUBACK to client dropped (1 left)' });
      expect(engine.list()[0]).toMatchObject({ remaining: 1, hits: 1 });
      expect(action(engine.decide(ack('puback'), 'out', 'pub'))).toBe('drop');
      expect(action(engine.decide(ack('puback'), 'out', 'pub'))).toBe('pass');
      // Spent, but still listed so the user sees what it did.
      expect(engine.list()).toEqual([expect.objectContaining({ id: fault.id, remaining: 0, hits: 2 })]);
    });

    it('drops only the chosen kind and direction', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'drop-acks', target: '*', ack: 'pubrel', direction: 'from-client', count: 5 });
      expect(action(engine.decide(ack('pubrel'), 'out', 'a'))).toBe('pass');
      expect(action(engine.decide(ack('pubrec'), 'in', 'a'))).toBe('pass');
      expect(action(engine.decide(ack('pubcomp'), 'in', 'a'))).toBe('pass');
      expect(action(engine.decide(ack('puback'), 'in', 'a'))).toBe('pass');
      expect(engine.decide(ack('pubrel'), 'in', 'a')).toMatchObject({ action: 'drop', reason: 'fault 1: PUBREL from client dropped (4 left)' });
      expect(engine.list()[0]).toMatchObject({ remaining: 4, hits: 1 });
    });

    it.each([
      ['puback', 'to-client', 'out'],
      ['puback', 'from-client', 'in'],
      ['pubrec', 'to-client', 'out'],
      ['pubrec', 'from-client', 'in'],
      ['pubrel', 'to-client', 'out'],
      ['pubrel', 'from-client', 'in'],
      ['pubcomp', 'to-client', 'out'],
      ['pubcomp', 'from-client', 'in'],
    ] as const)('drops %s %s (wire direction %s)', (kind, direction, wire) => {
      const engine = new FaultEngine();
      engine.add({ kind: 'drop-acks', target: '*', ack: kind, direction, count: 1 });
      expect(action(engine.decide(ack(kind), wire === 'in' ? 'out' : 'in', 'a'))).toBe('pass');
      expect(action(engine.decide(ack(kind), wire, 'a'))).toBe('drop');
    });

    it('applies a client-targeted fault to that client only', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'drop-acks', target: 'publisher', ack: 'puback', direction: 'to-client', count: 1 });
      expect(action(engine.decide(ack('puback'), 'out', 'other'))).toBe('pass');
      expect(engine.list()[0]).toMatchObject({ remaining: 1, hits: 0 });
      expect(action(engine.decide(ack('puback'), 'out', 'publisher'))).toBe('drop');
    });

    it('applies a * fault to every client, present and future, sharing one countdown', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'drop-acks', target: '*', ack: 'pubcomp', direction: 'to-client', count: 2 });
      expect(action(engine.decide(ack('pubcomp'), 'out', 'a'))).toBe('drop');
      expect(action(engine.decide(ack('pubcomp'), 'out', 'b'))).toBe('drop');
      expect(action(engine.decide(ack('pubcomp'), 'out', 'c'))).toBe('pass');
    });

    it('lets the oldest matching fault take the drop, then the next once it is spent', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'drop-acks', target: '*', ack: 'puback', direction: 'to-client', count: 1 });
      engine.add({ kind: 'drop-acks', target: 'a', ack: 'puback', direction: 'to-client', count: 1 });
      expect(engine.decide(ack('puback'), 'out', 'a')).toMatchObject({ reason: expect.stringContaining('fault 1') });
      expect(engine.decide(ack('puback'), 'out', 'a')).toMatchObject({ reason: expect.stringContaining('fault 2') });
      expect(action(engine.decide(ack('puback'), 'out', 'a'))).toBe('pass');
    });

    it('wins over a delay of acks', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'delay', target: '*', what: 'acks', ms: 50 });
      engine.add({ kind: 'drop-acks', target: '*', ack: 'puback', direction: 'to-client', count: 1 });
      expect(action(engine.decide(ack('puback'), 'out', 'a'))).toBe('drop');
      expect(action(engine.decide(ack('puback'), 'out', 'a'))).toBe('delay');
    });
  });

  describe('delay', () => {
    it('delays deliveries (outgoing PUBLISH of any QoS) and counts hits', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'delay', target: '*', what: 'deliveries', ms: 400 });
      for (const qos of [0, 1, 2]) {
        expect(engine.decide(publish(qos), 'out', 'sub')).toMatchObject({ action: 'delay', ms: 400, reason: 'fault 1: delivery delayed 400 ms' });
      }
      expect(action(engine.decide(ack('puback'), 'out', 'sub'))).toBe('pass');
      expect(engine.list()[0]?.hits).toBe(3);
    });

    it('delays the broker acks of every kind, not the client acks nor deliveries', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'delay', target: '*', what: 'acks', ms: 250 });
      for (const kind of ['puback', 'pubrec', 'pubrel', 'pubcomp']) {
        expect(engine.decide(ack(kind), 'out', 'a')).toMatchObject({ action: 'delay', ms: 250, reason: `fault 1: ${kind.toUpperCase()} delayed 250 ms` });
        expect(action(engine.decide(ack(kind), 'in', 'a'))).toBe('pass');
      }
      expect(action(engine.decide(publish(1), 'out', 'a'))).toBe('pass');
      expect(engine.list()[0]?.hits).toBe(4);
    });

    it('uses the longest of several matching delays and counts the hit on it', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'delay', target: '*', what: 'deliveries', ms: 100 });
      engine.add({ kind: 'delay', target: 'a', what: 'deliveries', ms: 300 });
      engine.add({ kind: 'delay', target: '*', what: 'deliveries', ms: 200 });
      expect(engine.decide(publish(1), 'out', 'a')).toMatchObject({ ms: 300 });
      expect(engine.decide(publish(1), 'out', 'b')).toMatchObject({ ms: 200 });
      expect(engine.list().map((fault) => fault.hits)).toEqual([0, 1, 1]);
    });

    it('applies a client-targeted delay to that client only', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'delay', target: 'slow', what: 'deliveries', ms: 100 });
      expect(action(engine.decide(publish(1), 'out', 'fast'))).toBe('pass');
      expect(action(engine.decide(publish(1), 'out', 'slow'))).toBe('delay');
    });
  });

  describe('drop-qos0', () => {
    it('drops a QoS 0 delivery when the random draw falls under the percentage', () => {
      const engine = new FaultEngine({ random: sequence(0.29, 0.3, 0.99) });
      engine.add({ kind: 'drop-qos0', target: '*', percent: 30 });
      expect(engine.decide(publish(0), 'out', 'a')).toMatchObject({ action: 'drop', reason: 'fault 1: QoS 0 delivery dropped (30%)' });
      expect(action(engine.decide(publish(0), 'out', 'a'))).toBe('pass');
      expect(action(engine.decide(publish(0), 'out', 'a'))).toBe('pass');
      // Hits count drops, not draws.
      expect(engine.list()[0]?.hits).toBe(1);
    });

    it('drops every QoS 0 delivery at 100% and leaves QoS 1 and 2 alone without drawing', () => {
      let draws = 0;
      const engine = new FaultEngine({ random: () => (draws++, 0.999999) });
      engine.add({ kind: 'drop-qos0', target: '*', percent: 100 });
      expect(action(engine.decide(publish(0), 'out', 'a'))).toBe('drop');
      expect(action(engine.decide({ cmd: 'publish' }, 'out', 'a'))).toBe('drop');
      expect(action(engine.decide(publish(1), 'out', 'a'))).toBe('pass');
      expect(action(engine.decide(publish(2), 'out', 'a'))).toBe('pass');
      expect(draws).toBe(2);
    });

    it('applies a client-targeted drop to that client only, drawing for no one else', () => {
      let draws = 0;
      const engine = new FaultEngine({ random: () => (draws++, 0) });
      engine.add({ kind: 'drop-qos0', target: 'lossy', percent: 50 });
      expect(action(engine.decide(publish(0), 'out', 'other'))).toBe('pass');
      expect(draws).toBe(0);
      expect(action(engine.decide(publish(0), 'out', 'lossy'))).toBe('drop');
    });

    it('draws once per matching fault, as lossy links in a row', () => {
      const engine = new FaultEngine({ random: sequence(0.6, 0.4) });
      engine.add({ kind: 'drop-qos0', target: '*', percent: 50 });
      engine.add({ kind: 'drop-qos0', target: '*', percent: 50 });
      expect(engine.decide(publish(0), 'out', 'a')).toMatchObject({ action: 'drop', reason: expect.stringContaining('fault 2') });
    });

    it('drops before a pause would hold, and holds what it does not drop', () => {
      const engine = new FaultEngine({ random: sequence(0.1, 0.9) });
      engine.add({ kind: 'pause-delivery', target: '*' });
      engine.add({ kind: 'drop-qos0', target: '*', percent: 50 });
      expect(action(engine.decide(publish(0), 'out', 'a'))).toBe('drop');
      expect(action(engine.decide(publish(0), 'out', 'a'))).toBe('hold');
    });
  });

  describe('refuse-connections', () => {
    it('answers every new connection with the chosen CONNACK code and counts each refusal', () => {
      const engine = new FaultEngine();
      const fault = engine.add({ kind: 'refuse-connections', target: '*', code: 5 });
      expect(engine.connectRefusal('a')).toBe(5);
      expect(engine.connectRefusal('b')).toBe(5);
      expect(engine.list()[0]?.hits).toBe(2);
      engine.remove(fault.id);
      expect(engine.connectRefusal('a')).toBeUndefined();
    });

    it('uses the oldest refusal when several are active', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'refuse-connections', target: '*', code: 3 });
      engine.add({ kind: 'refuse-connections', target: '*', code: 4 });
      expect(engine.connectRefusal('a')).toBe(3);
    });

    it('does not refuse through decide: a CONNECT packet passes there', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'refuse-connections', target: '*', code: 2 });
      expect(engine.decide({ cmd: 'connect' }, 'in', 'a')).toEqual({ action: 'pass' });
      expect(engine.list()[0]?.hits).toBe(0);
    });
  });

  describe('pause-delivery', () => {
    it('holds every delivery while paused, passes acks and the rest, and resumes on remove', () => {
      const engine = new FaultEngine();
      const changes: FaultChange[] = [];
      engine.onChange((change) => changes.push(change));
      const fault = engine.add({ kind: 'pause-delivery', target: '*' });
      expect(engine.paused).toBe(true);
      expect(engine.decide(publish(1), 'out', 'a')).toMatchObject({ action: 'hold', reason: 'fault 1: delivery held while paused' });
      expect(action(engine.decide(publish(0), 'out', 'b'))).toBe('hold');
      // Acks and keepalive still flow, so sessions stay up while nothing is delivered.
      expect(action(engine.decide(ack('pubrel'), 'out', 'a'))).toBe('pass');
      expect(action(engine.decide(ack('puback'), 'in', 'a'))).toBe('pass');
      expect(action(engine.decide({ cmd: 'pingresp' }, 'out', 'a'))).toBe('pass');
      expect(engine.list()[0]?.hits).toBe(2);
      engine.remove(fault.id);
      expect(engine.paused).toBe(false);
      // The listener is how the wire layer learns to flush the held packets.
      expect(changes.at(-1)).toEqual({ kind: 'removed', faultId: 1 });
      expect(action(engine.decide(publish(1), 'out', 'a'))).toBe('pass');
    });

    it('stays paused until the last pause is removed', () => {
      const engine = new FaultEngine();
      const first = engine.add({ kind: 'pause-delivery', target: '*' });
      const second = engine.add({ kind: 'pause-delivery', target: '*' });
      engine.remove(first.id);
      expect(engine.paused).toBe(true);
      engine.remove(second.id);
      expect(engine.paused).toBe(false);
    });

    it('holds rather than delays while paused', () => {
      const engine = new FaultEngine();
      engine.add({ kind: 'delay', target: '*', what: 'deliveries', ms: 100 });
      engine.add({ kind: 'pause-delivery', target: '*' });
      expect(action(engine.decide(publish(1), 'out', 'a'))).toBe('hold');
      expect(engine.list().map((fault) => fault.hits)).toEqual([0, 1]);
    });
  });
});

describe('faults aimed at one client', () => {
  it('refuses and pauses only the client named, and releases it when its pause ends', () => {
    const engine = new FaultEngine();
    engine.add({ kind: 'refuse-connections', target: 'device-7', code: 5 });
    const pause = engine.add({ kind: 'pause-delivery', target: 'device-7' });
    expect(engine.connectRefusal('device-7')).toBe(5);
    expect(engine.connectRefusal('device-8')).toBeUndefined();
    expect(engine.decide({ cmd: 'publish', qos: 1 }, 'out', 'device-7').action).toBe('hold');
    expect(engine.decide({ cmd: 'publish', qos: 1 }, 'out', 'device-8').action).toBe('pass');
    expect(engine.pausedFor('device-7')).toBe(true);
    expect(engine.pausedFor('device-8')).toBe(false);
    engine.remove(pause.id);
    expect(engine.pausedFor('device-7')).toBe(false);
  });
});

describe('the fault column in either language', () => {
  it('carries the reason as a sentence beside its English', async () => {
    const { wordText } = await import('../../shared/broker/broker-text');
    const { translator } = await import('../../shared/i18n');
    const engine = new FaultEngine();
    engine.add({ kind: 'drop-acks', target: '*', ack: 'puback', direction: 'to-client', count: 2 });
    const decision = engine.decide({ cmd: 'puback' }, 'out', 'a');
    if (decision.action !== 'drop') throw new Error('expected a drop');
    expect(wordText(translator('en'), decision.text)).toBe(decision.reason);
    expect(wordText(translator('zh-CN'), decision.text)).toBe('故障 1：已丢弃发往客户端的 PUBACK（还剩 1 个）');
    engine.add({ kind: 'delay', target: '*', what: 'deliveries', ms: 400 });
    const delay = engine.decide({ cmd: 'publish', qos: 1 }, 'out', 'a');
    if (delay.action !== 'delay') throw new Error('expected a delay');
    expect(delay.reason).toBe('fault 2: delivery delayed 400 ms');
    expect(wordText(translator('zh-CN'), delay.text)).toBe('故障 2：投递已延迟 400 ms');
  });
});
