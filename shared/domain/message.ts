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

/** What `message.get` returns: the row, the whole payload, and the MQTT 5 properties when it had any. */
export interface MessageDetail {
  row: MessageRow;
  payloadBase64: string;
  /** Monotonic time in ms, for intervals between messages that survive wall-clock changes. */
  monotonicMs?: number;
  properties?: Record<string, unknown>;
}

export type PublishOutcome =
  | { kind: 'sent' }
  | { kind: 'acked'; ack: 'PUBACK' | 'PUBCOMP'; reasonCode?: number }
  /** The connection is down and reconnecting: the message waits, shown as pending, and goes out on reconnect. */
  | { kind: 'queued'; pendingId: number };
