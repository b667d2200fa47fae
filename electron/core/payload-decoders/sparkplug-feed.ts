import { SparkplugAliasBook } from '../../../shared/payload/sparkplug-aliases';
import { SPARKPLUG_NAMESPACE } from '../../../shared/payload/sparkplug-topic';
import { OUTGOING } from '../messages/message-columns';
import type { MessageStore } from '../messages/message-store';

/**
 * A session's Sparkplug alias book, fed from its store in message order. It reads the store in
 * batches, like the topic tree: before anything is evicted (so no birth is lost with the message
 * that carried it) and before a message is described (so the book has seen everything up to it).
 */
export class SparkplugFeed {
  /**
   * One book per direction: a client that subscribes to what it publishes sees each message twice,
   * and one sequence through both copies would flag every message as a seq gap.
   */
  readonly received = new SparkplugAliasBook();
  readonly sent = new SparkplugAliasBook();
  private fedTo = 0;
  /** Per interned topic index: 1 when it is under spBv1.0/, 0 when not, undefined when not yet checked. */
  private readonly sparkplugTopics: (0 | 1 | undefined)[] = [];

  constructor(private readonly store: MessageStore) {
    store.onBeforeEvict(() => this.catchUp());
  }

  bookFor(direction: 'in' | 'out'): SparkplugAliasBook {
    this.catchUp();
    return direction === 'out' ? this.sent : this.received;
  }

  catchUp(): void {
    const store = this.store;
    const { columns, head, size } = store.scanColumns();
    const firstId = store.oldestId;
    // After a clear the ids jump forward; what was cleared is gone, the book keeps its births.
    for (let position = Math.max(0, this.fedTo - firstId + 1); position < size; position++) {
      const topicIndex = columns.topic[(head + position) % columns.capacity] ?? 0;
      let isSparkplug = this.sparkplugTopics[topicIndex];
      if (isSparkplug === undefined) {
        isSparkplug = store.topics[topicIndex]?.startsWith(`${SPARKPLUG_NAMESPACE}/`) ? 1 : 0;
        this.sparkplugTopics[topicIndex] = isSparkplug;
      }
      if (isSparkplug === 0) continue;
      const outgoing = ((columns.flags[(head + position) % columns.capacity] ?? 0) & OUTGOING) !== 0;
      try {
        (outgoing ? this.sent : this.received).observe(firstId + position, store.topics[topicIndex] ?? '', store.payloadAt(position));
      } catch {
        // This runs inside the store's append (before an eviction): whatever a peer sent must not throw out of it.
      }
    }
    this.fedTo = Math.max(this.fedTo, store.newestId);
  }
}

const feeds = new WeakMap<MessageStore, SparkplugFeed>();

/** Called when a session's store is made, so the feed sees every message from the first. */
export function attachSparkplugFeed(store: MessageStore): SparkplugFeed {
  let feed = feeds.get(store);
  if (!feed) {
    feed = new SparkplugFeed(store);
    feeds.set(store, feed);
  }
  return feed;
}
