/**
 * Checks of the group expectations (see lesson-group-expectations.ts); like every check, each sentence
 * is built from the trace, and a claim that does not hold says what happened instead.
 */
import { failed, joinWords, nameOf, stated, times } from './lesson-checks';
import type { CheckContext, OneResult, Wordings } from './lesson-checks';
import type { InFlightExpectation, ReceivedByOneExpectation } from './lesson-group-expectations';
import type { TracePacket } from './lesson-trace';

const ACKNOWLEDGEMENTS = new Set(['PUBACK', 'PUBCOMP']);

export function checkInFlight(expectation: InFlightExpectation, context: CheckContext, words: Wordings): OneResult {
  const { t } = words;
  const who = nameOf(t, expectation.actor, context);
  const brokerSaw = context.packets.some((packet) => packet.tap === 'broker' && (packet.to === expectation.actor || packet.from === expectation.actor));
  const tap = brokerSaw ? 'broker' : 'actors';
  const relevant = context.packets.filter((packet) => packet.tap === tap && packet.dropped !== true && (isDelivery(packet, expectation.actor) || isAcknowledgement(packet, expectation.actor)));
  // A packet id is in flight from its delivery until its acknowledgement; a resend of one in flight is not another.
  const inFlight = new Set<number>();
  let max = 0;
  let deliveries = 0;
  let peakAt: TracePacket | undefined;
  for (const packet of relevant) {
    const id = packet.packetId ?? 0;
    if (isDelivery(packet, expectation.actor)) {
      deliveries++;
      inFlight.add(id);
      if (inFlight.size > max) {
        max = inFlight.size;
        peakAt = packet;
      }
    } else {
      inFlight.delete(id);
    }
  }
  const seenAt = tap === 'broker' ? t('lessons.inFlight.seenAtBroker') : '';
  const expected = t('lessons.inFlight.expected', { atMost: String(expectation.atMost), who });
  const indices = relevant.map((packet) => packet.index);
  if (deliveries === 0) return { ok: false, text: failed(t, expected, t('lessons.inFlight.none', { who })), packets: [] };
  if (max > expectation.atMost) return { ok: false, text: failed(t, expected, t('lessons.inFlight.tooMany', { max: String(max), id: String(peakAt?.packetId ?? '?'), deliveries: String(deliveries), seenAt })), packets: indices };
  const values = { actor: who, max, deliveries, atMost: expectation.atMost };
  return { ok: true, text: stated(words, expectation.says, values, () => t('lessons.inFlight.ok', { max: String(max), who, deliveries: String(deliveries), seenAt })), packets: indices };
}

function isDelivery(packet: TracePacket, actor: string): boolean {
  return packet.type === 'PUBLISH' && packet.from === 'broker' && packet.to === actor && (packet.qos ?? 0) > 0;
}

function isAcknowledgement(packet: TracePacket, actor: string): boolean {
  return packet.from === actor && packet.to === 'broker' && (ACKNOWLEDGEMENTS.has(packet.type) || (packet.type === 'PUBREC' && (packet.reasonCode ?? 0) >= 0x80));
}

export function checkReceivedByOne(expectation: ReceivedByOneExpectation, context: CheckContext, words: Wordings): OneResult {
  const { t } = words;
  const names = expectation.actors.map((actor) => nameOf(t, actor, context));
  const group = joinWords(t, names);
  const on = expectation.topic === undefined ? '' : t('lessons.check.onTopic', { topic: expectation.topic });
  const received = context.packets.filter((packet) => packet.tap === 'actors' && packet.type === 'PUBLISH' && packet.from === 'broker' && expectation.actors.includes(packet.to) && (expectation.topic === undefined || packet.topic === expectation.topic));
  const receiversOf = new Map<string, string[]>();
  for (const packet of received) receiversOf.set(packet.payload ?? '', [...(receiversOf.get(packet.payload ?? '') ?? []), packet.to]);
  const split = expectation.actors.map((actor) => t('lessons.byOne.share', { who: nameOf(t, actor, context), count: String(received.filter((packet) => packet.to === actor).length) })).join(t('lessons.list.separator'));
  const expected = t('lessons.byOne.expected', { on, group, inAll: expectation.count === undefined ? '' : t('lessons.byOne.inAll', { count: String(expectation.count) }) });
  const indices = received.map((packet) => packet.index);
  const twice = [...receiversOf.entries()].find(([, receivers]) => receivers.length > 1);
  if (twice) {
    const [payload, receivers] = twice;
    const copies = new Set(receivers).size === 1 ? t('lessons.byOne.gotTwice', { who: nameOf(t, receivers[0] ?? '', context), times: times(t, receivers.length) }) : t('lessons.byOne.wentTo', { group: joinWords(t, [...new Set(receivers)].map((actor) => nameOf(t, actor, context))) });
    return { ok: false, text: failed(t, expected, t('lessons.byOne.copies', { payload, copies })), packets: indices };
  }
  if (received.length === 0 || (expectation.count !== undefined && received.length !== expectation.count)) {
    return { ok: false, text: failed(t, expected, t('lessons.byOne.received', { count: String(received.length), split })), packets: indices };
  }
  const values = { count: received.length, actors: group, split };
  return { ok: true, text: stated(words, expectation.says, values, () => t('lessons.byOne.ok', { count: String(received.length), on, group, split })), packets: indices };
}
