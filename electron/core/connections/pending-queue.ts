import type { PendingPublish } from '../../../shared/domain/connection';
import type { QoS } from '../../../shared/domain/profile';
import { payloadPreview } from '../../../shared/payload/preview';

export interface QueuedPublish {
  view: PendingPublish;
  payload: Uint8Array;
}

/** Messages published while the connection is down, in the order the user sent them. */
export class PendingQueue {
  private items: QueuedPublish[] = [];
  private nextId = 1;

  add(topic: string, payload: Uint8Array, qos: QoS, retain: boolean): PendingPublish {
    const view: PendingPublish = {
      id: this.nextId++,
      topic,
      qos,
      retain,
      size: payload.byteLength,
      preview: payloadPreview(payload),
      queuedAt: Date.now(),
    };
    this.items.push({ view, payload });
    return view;
  }

  list(): PendingPublish[] {
    return this.items.map((item) => item.view);
  }

  /** Empties the queue and hands its contents over, oldest first. */
  takeAll(): QueuedPublish[] {
    const items = this.items;
    this.items = [];
    return items;
  }

  discard(): number {
    const count = this.items.length;
    this.items = [];
    return count;
  }
}
