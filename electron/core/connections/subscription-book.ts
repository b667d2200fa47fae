import type { Packet } from 'mqtt';
import type { SubscriptionView } from '../../../shared/domain/connection';
import type { ProtocolVersion, QoS } from '../../../shared/domain/profile';
import { describeSubackFailureMessage } from '../../../shared/mqtt/reason-codes';
import { englishOf } from '../../../shared/i18n';
import { setOptions } from '../../../shared/mqtt/subscription-options';
import type { SubscriptionOptions } from '../../../shared/mqtt/subscription-options';

type SubscribePacket = Extract<Packet, { cmd: 'subscribe' }>;
type SubackPacket = Extract<Packet, { cmd: 'suback' }>;
type UnsubscribePacket = Extract<Packet, { cmd: 'unsubscribe' }>;
type UnsubackPacket = Extract<Packet, { cmd: 'unsuback' }>;

/**
 * Acknowledgement codes per filter, oldest first. Two requests for one filter can be in flight at
 * once (a double click, two requests sharing a response topic); their acks often arrive in one chunk,
 * so both codes are read off the wire before either waiting request takes its own.
 */
class CodesByFilter {
  private readonly queues = new Map<string, number[]>();

  add(filter: string, code: number): void {
    const queue = this.queues.get(filter);
    if (queue) queue.push(code);
    else this.queues.set(filter, [code]);
  }

  take(filter: string): number | undefined {
    const queue = this.queues.get(filter);
    const code = queue?.shift();
    if (queue?.length === 0) this.queues.delete(filter);
    return code;
  }
}

/**
 * The subscriptions of one connection, and the SUBACK codes read off the wire. The codes come from
 * the tapped SUBACK packets, not from MQTT.js's error text, because only the packet says exactly
 * what the broker granted or why it refused.
 */
export class SubscriptionBook {
  private readonly views = new Map<string, SubscriptionView>();
  /** Filters of each SUBSCRIBE in flight, by packet id, to pair them with the SUBACK's codes. */
  private readonly inFlight = new Map<number, string[]>();
  private readonly codes = new CodesByFilter();
  /** The same for UNSUBSCRIBE and its UNSUBACK, which has a code per filter in MQTT 5 only. */
  private readonly unsubscribesInFlight = new Map<number, string[]>();
  private readonly unsubackCodes = new CodesByFilter();

  list(): SubscriptionView[] {
    return [...this.views.values()];
  }

  get size(): number {
    return this.views.size;
  }

  /** Records a new request as pending, replacing what was there, and returns it. */
  request(filter: string, qos: QoS, options?: SubscriptionOptions): SubscriptionView {
    const pending: SubscriptionView = { filter, requestedQos: qos, state: 'pending' };
    const set = setOptions(options);
    if (set) pending.options = set;
    this.views.set(filter, pending);
    return pending;
  }

  delete(filter: string): boolean {
    return this.views.delete(filter);
  }

  /** Replaces `request` with its result, unless the user unsubscribed while the SUBACK was on its way. */
  settle(request: SubscriptionView, result: SubscriptionView): boolean {
    if (this.views.get(request.filter) !== request) return false;
    this.views.set(request.filter, result);
    return true;
  }

  /** The ones to ask for again on a new session: not those the broker refused, it would refuse again. */
  toRestore(): SubscriptionView[] {
    return this.list().filter((view) => !(view.state === 'failed' && view.reasonCode !== undefined));
  }

  noteSubscribe(packet: SubscribePacket): void {
    if (packet.messageId !== undefined) this.inFlight.set(packet.messageId, packet.subscriptions.map((entry) => entry.topic));
  }

  isSubscribeInFlight(messageId: number): boolean {
    return this.inFlight.has(messageId);
  }

  /** How many Topic Filters the SUBSCRIBE in flight with this packet id carried: its SUBACK has as many codes. */
  filterCount(messageId: number): number | undefined {
    return this.inFlight.get(messageId)?.length;
  }

  noteSuback(packet: SubackPacket): void {
    const id = packet.messageId ?? -1;
    const filters = this.inFlight.get(id) ?? [];
    this.inFlight.delete(id);
    packet.granted.forEach((code, index) => {
      const filter = filters[index];
      if (filter !== undefined && typeof code === 'number') this.codes.add(filter, code);
    });
  }

  noteUnsubscribe(packet: UnsubscribePacket): void {
    if (packet.messageId !== undefined) this.unsubscribesInFlight.set(packet.messageId, [...packet.unsubscriptions]);
  }

  noteUnsuback(packet: UnsubackPacket): void {
    const id = packet.messageId ?? -1;
    const filters = this.unsubscribesInFlight.get(id) ?? [];
    this.unsubscribesInFlight.delete(id);
    // mqtt-packet puts the MQTT 5 reason codes of an UNSUBACK in `granted`; a 3.1.1 one has none at all.
    const codes: unknown = packet.granted;
    if (!Array.isArray(codes)) return;
    codes.forEach((code: unknown, index) => {
      const filter = filters[index];
      if (filter !== undefined && typeof code === 'number') this.unsubackCodes.add(filter, code);
    });
  }

  /** The UNSUBACK code for `filter`, once: undefined when none came (or the protocol has none). */
  takeUnsubackCode(filter: string): number | undefined {
    return this.unsubackCodes.take(filter);
  }

  /** The SUBACK code for `filter`, once: undefined when no SUBACK came. */
  takeCode(filter: string): number | undefined {
    return this.codes.take(filter);
  }
}

/** What a SUBACK code means for one subscription request. */
export function subscriptionResult(request: SubscriptionView, code: number, protocolVersion: ProtocolVersion): SubscriptionView {
  const { filter, requestedQos, options } = request;
  const asked = options ? { options } : {};
  if (code <= 2) return { filter, requestedQos, state: 'granted', grantedQos: code as QoS, ...asked };
  const reasonText = describeSubackFailureMessage(protocolVersion, code);
  return { filter, requestedQos, state: 'failed', reasonCode: code, reason: englishOf(reasonText), reasonText, ...asked };
}
