import type { Readable } from 'node:stream';
import type { RetainedView } from '../../../shared/domain/broker';
import { payloadPreview } from '../../../shared/payload/preview';
import type { AedesPersistence, RetainedPacket } from './aedes-internals';

const PREVIEW_CHARS = 80;

/**
 * The retained messages of a running broker, as its persistence holds them. The persistence keeps
 * no time, so the time each topic was stored is noted here from the broker's publish events.
 */
export class RetainedMessages {
  private readonly storedAt = new Map<string, number>();

  constructor(private readonly persistence: AedesPersistence) {}

  get count(): number {
    return this.storedAt.size;
  }

  /** From the broker's 'publish' event, after aedes stored or removed the retained message. */
  noteStored(topic: string, payloadSize: number): void {
    if (payloadSize === 0) this.storedAt.delete(topic);
    else this.storedAt.set(topic, Date.now());
  }

  async list(): Promise<RetainedView[]> {
    const views: RetainedView[] = [];
    for await (const packet of this.persistence.createRetainedStream('#') as Readable & AsyncIterable<RetainedPacket>) {
      views.push({
        topic: packet.topic,
        size: packet.payload.length,
        qos: packet.qos,
        time: this.storedAt.get(packet.topic) ?? Date.now(),
        preview: payloadPreview(packet.payload, PREVIEW_CHARS),
      });
    }
    return views.sort((a, b) => a.topic.localeCompare(b.topic));
  }

  /** Stores an empty retained payload, which is how MQTT removes one; no subscriber is sent anything. */
  async delete(topic: string): Promise<void> {
    await this.persistence.storeRetained({ cmd: 'publish', topic, payload: Buffer.alloc(0), qos: 0, retain: true });
    this.storedAt.delete(topic);
  }

  async clear(): Promise<number> {
    const topics = (await this.list()).map((view) => view.topic);
    for (const topic of topics) await this.delete(topic);
    return topics.length;
  }
}
