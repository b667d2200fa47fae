import type { Duplex } from 'node:stream';
import type { MqttClient, Packet } from 'mqtt';
import { generate } from 'mqtt-packet';
import type { ProtocolVersion } from '../../../shared/domain/profile';
import { describeClientDisconnect, isClientDisconnectReason } from '../../../shared/mqtt/disconnect-options';
import type { DisconnectOptions } from '../../../shared/mqtt/disconnect-options';
import { englishNested, nested, type NestedMessage } from '../../../shared/i18n/nested';
import type { MessageKey } from '../../../shared/i18n';
import { RedeliveryMarkingStore } from './redelivery-store';
import type { SubscriptionBook } from './subscription-book';

/** What a client still waited on the broker to acknowledge. */
export interface Unacknowledged {
  subscribes: number;
  unsubscribes: number;
  qos1: number;
  qos2: number;
}

export function unacknowledgedOf(client: MqttClient, subscriptions: SubscriptionBook): Unacknowledged {
  const counts: Unacknowledged = { subscribes: 0, unsubscribes: 0, qos1: 0, qos2: 0 };
  const store = client.outgoingStore instanceof RedeliveryMarkingStore ? client.outgoingStore : undefined;
  for (const [key, entry] of Object.entries(client.outgoing)) {
    const messageId = Number(key);
    // MQTT.js marks SUBSCRIBE and UNSUBSCRIBE volatile: they are not resent after a reconnect.
    if (entry.volatile) {
      if (subscriptions.isSubscribeInFlight(messageId)) counts.subscribes++;
      else counts.unsubscribes++;
    } else if (store?.qosOf(messageId) === 2) counts.qos2++;
    else counts.qos1++;
  }
  return counts;
}

/** "1 SUBSCRIBE and 3 QoS 1 messages were still unacknowledged", or undefined when nothing was. */
export function describeUnacknowledged(counts: Unacknowledged): string | undefined {
  const text = unacknowledgedText(counts);
  return text && englishNested(text);
}

const listKeys: Record<number, MessageKey> = { 2: 'connections.status.list2', 3: 'connections.status.list3', 4: 'connections.status.list4' };
const listNames = ['a', 'b', 'c', 'd'];

/** "a, b and c" in the user's language; one item is itself. */
function listed(items: NestedMessage[]): NestedMessage {
  const key = listKeys[items.length];
  if (!key) return items[0] ?? nested('connections.status.nothing');
  return nested(key, undefined, Object.fromEntries(items.map((item, index) => [listNames[index], item])));
}

/** The same as a message, for the status line the renderer words. */
export function unacknowledgedText(counts: Unacknowledged): NestedMessage | undefined {
  const parts: NestedMessage[] = [];
  const count = (n: number, key: MessageKey) => {
    if (n > 0) parts.push(nested(key, { n }));
  };
  count(counts.subscribes, 'connections.status.subscribes');
  count(counts.unsubscribes, 'connections.status.unsubscribes');
  count(counts.qos1, 'connections.status.qos1');
  count(counts.qos2, 'connections.status.qos2');
  if (parts.length === 0) return undefined;
  const total = counts.subscribes + counts.unsubscribes + counts.qos1 + counts.qos2;
  return nested('connections.status.unacknowledged', { total }, { list: listed(parts) });
}

/**
 * Drops the packets MQTT.js parsed from the last chunk and has not handled yet. MQTT.js hands
 * them on one tick at a time; once the connection is being ended over something earlier in the
 * same chunk, they must not be acted on (a CONNACK would report "connected" on a closed
 * connection). MQTT.js does the same for its own protocol errors, through this internal hook; if
 * a later version drops it, the closed-safe stores and the ignored events still keep us safe.
 */
export function discardParsedPackets(client: MqttClient): void {
  const pump = (client as unknown as { _currentPump?: { discardParsedPackets?: () => void } })._currentPump;
  pump?.discardParsedPackets?.();
}

/**
 * MQTT.js acts on a packet right after it reports it, and would answer one that broke the protocol
 * (PUBACK a PUBLISH with a wildcard topic) or throw on it (PUBCOMP with no packet id, out of the socket
 * handler). Its handler chooses what to do by the packet's command, read after the report: a
 * command it does not know makes it drop the packet. Whoever keeps the packet keeps a copy.
 */
export function ignoreInMqttJs(packet: Packet): void {
  (packet as { cmd: string }).cmd = 'ignored after a protocol violation';
}

export interface EndOptions {
  /** A DISCONNECT to send first, when there is someone to say it to. */
  goodbye: Packet | undefined;
  protocolVersion: ProtocolVersion;
  /** How long to wait for the goodbye to be written before the socket is closed regardless. */
  waitMs: number;
  /** With the bytes written for it. */
  onSent?: (packet: Packet, bytes: Uint8Array) => void;
}

/**
 * Ends a client now, whatever it still waits for: MQTT.js's graceful end waits for every
 * acknowledgement, and its forced end sends no DISCONNECT. Nothing more that arrives is parsed.
 * The stores are closed last, after MQTT.js finished the packet it may be handling.
 */
export async function endClient(client: MqttClient, options: EndOptions): Promise<void> {
  discardParsedPackets(client);
  const stream = client.stream as unknown as Duplex | undefined;
  if (stream && !stream.destroyed) {
    stream.unpipe();
    // Still read, into nothing: a paused socket would never see the broker's close.
    stream.resume();
    if (options.goodbye && stream.writable) {
      try {
        const bytes = generate(options.goodbye, { protocolVersion: options.protocolVersion });
        options.onSent?.(options.goodbye, bytes);
        stream.write(bytes);
      } catch {
        // Nothing to say goodbye with; closing is what matters.
      }
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const written = new Promise<void>((resolve) => {
      stream.once('finish', resolve);
      stream.once('close', resolve);
      timer = setTimeout(resolve, options.waitMs);
    });
    if (stream.writable) stream.end();
    await written;
    clearTimeout(timer);
  }
  await new Promise((resolve) => setImmediate(resolve));
  client.end(true);
}

/**
 * The DISCONNECT the user's Disconnect sends: a plain one on 3.1.1, and on MQTT 5 when nothing was
 * chosen, the same packet as before this choice existed.
 */
export function goodbyePacket(protocolVersion: ProtocolVersion, options: DisconnectOptions): Packet {
  const packet: Extract<Packet, { cmd: 'disconnect' }> = { cmd: 'disconnect' };
  if (protocolVersion !== 5) return packet;
  if (options.reasonCode !== undefined && options.reasonCode !== 0) packet.reasonCode = options.reasonCode;
  if (options.sessionExpiryInterval !== undefined) packet.properties = { sessionExpiryInterval: options.sessionExpiryInterval };
  return packet;
}

/**
 * "disconnected by you with 0x04 disconnect with will message", for the status line. Whatever was
 * chosen follows "disconnected by you with ", which the lifeline reads as the user's own disconnect.
 */
export function describeOwnDisconnect(options: DisconnectOptions): string {
  return englishNested(ownDisconnectText(options));
}

/** The same as a message; the status line keeps the English above for the lifeline to read. */
export function ownDisconnectText(options: DisconnectOptions): NestedMessage {
  const chosen: NestedMessage[] = [];
  // The reason code's name is the spec's (from the MQTT tables), not a sentence of ours.
  if (options.reasonCode !== undefined && options.reasonCode !== 0 && isClientDisconnectReason(options.reasonCode)) chosen.push(nested('connections.error.raw', { text: describeClientDisconnect(options.reasonCode) }));
  if (options.sessionExpiryInterval !== undefined) chosen.push(nested('connections.status.expirySet', { seconds: options.sessionExpiryInterval }));
  const [first, second] = chosen;
  if (!first) return nested('connections.status.byYou');
  return nested('connections.status.byYouWith', undefined, { chosen: second ? nested('connections.status.pair', undefined, { a: first, b: second }) : first });
}
