import type { PendingPublish, PendingSummary } from '../../../shared/domain/connection';
import type { QoS } from '../../../shared/domain/profile';
import type { PublishOptions } from '../../../shared/mqtt/publish-options';
import { payloadPreview } from '../../../shared/payload/preview';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';

export interface QueuedPublish {
  view: PendingPublish;
  payload: Uint8Array;
  /** MQTT 5 properties and alias request, sent with the message when it goes out. */
  options?: PublishOptions;
}

export interface QueueLimits {
  messages: number;
  bytes: number;
}

/** Room for 30 s at several thousand msg/s, and little enough memory that a full queue cannot hurt the app. */
export const DEFAULT_QUEUE_LIMITS: QueueLimits = { messages: 100_000, bytes: 64 * 1024 * 1024 };

/** Below this many consumed slots the array is left alone: compacting costs a copy of what remains. */
const COMPACT_AFTER = 1024;

/**
 * Messages published while the connection is down, or while earlier ones are still draining, in the
 * order the user sent them. Adding and taking from the front cost O(1), so a queue of 100,000 drains
 * in linear time; the renderer reads it a page at a time, never whole.
 *
 * When full, new messages are refused with an error the publisher sees, rather than the oldest
 * dropped: a tester must be able to trust that every message the app accepted reaches the broker.
 */
export class PendingQueue {
  private items: QueuedPublish[] = [];
  /** Index of the oldest item still queued; the slots before it have been taken. */
  private head = 0;
  private nextId = 1;
  private byteCount = 0;
  private refusedCount = 0;

  constructor(private readonly limits: QueueLimits = DEFAULT_QUEUE_LIMITS) {}

  get size(): number {
    return this.items.length - this.head;
  }

  get bytes(): number {
    return this.byteCount;
  }

  add(topic: string, payload: Uint8Array, qos: QoS, retain: boolean, options?: PublishOptions): PendingPublish {
    const full = this.fullness(payload.byteLength);
    if (full) {
      this.refusedCount++;
      throw new AppError('queue_full', msg('connections.error.queueFull', full));
    }
    const view: PendingPublish = {
      id: this.nextId++,
      topic,
      qos,
      retain,
      size: payload.byteLength,
      preview: payloadPreview(payload),
      queuedAt: Date.now(),
    };
    this.items.push(options ? { view, payload, options } : { view, payload });
    this.byteCount += payload.byteLength;
    return view;
  }

  peek(): QueuedPublish | undefined {
    return this.items[this.head];
  }

  /** Takes the oldest message for sending. */
  shift(): QueuedPublish | undefined {
    const item = this.items[this.head];
    if (!item) return undefined;
    this.items[this.head] = undefined as unknown as QueuedPublish;
    this.head++;
    this.byteCount -= item.payload.byteLength;
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Puts back a message that could not be sent after all, ahead of the rest, so the order holds. */
  returnToFront(item: QueuedPublish): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
    this.byteCount += item.payload.byteLength;
  }

  /** Rows [offset, offset + limit) of the queue, oldest first. */
  page(offset: number, limit: number): PendingPublish[] {
    const start = this.head + Math.max(0, offset);
    const end = Math.min(this.items.length, start + Math.max(0, limit));
    const rows: PendingPublish[] = [];
    for (let index = start; index < end; index++) rows.push((this.items[index] as QueuedPublish).view);
    return rows;
  }

  summary(inFlight: number): PendingSummary {
    return {
      count: this.size,
      bytes: this.byteCount,
      inFlight,
      limit: { ...this.limits },
      overflow: 'refuse-new',
      refused: this.refusedCount,
    };
  }

  discard(): number {
    const count = this.size;
    this.items = [];
    this.head = 0;
    this.byteCount = 0;
    this.refusedCount = 0;
    return count;
  }

  /** Which limit one more message of `size` bytes would pass, as message parameters; undefined while there is room. */
  private fullness(size: number): { limit: 'messages'; count: number } | { limit: 'bytes'; mib: number } | undefined {
    if (this.size >= this.limits.messages) return { limit: 'messages', count: this.limits.messages };
    if (this.byteCount + size > this.limits.bytes) return { limit: 'bytes', mib: Math.round(this.limits.bytes / 1024 / 1024) };
    return undefined;
  }
}
