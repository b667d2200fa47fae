import { describe, expect, test } from 'vitest';
import { checkExpectation } from '../../shared/lessons/lesson-checks';
import type { CheckContext } from '../../shared/lessons/lesson-checks';
import { Expectation } from '../../shared/lessons/lesson-format';
import type { TraceConnectionEvent, TracePacket } from '../../shared/lessons/lesson-trace';

/** Made-up traces: each claim is checked once where it holds and once where the trace breaks it. */
function packet(index: number, fields: Partial<TracePacket> & Pick<TracePacket, 'from' | 'to' | 'type'>): TracePacket {
  const actor = fields.from === 'broker' ? fields.to : fields.from;
  return { index, step: 0, time: index * 100, wallTime: 0, tap: 'actors', actor, size: 10, ref: { source: 'client', connectionId: actor, seq: index + 1 }, ...fields };
}

function context(packets: TracePacket[], extra: Partial<CheckContext> = {}): CheckContext {
  return {
    packets,
    events: [],
    actors: [
      { name: 'Sensor', properNoun: false, keepaliveSeconds: 3 },
      { name: 'Phone', properNoun: false, keepaliveSeconds: 30 },
      { name: 'Alice', properNoun: true, keepaliveSeconds: 30 },
    ],
    connected: {},
    now: 10_000,
    ...extra,
  };
}

function check(expectation: unknown, traceContext: CheckContext) {
  return checkExpectation(Expectation.parse(expectation), traceContext);
}

const firstPublish = packet(0, { from: 'Sensor', to: 'broker', type: 'PUBLISH', qos: 1, dup: false, packetId: 7, topic: 'a/b', payload: 'count=2' });
const resent = packet(1, { from: 'Sensor', to: 'broker', type: 'PUBLISH', qos: 1, dup: true, packetId: 7, topic: 'a/b', payload: 'count=2' });
const resentWithoutDup = { ...resent, dup: false };
const resentWithNewId = { ...resent, packetId: 8 };

describe('packet expectations', () => {
  const twiceWithDup = { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: 'count=2', count: 2, dup: 'after-first', samePacketId: true };

  test('a PUBLISH resent with DUP and the same packet id', () => {
    expect(check(twiceWithDup, context([firstPublish, resent]))).toMatchObject({ ok: true, text: '✓ The Sensor sent PUBLISH "count=2" to the broker twice: packet id 7 each time; QoS 1; DUP set on the second.', packets: [0, 1] });
  });

  test('fails when the PUBLISH came only once', () => {
    expect(check(twiceWithDup, context([firstPublish])).text).toBe('✗ Expected the Sensor to send PUBLISH "count=2" to the broker twice with DUP on every copy after the first, the same packet id; it did once: packet id 7; QoS 1; no DUP.');
  });

  test('fails when the resend has no DUP', () => {
    expect(check(twiceWithDup, context([firstPublish, resentWithoutDup])).text).toBe('✗ Expected the Sensor to send PUBLISH "count=2" to the broker twice with DUP on every copy after the first, the same packet id; it did twice, but the second had DUP not set.');
  });

  test('fails when the resend has another packet id', () => {
    expect(check(twiceWithDup, context([firstPublish, resentWithNewId])).text).toBe('✗ Expected the Sensor to send PUBLISH "count=2" to the broker twice with DUP on every copy after the first, the same packet id; it did twice, but their packet ids differ: 7, 8.');
  });

  test('QoS, RETAIN, reason code, properties and Remaining Length each fail when broken', () => {
    const puback = packet(2, { from: 'broker', to: 'Sensor', type: 'PUBACK', packetId: 7, reasonCode: 0x10 });
    expect(check({ kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', reasonCode: 0x10 }, context([puback])).text).toBe('✓ The broker sent PUBACK to the Sensor once: packet id 7; reason code 0x10.');
    expect(check({ kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', reasonCode: 0 }, context([puback])).text).toBe('✗ Expected the broker to send PUBACK to the Sensor at least once with reason code 0x00; it did once, but it had reason code 0x10, not 0x00.');
    expect(check({ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, qos: 2 }, context([firstPublish])).text).toBe('✗ Expected the Sensor to send PUBLISH to the broker once with QoS 2; it did once, but it had QoS 1, not 2.');
    expect(check({ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', retain: true }, context([firstPublish])).text).toBe('✗ Expected the Sensor to send PUBLISH to the broker at least once with RETAIN set; it did once, but it had RETAIN not set.');
    const connect = packet(3, { from: 'Sensor', to: 'broker', type: 'CONNECT', properties: { sessionExpiryInterval: 30 }, remainingLengthBytes: 1, size: 20 });
    expect(check({ kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', properties: { sessionExpiryInterval: 30 } }, context([connect])).text).toBe('✓ The Sensor sent CONNECT to the broker once: sessionExpiryInterval 30.');
    expect(check({ kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', properties: { sessionExpiryInterval: 0 } }, context([connect])).text).toBe('✗ Expected the Sensor to send CONNECT to the broker at least once with sessionExpiryInterval 0; it did once, but it had sessionExpiryInterval 30, not 0.');
    expect(check({ kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', remainingLengthBytes: 1 }, context([connect])).text).toBe('✓ The Sensor sent CONNECT to the broker once: 1-byte Remaining Length (20 bytes in all).');
    expect(check({ kind: 'packet', from: 'Sensor', to: 'broker', type: 'CONNECT', remainingLengthBytes: 2 }, context([connect])).text).toBe('✗ Expected the Sensor to send CONNECT to the broker at least once with a 2-byte Remaining Length; it did once, but its Remaining Length took 1 byte, not 2.');
  });

  test('a topic alias claim fails when the PUBLISH carried the whole topic', () => {
    const aliased = packet(6, { from: 'Sensor', to: 'broker', type: 'PUBLISH', qos: 0, topic: 'a/long/topic', topicAlias: { alias: 1, form: 'alias-only', bytesSaved: 12 }, size: 20 });
    const claim = { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, topicAlias: 'alias-only' };
    expect(check(claim, context([aliased])).text).toBe('✓ The Sensor sent PUBLISH to the broker once: QoS 0; only the topic alias 1, 12 bytes saved (20 bytes in all).');
    expect(check(claim, context([{ ...aliased, topicAlias: undefined, size: 32 }])).text).toBe('✗ Expected the Sensor to send PUBLISH to the broker once with only the topic alias; it did once, but it had no topic alias, not only the topic alias.');
  });

  test('a packet dropped at the broker is seen only on the broker tap', () => {
    const dropped = packet(4, { tap: 'broker', from: 'broker', to: 'Sensor', type: 'PUBACK', packetId: 7, fault: 'fault 1: PUBACK to client dropped (0 left)', dropped: true, ref: { source: 'lesson-broker', seq: 9 } });
    const claim = { kind: 'packet', at: 'broker', from: 'broker', to: 'Sensor', type: 'PUBACK', dropped: true, count: 1 };
    expect(check(claim, context([dropped])).text).toBe('✓ The broker dropped PUBACK to the Sensor once (seen at the broker): packet id 7; dropped by the fault.');
    expect(check(claim, context([{ ...dropped, dropped: false, fault: undefined }])).text).toBe('✗ Expected the broker to drop PUBACK to the Sensor once (seen at the broker); it never did.');
    // The actors' tap never sees the dropped one: the claim on it would be wrong to count it.
    expect(check({ kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 0 }, context([dropped])).text).toBe('✓ The broker never sent any PUBACK to the Sensor.');
  });

  test('without a count, the attributes choose among the packets: at least one PUBLISH with DUP', () => {
    const anyResend = { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', dup: true };
    expect(check(anyResend, context([firstPublish, resent]))).toMatchObject({ ok: true, text: '✓ The Sensor sent PUBLISH to the broker once: packet id 7; QoS 1; DUP set.', packets: [1] });
    expect(check(anyResend, context([firstPublish])).text).toBe('✗ Expected the Sensor to send PUBLISH to the broker at least once with DUP set; it did once, but it had DUP not set.');
  });

  test('a packet that must not appear fails when it does', () => {
    const suback = packet(5, { from: 'broker', to: 'Sensor', type: 'SUBACK', packetId: 3 });
    expect(check({ kind: 'packet', from: 'broker', to: 'Sensor', type: 'SUBACK', count: 0 }, context([suback])).text).toBe('✗ Expected the broker not to send any SUBACK to the Sensor; it did once: packet id 3.');
  });

  test('a template is filled from the trace', () => {
    expect(check({ ...twiceWithDup, says: '{from} sent {type} {times}, ids {packetIds}.' }, context([firstPublish, resent])).text).toBe('✓ The Sensor sent PUBLISH twice, ids 7, 7.');
  });
});

describe('received expectations', () => {
  const delivered = packet(0, { from: 'broker', to: 'Phone', type: 'PUBLISH', qos: 1, packetId: 3, topic: 'a/b', payload: '21.5' });
  test('the Phone received the message once', () => {
    expect(check({ kind: 'received', actor: 'Phone', topic: 'a/b', payload: '21.5', count: 1 }, context([delivered]))).toMatchObject({ ok: true, text: '✓ The Phone received the message "21.5" on a/b once: packet id 3; QoS 1.', packets: [0] });
  });
  test('fails when it received it twice, or not at all', () => {
    const again = { ...delivered, index: 1, packetId: 4, dup: true };
    expect(check({ kind: 'received', actor: 'Phone', topic: 'a/b', count: 1 }, context([delivered, again])).text).toBe('✗ Expected the Phone to receive a message on a/b once; it did twice: packet ids 3, 4; QoS 1; DUP set on the second.');
    expect(check({ kind: 'received', actor: 'Phone', topic: 'a/b', count: 2, dup: 'after-first' }, context([delivered])).text).toBe('✗ Expected the Phone to receive a message on a/b twice with DUP on every copy after the first; it did once: packet id 3; QoS 1; no DUP.');
  });
  test('a message that must not arrive fails when it does; a proper noun reads without "the"', () => {
    const toAlice = packet(0, { from: 'broker', to: 'Alice', type: 'PUBLISH', qos: 0, topic: '$lab/status', payload: 'online' });
    expect(check({ kind: 'received', actor: 'Alice', topic: '$lab/status', count: 0 }, context([toAlice])).text).toBe('✗ Expected Alice not to receive any message on $lab/status; it did once: QoS 0.');
    expect(check({ kind: 'received', actor: 'Alice', topic: '$lab/status', count: 0 }, context([])).text).toBe('✓ Alice never received any message on $lab/status.');
  });
});

describe('closed-by-broker expectations', () => {
  const lastPing = packet(0, { from: 'Sensor', to: 'broker', type: 'PINGREQ', time: 1000 });
  const closedByBroker = (time: number): TraceConnectionEvent => ({ kind: 'closed', actor: 'Sensor', time, step: 0, closedBy: 'broker' });
  const claim = { kind: 'closed-by-broker', actor: 'Sensor', minKeepalives: 1, maxKeepalives: 2 };

  test('the broker closed the connection 1.53 × the keepalive after the last packet', () => {
    expect(check(claim, context([lastPing], { events: [closedByBroker(5600)] })).text).toBe("✓ The broker closed the Sensor's connection 4.6 s after its last packet: 1.53 × its keepalive of 3 s.");
  });
  test('fails when it closed it too late, not at all, or the actor closed it', () => {
    expect(check(claim, context([lastPing], { events: [closedByBroker(8500)] })).text).toBe("✗ Expected the broker to close the Sensor's connection 1 to 2 × its keepalive of 3 s after its last packet; it closed it 7.5 s after its last packet: 2.50 × its keepalive of 3 s.");
    expect(check(claim, context([lastPing], { now: 12_000 })).text).toBe("✗ Expected the broker to close the Sensor's connection 1 to 2 × its keepalive of 3 s after its last packet; it was still open 11.0 s after its last packet.");
    expect(check(claim, context([lastPing], { events: [{ ...closedByBroker(2000), closedBy: 'actor', reason: 'its socket was cut by the lesson' }] })).text).toBe("✗ Expected the broker to close the Sensor's connection 1 to 2 × its keepalive of 3 s after its last packet; the Sensor closed it itself (its socket was cut by the lesson).");
  });
});

describe('connected expectations', () => {
  test('holds when the state is as said, and says the reason when not', () => {
    expect(check({ kind: 'connected', actor: 'Phone', connected: true }, context([], { connected: { Phone: true } })).text).toBe('✓ The Phone is connected.');
    const events: TraceConnectionEvent[] = [{ kind: 'closed', actor: 'Phone', time: 5, step: 0, closedBy: 'broker', reason: 'the broker closed the connection' }];
    expect(check({ kind: 'connected', actor: 'Phone', connected: true }, context([], { connected: { Phone: false }, events })).text).toBe('✗ Expected the Phone to be connected; it is not connected (the broker closed the connection).');
  });
});

describe('reason codes in templates', () => {
  test('{reasonCodes} names the codes the matched packets carried', () => {
    const puback = packet(0, { from: 'broker', to: 'Sensor', type: 'PUBACK', packetId: 4, reasonCode: 0x10 });
    expect(check({ kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 1, says: 'It answered {reasonCodes}.' }, context([puback])).text).toBe('✓ It answered 0x10.');
    expect(check({ kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK', count: 1, says: 'It answered {reasonCodes}.' }, context([{ ...puback, reasonCode: undefined }])).text).toBe('✓ It answered none.');
  });
});

describe('in-flight expectations', () => {
  const delivery = (index: number, packetId: number) => packet(index, { from: 'broker', to: 'Phone', type: 'PUBLISH', qos: 1, packetId, tap: 'broker' });
  const ack = (index: number, packetId: number, dropped = false) => packet(index, { from: 'Phone', to: 'broker', type: 'PUBACK', packetId, tap: 'broker', ...(dropped ? { dropped } : {}) });
  const claim = { kind: 'in-flight', actor: 'Phone', atMost: 2 };

  test('holds when acknowledgements keep the deliveries in flight within the limit', () => {
    const trace = [delivery(0, 1), delivery(1, 2), ack(2, 1), delivery(3, 3), ack(4, 2), ack(5, 3)];
    expect(check(claim, context(trace)).text).toBe('✓ At most 2 QoS 1 or 2 messages to the Phone were unacknowledged at once (3 deliveries, seen at the broker).');
  });

  test('fails when a third delivery goes out before an acknowledgement; a dropped acknowledgement never arrived', () => {
    expect(check(claim, context([delivery(0, 1), delivery(1, 2), delivery(2, 3)])).text).toBe('✗ Expected at most 2 QoS 1 or 2 messages to the Phone unacknowledged at once; 3 were, when packet id 3 went out (3 deliveries, seen at the broker).');
    expect(check(claim, context([delivery(0, 1), delivery(1, 2), ack(2, 1, true), delivery(3, 3)])).ok).toBe(false);
  });

  test('a resend of a packet id in flight is not another message in flight; no delivery at all is no evidence', () => {
    expect(check(claim, context([delivery(0, 1), delivery(1, 2), { ...delivery(2, 1), dup: true }])).ok).toBe(true);
    expect(check(claim, context([])).text).toBe('✗ Expected at most 2 QoS 1 or 2 messages to the Phone unacknowledged at once; the broker delivered none at QoS 1 or 2 to the Phone.');
  });
});

describe('received-by-one expectations', () => {
  const to = (index: number, actor: string, payload: string) => packet(index, { from: 'broker', to: actor, type: 'PUBLISH', qos: 1, topic: 'jobs', payload });
  const claim = { kind: 'received-by-one', actors: ['Phone', 'Alice'], topic: 'jobs', count: 3 };

  test('holds when each message went to exactly one of the group', () => {
    expect(check(claim, context([to(0, 'Phone', 'a'), to(1, 'Alice', 'b'), to(2, 'Phone', 'c')])).text).toBe('✓ Each of the 3 messages on jobs went to exactly one of the Phone and Alice: the Phone 2, Alice 1.');
  });

  test('fails when a message went to both, or one was missing', () => {
    expect(check(claim, context([to(0, 'Phone', 'a'), to(1, 'Alice', 'a'), to(2, 'Phone', 'c')])).text).toBe('✗ Expected each message on jobs to go to exactly one of the Phone and Alice, 3 in all; "a": it went to the Phone and Alice.');
    expect(check(claim, context([to(0, 'Phone', 'a'), to(1, 'Alice', 'b')])).text).toBe('✗ Expected each message on jobs to go to exactly one of the Phone and Alice, 3 in all; they received 2 (the Phone 1, Alice 1).');
  });
});

describe('Session Present', () => {
  const connack = packet(0, { from: 'broker', to: 'Phone', type: 'CONNACK', reasonCode: 0, sessionPresent: true });
  const claim = { kind: 'packet', from: 'broker', to: 'Phone', type: 'CONNACK', count: 1, sessionPresent: true };

  test('holds when the CONNACK says the broker kept the session', () => {
    expect(check(claim, context([connack])).text).toBe('✓ The broker sent CONNACK to the Phone once: Session Present 1.');
  });

  test('fails when the broker kept none', () => {
    expect(check(claim, context([{ ...connack, sessionPresent: false }])).text).toBe('✗ Expected the broker to send CONNACK to the Phone once with Session Present 1; it did once, but it had Session Present 0.');
  });
});

describe('results in every language', () => {
  test('each result carries the same sentence in English and Chinese, with the same values', () => {
    const result = check({ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', count: 1, qos: 2 }, context([firstPublish]));
    expect(result.wording?.en).toBe(result.text);
    expect(result.wording?.['zh-CN']).toBe('✗ 预期 Sensor 向 Broker 发送 PUBLISH 1 次（要求：QoS 2）；实际发生了 1 次，但它的 QoS 为 1，而不是 2。');
    const connected = check({ kind: 'connected', actor: 'Phone', connected: true }, context([], { connected: { Phone: true } }));
    expect(connected.wording?.['zh-CN']).toBe('✓ Phone 已连接。');
  });

  test('a teacher’s template is filled per language with that language’s values; a missing language falls back to English whole', () => {
    const says = { en: '{from} sent {type} {times}.', 'zh-CN': '{from} 发送了 {type} {times}。' };
    const both = check({ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', says }, context([firstPublish, resent]));
    expect(both.text).toBe('✓ The Sensor sent PUBLISH twice.');
    expect(both.wording?.['zh-CN']).toBe('✓ Sensor 发送了 PUBLISH 2 次。');
    const englishOnly = check({ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', says: { en: says.en } }, context([firstPublish, resent]));
    expect(englishOnly.wording?.['zh-CN']).toBe('✓ The Sensor sent PUBLISH twice.');
    const chineseOnly = check({ kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', says: { 'zh-CN': says['zh-CN'] } }, context([firstPublish, resent]));
    expect(chineseOnly.wording?.['zh-CN']).toBe('✓ Sensor 发送了 PUBLISH 2 次。');
    expect(chineseOnly.text).toBe('✓ Sensor 发送了 PUBLISH 2 次。');
  });
});
