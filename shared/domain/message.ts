import type { SchemaDecoded } from '../payload/schema-decoded';
import type { QoS } from './profile';

export type Direction = 'in' | 'out';

/**
 * What a message list row needs. Rows travel in batches; the full payload is fetched by id
 * only when a user opens a message.
 */
export interface MessageRow {
  /** Sequential per connection, from 1. */
  id: number;
  /** Wall-clock time of the PUBLISH packet, in ms since the epoch. */
  time: number;
  direction: Direction;
  topic: string;
  qos: QoS;
  retain: boolean;
  dup: boolean;
  /** Payload size in bytes. */
  size: number;
  /** One line; ends with an ellipsis when it is not the whole payload. */
  preview: string;
  /** The PUBLISH packet identifier; absent at QoS 0. */
  packetId?: number;
  /** MQTT 5: the topic alias the PUBLISH carried, the form it went in, and what that saved. */
  topicAlias?: TopicAliasUse;
}

/**
 * How a PUBLISH used a topic alias. `topic-and-alias` sets the alias up (it costs the alias's 3
 * bytes); `alias-only` sends an empty topic and the alias, saving the topic's bytes. bytesSaved is
 * the packet's size with the topic in full and no alias minus its size as sent (negative: it cost).
 */
export interface TopicAliasUse {
  alias: number;
  form: 'topic-and-alias' | 'alias-only';
  bytesSaved: number;
}

/**
 * How one connection's history stands, sent at most every ~50 ms while messages arrive: a complete
 * snapshot of the counters, so a newer update always replaces an older one, plus the newest rows.
 */
export interface HistoryUpdate {
  connectionId: string;
  /** The oldest id held; everything below it was evicted or cleared. */
  firstId: number;
  /** The newest id held; firstId − 1 when the history is empty. Ids in between are all held. */
  lastId: number;
  total: number;
  /** Messages evicted by the budget since the last clear. */
  evicted: number;
  /** The newest rows (at most a screenful); older ones are read by id when a view needs them. */
  rows: MessageRow[];
  /** Messages per second over the last second, received and sent. */
  rates: { in: number; out: number };
}

/** One MQTT 5 user property. A key may repeat; every pair is kept. */
export interface UserProperty {
  key: string;
  value: string;
}

/**
 * The MQTT 5 properties of a PUBLISH packet, in JSON-safe form: correlation data, binary on the wire,
 * travels as hex because a Buffer would cross the transport as an array of numbers.
 */
export interface MessageProperties {
  /** true: the sender says the payload is UTF-8 text (indicator 1); false: unspecified bytes (0). */
  payloadFormatIndicator?: boolean;
  /** Seconds. */
  messageExpiryInterval?: number;
  contentType?: string;
  responseTopic?: string;
  correlationDataHex?: string;
  userProperties?: UserProperty[];
  /** Received messages only: the identifiers of the subscriptions the message matched. */
  subscriptionIdentifiers?: number[];
  /** The alias number the packet carried; the topic shown is the one it stands for. */
  topicAlias?: number;
  /** With topicAlias: which form went on the wire and the bytes that saved. */
  topicAliasUse?: TopicAliasUse;
}

/**
 * What `message.get` returns: the row, the first bytes of the payload (all of it when it is small),
 * and the MQTT 5 properties when it had any. The rest of a large payload is read with `message.payload`.
 */
export interface MessageDetail {
  row: MessageRow;
  /** The payload from offset 0, at most `MESSAGE_HEAD_BYTES` of it. */
  payloadBase64: string;
  /** The whole payload's size in bytes; more than the head holds when the payload is large. */
  payloadSize: number;
  /** Monotonic time in ms, for intervals between messages that survive wall-clock changes. */
  monotonicMs?: number;
  properties?: MessageProperties;
  /** The payload decoded by a schema held in main (Sparkplug B on spBv1.0 topics, a mapped Protobuf type). */
  decoded?: SchemaDecoded;
}

/** How much of a payload `message.get` sends: enough for nearly every message, and instant for a 10 MB one. */
export const MESSAGE_HEAD_BYTES = 256 * 1024;

/** The largest slice one `message.payload` request returns. */
export const MAX_PAYLOAD_SLICE_BYTES = 1024 * 1024;

export type PublishOutcome =
  | { kind: 'sent' }
  | {
      kind: 'acked';
      ack: 'PUBACK' | 'PUBCOMP';
      reasonCode?: number;
      /** MQTT 5: the broker's own words in the acknowledgement, when it sent some. */
      reasonString?: string;
      /** QoS 2 on MQTT 5: what the PUBREC said; mosquitto says 0x10 there when no one subscribes. */
      pubrec?: { reasonCode: number; reasonString?: string };
      /** How the topic travelled, when an alias was used. */
      topicAlias?: TopicAliasUse;
    }
  /** The connection is down and reconnecting: the message waits, shown as pending, and goes out on reconnect. */
  | { kind: 'queued'; pendingId: number };
