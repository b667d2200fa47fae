/**
 * Checks of the group expectations (see lesson-group-expectations.ts); like every check, each sentence
 * is built from the trace, and a claim that does not hold says what happened instead.
 */
import { pickText } from './localized-text';
import { nameOf, times } from './lesson-checks';
import type { CheckContext } from './lesson-checks';
import type { InFlightExpectation, ReceivedByOneExpectation } from './lesson-group-expectations';
import type { CheckResult, TracePacket } from './lesson-trace';

const ACKNOWLEDGEMENTS = new Set(['PUBACK', 'PUBCOMP']);

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function checkInFlight(expectation: InFlightExpectation, context: CheckContext): CheckResult {
  const who = nameOf(expectation.actor, context);
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
  const seenAt = tap === 'broker' ? ', seen at the broker' : '';
  const expected = `Expected at most ${expectation.atMost} QoS 1 or 2 messages to ${who} unacknowledged at once`;
  const indices = relevant.map((packet) => packet.index);
  if (deliveries === 0) return { ok: false, text: `✗ ${expected}; the broker delivered none at QoS 1 or 2 to ${who}.`, packets: [] };
  if (max > expectation.atMost) return { ok: false, text: `✗ ${expected}; ${max} were, when packet id ${peakAt?.packetId ?? '?'} went out (${deliveries} deliveries${seenAt}).`, packets: indices };
  const values = { actor: who, max, deliveries, atMost: expectation.atMost };
  const text = expectation.says ? fill(pickText(expectation.says, 'en'), values) : `At most ${max} QoS 1 or 2 messages to ${who} were unacknowledged at once (${deliveries} deliveries${seenAt}).`;
  return { ok: true, text: `✓ ${capitalize(text)}`, packets: indices };
}

function isDelivery(packet: TracePacket, actor: string): boolean {
  return packet.type === 'PUBLISH' && packet.from === 'broker' && packet.to === actor && (packet.qos ?? 0) > 0;
}

function isAcknowledgement(packet: TracePacket, actor: string): boolean {
  return packet.from === actor && packet.to === 'broker' && (ACKNOWLEDGEMENTS.has(packet.type) || (packet.type === 'PUBREC' && (packet.reasonCode ?? 0) >= 0x80));
}

export function checkReceivedByOne(expectation: ReceivedByOneExpectation, context: CheckContext): CheckResult {
  const names = expectation.actors.map((actor) => nameOf(actor, context));
  const group = joinWords(names);
  const on = expectation.topic === undefined ? '' : ` on ${expectation.topic}`;
  const received = context.packets.filter((packet) => packet.tap === 'actors' && packet.type === 'PUBLISH' && packet.from === 'broker' && expectation.actors.includes(packet.to) && (expectation.topic === undefined || packet.topic === expectation.topic));
  const receiversOf = new Map<string, string[]>();
  for (const packet of received) receiversOf.set(packet.payload ?? '', [...(receiversOf.get(packet.payload ?? '') ?? []), packet.to]);
  const split = expectation.actors.map((actor) => `${nameOf(actor, context)} ${received.filter((packet) => packet.to === actor).length}`).join(', ');
  const expected = `Expected each message${on} to go to exactly one of ${group}${expectation.count === undefined ? '' : `, ${expectation.count} in all`}`;
  const indices = received.map((packet) => packet.index);
  const twice = [...receiversOf.entries()].find(([, receivers]) => receivers.length > 1);
  if (twice) {
    const [payload, receivers] = twice;
    const copies = new Set(receivers).size === 1 ? `${nameOf(receivers[0] ?? '', context)} got it ${times(receivers.length)}` : `it went to ${joinWords([...new Set(receivers)].map((actor) => nameOf(actor, context)))}`;
    return { ok: false, text: `✗ ${expected}; "${payload}": ${copies}.`, packets: indices };
  }
  if (received.length === 0 || (expectation.count !== undefined && received.length !== expectation.count)) {
    return { ok: false, text: `✗ ${expected}; they received ${received.length} (${split}).`, packets: indices };
  }
  const values = { count: received.length, actors: group, split };
  const text = expectation.says ? fill(pickText(expectation.says, 'en'), values) : `Each of the ${received.length} messages${on} went to exactly one of ${group}: ${split}.`;
  return { ok: true, text: `✓ ${capitalize(text)}`, packets: indices };
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}
