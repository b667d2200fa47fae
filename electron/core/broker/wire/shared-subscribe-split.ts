import { generate } from 'mqtt-packet';
import type { ISubackPacket, ISubscribePacket, IUnsubackPacket, IUnsubscribePacket } from 'mqtt-packet';
import { SHARED_REFUSED, isShared, sharedFilterProblem } from '../shared-subscriptions';
import type { SharedSubscriptions } from '../shared-subscriptions';
import { text, type BrokerText } from '../../../../shared/broker/broker-text';

/** MQTT 5 DISCONNECT reason codes used here. */
const MALFORMED_PACKET = 0x81;
const PROTOCOL_ERROR = 0x82;

/** What the wire does with a client's SUBSCRIBE or UNSUBSCRIBE. */
export type SplitVerdict =
  /** No `$share` in it: as it came. */
  | { action: 'pass' }
  /** aedes gets the rest of it; the shared entries' codes wait for its acknowledgement. */
  | { action: 'forward'; bytes: Buffer }
  /** Every entry was shared: the wire answers itself with these bytes. */
  | { action: 'answer'; bytes: Buffer }
  | { action: 'close'; reason: BrokerText; reasonCode: number };

/** What the wire needs of the broker's shared subscriptions. */
export type SharedGate = Pick<SharedSubscriptions, 'subscribe' | 'unsubscribe' | 'acknowledged'>;

/**
 * The wire's side of shared subscriptions, for one connection: `$share/…` entries are taken out of
 * SUBSCRIBE and UNSUBSCRIBE for SharedSubscriptions, aedes gets the rest, and its SUBACK or
 * UNSUBACK gets the shared entries' codes back in their places.
 */
export class SharedSubscribeSplit {
  /** By packet id: the codes of the shared entries, undefined where aedes' answer goes. */
  private readonly waiting = new Map<number, (number | undefined)[]>();

  constructor(
    private readonly gate: SharedGate,
    private readonly protocolVersion: number,
  ) {}

  subscribe(clientId: string, packet: ISubscribePacket): SplitVerdict {
    if (!packet.subscriptions.some((subscription) => isShared(subscription.topic))) return pass;
    const v5 = this.protocolVersion === 5;
    const codes: (number | undefined)[] = [];
    for (const subscription of packet.subscriptions) {
      if (!isShared(subscription.topic)) {
        codes.push(undefined);
        continue;
      }
      const problem = sharedFilterProblem(subscription.topic);
      if (problem !== undefined) {
        // As mosquitto 2.0.11 does for a share name with a wildcard: the SUBSCRIBE is malformed.
        if (v5) return { action: 'close', reason: text('broker.wire.sharedMalformed', undefined, { problem }), reasonCode: MALFORMED_PACKET };
        codes.push(SHARED_REFUSED);
        continue;
      }
      if (v5 && subscription.nl) {
        return { action: 'close', reason: text('broker.wire.sharedNoLocal', { topic: subscription.topic }), reasonCode: PROTOCOL_ERROR };
      }
      codes.push(this.gate.subscribe(clientId, subscription, packet.properties?.subscriptionIdentifier));
    }
    const rest = packet.subscriptions.filter((subscription) => !isShared(subscription.topic));
    if (rest.length === 0) {
      return { action: 'answer', bytes: this.encode({ cmd: 'suback', messageId: packet.messageId, granted: codes as number[] }) };
    }
    this.waiting.set(packet.messageId ?? 0, codes);
    return { action: 'forward', bytes: this.encode({ ...packet, subscriptions: rest }) };
  }

  unsubscribe(clientId: string, packet: IUnsubscribePacket): SplitVerdict {
    if (!packet.unsubscriptions.some(isShared)) return pass;
    const codes = packet.unsubscriptions.map((topic) => (isShared(topic) ? this.gate.unsubscribe(clientId, topic) : undefined));
    const rest = packet.unsubscriptions.filter((topic) => !isShared(topic));
    if (rest.length === 0) {
      const unsuback = { cmd: 'unsuback', messageId: packet.messageId, ...(this.protocolVersion === 5 ? { granted: codes as number[] } : {}) } as IUnsubackPacket;
      return { action: 'answer', bytes: this.encode(unsuback) };
    }
    this.waiting.set(packet.messageId ?? 0, codes);
    return { action: 'forward', bytes: this.encode({ ...packet, unsubscriptions: rest }) };
  }

  /** aedes' SUBACK or UNSUBACK with the shared entries' codes put back, or undefined to send it as it is. */
  acknowledgement(packet: ISubackPacket | IUnsubackPacket): Buffer | undefined {
    const messageId = packet.messageId ?? 0;
    const codes = this.waiting.get(messageId);
    if (!codes) return undefined;
    this.waiting.delete(messageId);
    // MQTT 3.1.1 UNSUBACK has no codes: aedes' answers for all.
    if (packet.cmd === 'unsuback' && this.protocolVersion !== 5) return undefined;
    const fromBroker = [...((packet.granted ?? []) as number[])];
    const merged = codes.map((code) => code ?? fromBroker.shift() ?? SHARED_REFUSED);
    return this.encode({ ...packet, granted: merged } as ISubackPacket | IUnsubackPacket);
  }

  private encode(packet: Parameters<typeof generate>[0]): Buffer {
    return generate(packet, { protocolVersion: this.protocolVersion });
  }
}

const pass: SplitVerdict = { action: 'pass' };
