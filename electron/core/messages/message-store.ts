import type { MessageProperties, MessageRow } from '../../../shared/domain/message';
import type { QoS } from '../../../shared/domain/profile';
import { payloadPreview } from '../../../shared/payload/preview';
import { DUP, MessageColumns, OUTGOING, QOS_MASK, RETAIN } from './message-columns';
import { PayloadChunks } from './payload-chunks';

/** What a caller knows about a message when it arrives; the store assigns the id and the preview. */
export type MessageFields = Omit<MessageRow, 'id' | 'preview'> & {
  monotonicMs?: number;
  /** MQTT 5 PUBLISH properties, kept only when present (they are rare, and an object is costly). */
  properties?: MessageProperties;
};

export interface StoredMessage {
  row: MessageRow;
  /** A view into the store's buffers: copy it before keeping it past the next append. */
  payload: Uint8Array;
  monotonicMs: number;
  properties?: MessageProperties;
}

export interface MessageBudget {
  maxMessages: number;
  maxPayloadBytes: number;
}

export const DEFAULT_BUDGET: MessageBudget = { maxMessages: 1_000_000, maxPayloadBytes: 512 * 1024 * 1024 };

/**
 * Every message of one connection, in and out, with its whole raw payload, in typed-array columns
 * under a budget. The oldest messages are evicted when the budget is reached, and counted in
 * `evicted` so the UI can say so. Ids are sequential per connection and never reused, even across
 * a clear, so a renderer never confuses an old row with a new one.
 *
 * Positions (`rows(from, count)`, query results) count from the oldest message still held.
 */
export class MessageStore {
  budget: MessageBudget;
  private columns: MessageColumns;
  readonly payloads = new PayloadChunks();
  /** Interned topics: each distinct topic string is held once, messages hold its index. */
  readonly topics: string[] = [];
  private readonly topicIndex = new Map<string, number>();
  private readonly properties = new Map<number, MessageProperties>();
  private lastTopic: string | undefined;
  private lastTopicIndex = 0;
  /** Ring slot of the oldest message. */
  private head = 0;
  private count = 0;
  private payloadBytes = 0;
  private firstId = 1;
  private evictedCount = 0;

  constructor(budget: Partial<MessageBudget> = {}) {
    this.budget = { ...DEFAULT_BUDGET, ...budget };
    if (this.budget.maxMessages < 1) throw new Error('The message budget must allow at least one message.');
    this.columns = new MessageColumns(this.budget.maxMessages);
  }

  get size(): number {
    return this.count;
  }

  /** Messages evicted by the budget since the last clear. */
  get evicted(): number {
    return this.evictedCount;
  }

  /** The id of the oldest message held; when nothing is held, the id the next message will get. */
  get oldestId(): number {
    return this.firstId;
  }

  /** The id of the newest message held, or oldestId − 1 when none is. */
  get newestId(): number {
    return this.firstId + this.count - 1;
  }

  get storedPayloadBytes(): number {
    return this.payloadBytes;
  }

  /** Returns the new message's id. No row is built here: rows are made only for what a view asks to see. */
  append(fields: MessageFields, payload: Uint8Array): number {
    this.makeRoom(payload.byteLength);
    const columns = this.columns;
    const slot = (this.head + this.count) % columns.capacity;
    const id = this.firstId + this.count;
    const offset = this.payloads.add(payload);
    columns.wallTime[slot] = fields.time;
    columns.monotonicMs[slot] = fields.monotonicMs ?? 0;
    columns.topic[slot] = this.intern(fields.topic);
    columns.flags[slot] =
      fields.qos | (fields.retain ? RETAIN : 0) | (fields.dup ? DUP : 0) | (fields.direction === 'out' ? OUTGOING : 0);
    columns.packetId[slot] = fields.packetId ?? 0;
    columns.chunk[slot] = this.payloads.lastChunk;
    columns.offset[slot] = offset;
    columns.length[slot] = payload.byteLength;
    if (fields.properties) this.properties.set(id, fields.properties);
    this.count++;
    this.payloadBytes += payload.byteLength;
    return id;
  }

  get(id: number): StoredMessage | undefined {
    const position = id - this.firstId;
    if (!Number.isInteger(position) || position < 0 || position >= this.count) return undefined;
    const slot = this.slotOf(position);
    const message: StoredMessage = {
      row: this.rowAt(position),
      payload: this.payloadAt(position),
      monotonicMs: this.columns.monotonicMs[slot] ?? 0,
    };
    const properties = this.properties.get(id);
    if (properties) message.properties = properties;
    return message;
  }

  rows(from: number, count: number): MessageRow[] {
    const end = Math.min(this.count, from + count);
    const rows: MessageRow[] = [];
    for (let position = Math.max(0, from); position < end; position++) rows.push(this.rowAt(position));
    return rows;
  }

  /** The preview is computed again from the bytes rather than stored: it is a pure function of them. */
  rowAt(position: number): MessageRow {
    const columns = this.columns;
    const slot = this.slotOf(position);
    const flags = columns.flags[slot] ?? 0;
    const payload = this.payloadAt(position);
    const row: MessageRow = {
      id: this.firstId + position,
      time: columns.wallTime[slot] ?? 0,
      direction: flags & OUTGOING ? 'out' : 'in',
      topic: this.topics[columns.topic[slot] ?? 0] ?? '',
      qos: (flags & QOS_MASK) as QoS,
      retain: (flags & RETAIN) !== 0,
      dup: (flags & DUP) !== 0,
      size: payload.byteLength,
      preview: payloadPreview(payload),
    };
    const packetId = columns.packetId[slot] ?? 0;
    // Packet id 0 is never valid in MQTT; it stands for "none" (QoS 0).
    if (packetId !== 0) row.packetId = packetId;
    // Properties are rare, so most stores skip the lookup.
    if (this.properties.size > 0) {
      const aliasUse = this.properties.get(row.id)?.topicAliasUse;
      if (aliasUse) row.topicAlias = aliasUse;
    }
    return row;
  }

  payloadAt(position: number): Uint8Array {
    const slot = this.slotOf(position);
    const columns = this.columns;
    return this.payloads.view(columns.chunk[slot] ?? 0, columns.offset[slot] ?? 0, columns.length[slot] ?? 0);
  }

  /** Read access for queries, which walk the columns directly instead of building rows. */
  scanColumns(): { columns: MessageColumns; head: number; size: number } {
    return { columns: this.columns, head: this.head, size: this.count };
  }

  slotOf(position: number): number {
    return (this.head + position) % this.columns.capacity;
  }

  /** A smaller budget evicts at once, oldest first, and gives the columns' spare room back. */
  setBudget(budget: MessageBudget): void {
    if (budget.maxMessages < 1) throw new Error('The message budget must allow at least one message.');
    this.budget = { ...budget };
    if (this.count > budget.maxMessages || this.payloadBytes > budget.maxPayloadBytes) this.notifyBeforeEvict();
    while (this.count > 0 && (this.count > budget.maxMessages || this.payloadBytes > budget.maxPayloadBytes)) this.evictOldest();
    this.columns = this.columns.resized(this.head, this.count, budget.maxMessages);
    this.head = 0;
  }

  clear(): void {
    this.firstId += this.count;
    this.head = 0;
    this.count = 0;
    this.payloadBytes = 0;
    this.evictedCount = 0;
    this.properties.clear();
    this.payloads.clear();
    // Topics stay interned: they are few, and a cleared connection usually sees the same ones again.
  }

  private readonly evictionListeners: ((newestId: number) => void)[] = [];

  /**
   * Calls `listener` before messages are evicted, with the newest id held then, so whatever reads
   * the store in batches (a recording, the topic tree) can take what it has not taken yet: what the
   * store evicts, they still have. Returns the function that stops it.
   */
  onBeforeEvict(listener: (newestId: number) => void): () => void {
    this.evictionListeners.push(listener);
    return () => {
      const index = this.evictionListeners.indexOf(listener);
      if (index >= 0) this.evictionListeners.splice(index, 1);
    };
  }

  private notifyBeforeEvict(): void {
    for (const listener of this.evictionListeners) listener(this.newestId);
  }

  private makeRoom(incomingBytes: number): void {
    const { maxMessages, maxPayloadBytes } = this.budget;
    if (this.evictionListeners.length > 0 && this.count > 0 && (this.count >= maxMessages || this.payloadBytes + incomingBytes > maxPayloadBytes)) {
      this.notifyBeforeEvict();
    }
    // A single payload larger than the whole byte budget is still kept (alone): never truncated.
    while (this.count > 0 && (this.count >= maxMessages || this.payloadBytes + incomingBytes > maxPayloadBytes)) {
      this.evictOldest();
    }
    const columns = this.columns;
    if (this.count === columns.capacity && columns.canGrow) {
      this.columns = columns.resized(this.head, this.count, columns.maxMessages, Math.min(columns.capacity * 2, columns.maxMessages));
      this.head = 0;
    }
  }

  private evictOldest(): void {
    const slot = this.head;
    this.payloadBytes -= this.columns.length[slot] ?? 0;
    this.payloads.release(this.columns.chunk[slot] ?? 0);
    if (this.properties.size > 0) this.properties.delete(this.firstId);
    this.head = (this.head + 1) % this.columns.capacity;
    this.count--;
    this.firstId++;
    this.evictedCount++;
  }

  private intern(topic: string): number {
    // Messages come in runs on one topic: comparing with the last one spares hashing a new string.
    if (topic === this.lastTopic) return this.lastTopicIndex;
    let index = this.topicIndex.get(topic);
    if (index === undefined) {
      index = this.topics.length;
      this.topics.push(topic);
      this.topicIndex.set(topic, index);
    }
    this.lastTopic = topic;
    this.lastTopicIndex = index;
    return index;
  }
}
