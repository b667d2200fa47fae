import type { Packet } from 'mqtt';
import type { SubscriptionView } from '../../../shared/domain/connection';
import type { ProtocolVersion, QoS } from '../../../shared/domain/profile';
import { describeSubackFailure } from '../../../shared/mqtt/reason-codes';

type SubscribePacket = Extract<Packet, { cmd: 'subscribe' }>;
type SubackPacket = Extract<Packet, { cmd: 'suback' }>;

/**
 * The subscriptions of one connection, and the SUBACK codes read off the wire. The codes come from
 * the tapped SUBACK packets, not from MQTT.js's error text, because only the packet says exactly
 * what the broker granted or why it refused.
 */
export class SubscriptionBook {
  private readonly views = new Map<string, SubscriptionView>();
  /** Filters of each SUBSCRIBE in flight, by packet id, to pair them with the SUBACK's codes. */
  private readonly inFlight = new Map<number, string[]>();
  private readonly codes = new Map<string, number>();

  list(): SubscriptionView[] {
    return [...this.views.values()];
  }

  get size(): number {
    return this.views.size;
  }

  /** Records a new request as pending, replacing what was there, and returns it. */
  request(filter: string, qos: QoS): SubscriptionView {
    const pending: SubscriptionView = { filter, requestedQos: qos, state: 'pending' };
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
      if (filter !== undefined && typeof code === 'number') this.codes.set(filter, code);
    });
  }

  /** The SUBACK code for `filter`, once: undefined when no SUBACK came. */
  takeCode(filter: string): number | undefined {
    const code = this.codes.get(filter);
    this.codes.delete(filter);
    return code;
  }
}

/** What a SUBACK code means for one subscription request. */
export function subscriptionResult(request: SubscriptionView, code: number, protocolVersion: ProtocolVersion): SubscriptionView {
  const { filter, requestedQos } = request;
  if (code <= 2) return { filter, requestedQos, state: 'granted', grantedQos: code as QoS };
  return { filter, requestedQos, state: 'failed', reasonCode: code, reason: describeSubackFailure(protocolVersion, code) };
}
