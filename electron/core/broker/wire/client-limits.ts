import { generate } from 'mqtt-packet';
import type { IConnectPacket, IPublishPacket } from 'mqtt-packet';

/** A delivery held back by the client's Receive Maximum, parsed once when it came from aedes. */
export interface HeldDelivery {
  bytes: Buffer;
  packet: IPublishPacket;
  /** performance.now() when it was held, to count its Message Expiry Interval down. */
  heldAt: number;
}

/** What happens to a delivery that is about to go to the client. */
export type SendVerdict =
  | { action: 'send'; bytes: Buffer }
  /** Larger than the client's Maximum Packet Size: not sent (MQTT-3.1.2-24); `ackToBroker` settles it with aedes. */
  | { action: 'discard'; size: number; ackToBroker: Buffer | undefined };

/**
 * The limits an MQTT 5 client set in its CONNECT on what the server sends it, which aedes
 * 2.0.0-beta.1 reads but does not keep to, kept by the wire on aedes' deliveries:
 * - Receive Maximum (§3.1.2.11.3): at most that many QoS 1 and 2 PUBLISHes unacknowledged; the next
 *   wait here, in order, until an acknowledgement frees a place (QoS 0 does not wait, as with mosquitto).
 * - Maximum Packet Size (§3.1.2.11.4): a PUBLISH larger than it is discarded as if it had been sent;
 *   aedes gets the acknowledgement the client would have sent, so nothing waits for it.
 * - Topic Alias Maximum (§3.2.2.3.8 from the client's side): the first topics sent get an alias each,
 *   later PUBLISHes on them carry the alias alone. mosquitto 2.0.11 sends no aliases.
 * Made only for MQTT 5 clients that set one of them: everyone else pays nothing.
 */
export class ClientLimits {
  private readonly receiveMaximum: number;
  private readonly maximumPacketSize: number;
  private readonly topicAliasMaximum: number;
  /** Packet ids of QoS 1 and 2 deliveries sent and not yet acknowledged. */
  private readonly inFlight = new Set<number>();
  private readonly held: HeldDelivery[] = [];
  private readonly aliases = new Map<string, number>();
  /** QoS 2 deliveries that were discarded: aedes' PUBREL for them is answered here, not sent. */
  private readonly discardedQos2 = new Set<number>();

  private constructor(properties: NonNullable<IConnectPacket['properties']>) {
    this.receiveMaximum = properties.receiveMaximum ?? 65535;
    this.maximumPacketSize = properties.maximumPacketSize ?? Number.POSITIVE_INFINITY;
    this.topicAliasMaximum = properties.topicAliasMaximum ?? 0;
  }

  static of(connect: IConnectPacket): ClientLimits | undefined {
    const properties = connect.properties;
    if (connect.protocolVersion !== 5 || !properties) return undefined;
    if (properties.receiveMaximum === undefined && properties.maximumPacketSize === undefined && !properties.topicAliasMaximum) return undefined;
    return new ClientLimits(properties);
  }

  /** A QoS 1 or 2 delivery must wait for a place (or for those waiting before it). */
  mustWait(packet: IPublishPacket): boolean {
    if (packet.qos === 0) return false;
    return this.held.length > 0 || this.inFlight.size >= this.receiveMaximum;
  }

  hold(delivery: HeldDelivery): void {
    this.held.push(delivery);
  }

  /** The next waiting delivery that may go now, if any. */
  nextReleased(): HeldDelivery | undefined {
    if (this.held.length === 0 || this.inFlight.size >= this.receiveMaximum) return undefined;
    return this.held.shift();
  }

  /**
   * A delivery that waited: its Message Expiry Interval counted down by the whole seconds it waited
   * (MQTT-3.3.2-6), or, when it expired meanwhile, the acknowledgement aedes gets instead of the client
   * receiving it (MQTT-3.3.2-5). mosquitto 2.0.11 stalls the rest of its queue behind an expired message.
   */
  afterWaiting(delivery: HeldDelivery): { bytes: Buffer } | { expired: Buffer | undefined } {
    const interval = delivery.packet.properties?.messageExpiryInterval;
    if (interval === undefined) return { bytes: delivery.bytes };
    const waited = Math.floor((performance.now() - delivery.heldAt) / 1000);
    if (waited === 0) return { bytes: delivery.bytes };
    const { packet } = delivery;
    if (waited >= interval) return { expired: this.ackInsteadOfClient(packet) };
    const properties = { ...packet.properties, messageExpiryInterval: interval - waited };
    delivery.packet = { ...packet, properties };
    return { bytes: generate(delivery.packet, { protocolVersion: 5 }) };
  }

  /** Just before a PUBLISH goes on the wire: discarded when too large, else counted and given its alias. */
  beforeSend(packet: IPublishPacket, bytes: Buffer): SendVerdict {
    const messageId = packet.messageId ?? 0;
    if (bytes.length > this.maximumPacketSize) return { action: 'discard', size: bytes.length, ackToBroker: this.ackInsteadOfClient(packet) };
    if (packet.qos > 0) this.inFlight.add(messageId);
    return { action: 'send', bytes: this.topicAliasMaximum > 0 ? this.withAlias(packet, bytes) : bytes };
  }

  /** The client acknowledged: PUBACK, PUBCOMP, or a PUBREC refusing the message, ends its flow. */
  acknowledged(messageId: number): void {
    this.inFlight.delete(messageId);
  }

  /** aedes' PUBREL for a discarded QoS 2 delivery: the PUBCOMP aedes gets instead, or undefined to send the PUBREL. */
  completeDiscarded(messageId: number): Buffer | undefined {
    if (!this.discardedQos2.delete(messageId)) return undefined;
    return generate({ cmd: 'pubcomp', messageId }, { protocolVersion: 5 });
  }

  /** What the client would have answered a delivery it never gets, so aedes does not wait for it. */
  private ackInsteadOfClient(packet: IPublishPacket): Buffer | undefined {
    if (packet.qos === 0) return undefined;
    const messageId = packet.messageId ?? 0;
    if (packet.qos === 2) this.discardedQos2.add(messageId);
    return generate({ cmd: packet.qos === 1 ? 'puback' : 'pubrec', messageId }, { protocolVersion: 5 });
  }

  private withAlias(packet: IPublishPacket, bytes: Buffer): Buffer {
    const known = this.aliases.get(packet.topic);
    if (known !== undefined) return generate({ ...packet, topic: '', properties: { ...packet.properties, topicAlias: known } }, { protocolVersion: 5 });
    if (this.aliases.size >= this.topicAliasMaximum) return bytes;
    const alias = this.aliases.size + 1;
    this.aliases.set(packet.topic, alias);
    return generate({ ...packet, properties: { ...packet.properties, topicAlias: alias } }, { protocolVersion: 5 });
  }
}
