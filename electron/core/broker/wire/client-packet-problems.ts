import type { IConnectPacket, Packet } from 'mqtt-packet';
import { checkTopicFilter } from '../../../../shared/mqtt/topics';
import { text, type BrokerText } from '../../../../shared/broker/broker-text';
import { isShared } from '../shared-subscriptions';

/** MQTT 5 DISCONNECT reason codes for a client's topic that cannot be. */
const MALFORMED_PACKET = 0x81;
const PROTOCOL_ERROR = 0x82;

/**
 * Why a CONNECT that mqtt-packet parsed is still malformed, as a sentence for the broker log, or
 * undefined. aedes 2.0.0-beta.1 accepts these (and then publishes a will on topic ""); mosquitto
 * 2.0 closes the connection without a CONNACK, and so does the wire, as the spec asks of a
 * malformed packet (MQTT 5 §4.13, 3.1.1 §4.8).
 */
export function connectProblem(packet: IConnectPacket): BrokerText | undefined {
  const will = packet.will;
  if (will && will.topic.length === 0) return text('broker.wire.willTopicEmpty');
  if (will && /[+#]/.test(will.topic)) return text('broker.wire.willTopicWildcard', { topic: will.topic });
  if (will?.topic.includes('\u0000')) return text('broker.wire.willTopicNull');
  // MQTT 5 allows a password without a user name; 3.1.1 does not.
  if ((packet.protocolVersion ?? 4) < 5 && packet.password !== undefined && packet.username === undefined) return text('broker.wire.passwordWithoutUser');
  return undefined;
}

/** Packets only a server sends. */
const serverOnly = new Set<Packet['cmd']>(['connack', 'suback', 'unsuback', 'pingresp']);

/**
 * Why a client's packet ends its connection though it parsed, or undefined. aedes closes these
 * connections too, but either silently (the log would blame the client for leaving without
 * DISCONNECT) or with a bare "Invalid protocol"; the wire closes them itself and says why.
 */
export function packetOutOfTurn(packet: Packet, connectSeen: boolean): BrokerText | undefined {
  const name = packet.cmd.toUpperCase();
  if (packet.cmd === 'connect') return connectSeen ? text('broker.wire.secondConnect') : undefined;
  if (!connectSeen) return text('broker.wire.firstNotConnect', { name });
  if (serverOnly.has(packet.cmd)) return text('broker.wire.serverOnly', { name });
  if (packet.cmd === 'auth') return text('broker.wire.auth');
  return undefined;
}

/**
 * Why the MQTT 5 properties mqtt-packet parsed from a client's packet are malformed, or undefined.
 * Its parser does not refuse a value that runs past the packet: a string or binary value comes back
 * as null, a two- or four-byte integer as -1, a Variable Byte Integer as false. A property given
 * twice comes back as an array. aedes crashes on some of these (a null Response Topic throws in its
 * PUBLISH handler), and forwarding the others makes mqtt-packet's encoder fail on the connection of
 * every subscriber the message goes to.
 */
export function propertiesProblem(packet: Packet): BrokerText | undefined {
  const name = packet.cmd.toUpperCase();
  const lists = ['properties' in packet ? packet.properties : undefined, packet.cmd === 'connect' ? packet.will?.properties : undefined];
  for (const properties of lists as (Record<string, unknown> | undefined)[]) {
    if (!properties) continue;
    for (const [property, value] of Object.entries(properties)) {
      if (property === 'userProperties') {
        const values = Object.values(value as Record<string, unknown>).flat();
        if (values.some((each) => typeof each !== 'string')) return text('broker.wire.badUserProperty', { name });
        continue;
      }
      // Only User Property may appear more than once in what a client sends (MQTT 5 §2.2.2.2).
      if (Array.isArray(value)) return text('broker.wire.propertyTwice', { name, property });
      if (value === null || value === undefined || value === -1 || (property === 'subscriptionIdentifier' && value === false)) {
        return text('broker.wire.badProperty', { name, property });
      }
    }
  }
  return undefined;
}

/**
 * A topic name with a wildcard in a PUBLISH, or a topic filter that cannot be in a SUBSCRIBE: the
 * reason and the DISCONNECT reason code mosquitto 2.0.11 closes the connection with (aedes closes
 * it without a word), or undefined. `$share/…` filters are SharedSubscribeSplit's to judge.
 */
export function topicViolation(packet: Packet): { reason: BrokerText; reasonCode: number } | undefined {
  if (packet.cmd === 'publish') {
    const topic = packet.topic;
    if (topic.includes('+') || topic.includes('#')) return { reason: text('broker.wire.wildcardPublish', { topic }), reasonCode: PROTOCOL_ERROR };
    return undefined;
  }
  if (packet.cmd !== 'subscribe') return undefined;
  for (const { topic } of packet.subscriptions) {
    if (isShared(topic)) continue;
    const check = checkTopicFilter(topic);
    if (!check.ok) return { reason: text('broker.wire.badFilter', { topic, problem: check.message }), reasonCode: MALFORMED_PACKET };
  }
  return undefined;
}
