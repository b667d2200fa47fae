import type { IPublishPacket } from 'mqtt';
import type { QoS } from '../../../shared/domain/profile';
import type { TappedPacket } from '../packets/packet-tap';
import { messageProperties, ReceivedTopicAliases } from '../messages/publish-properties';
import type { MessageProperties } from '../../../shared/domain/message';

/** A PUBLISH that crossed a connection, as the requester and the responder read it. */
export interface SeenPublish {
  seq: number;
  direction: 'sent' | 'received';
  monotonicMs: number;
  wallTime: number;
  /** The topic, with a received topic alias resolved. */
  topic: string;
  qos: QoS;
  payload: Uint8Array;
  responseTopic?: string;
  correlationData?: Uint8Array;
  properties?: MessageProperties;
}

/**
 * Reads the PUBLISH packets of one connection's tap for request/response. The tap sees a received
 * PUBLISH before MQTT.js resolves its topic alias, so this keeps its own alias map, as the history does.
 */
export class PublishReader {
  private readonly aliases = new ReceivedTopicAliases();

  read(tapped: TappedPacket): SeenPublish | undefined {
    if (tapped.violation) return undefined;
    const { packet } = tapped;
    if (packet.cmd === 'connack') this.aliases.clear();
    if (packet.cmd !== 'publish') return undefined;
    const publish = packet as IPublishPacket;
    const properties = publish.properties;
    const topic = tapped.direction === 'received' ? this.aliases.resolve(publish.topic, properties?.topicAlias) : publish.topic;
    const payload = typeof publish.payload === 'string' ? new TextEncoder().encode(publish.payload) : publish.payload;
    const seen: SeenPublish = { seq: tapped.seq, direction: tapped.direction, monotonicMs: tapped.monotonicMs, wallTime: tapped.wallTime, topic, qos: publish.qos, payload };
    if (properties?.responseTopic !== undefined) seen.responseTopic = properties.responseTopic;
    if (properties?.correlationData instanceof Uint8Array) seen.correlationData = properties.correlationData;
    const shown = messageProperties(properties);
    if (shown) seen.properties = shown;
    return seen;
  }
}
