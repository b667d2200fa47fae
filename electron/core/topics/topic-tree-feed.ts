import type { EventBus } from '../event-bus';
import { OUTGOING, RETAIN } from '../messages/message-columns';
import type { MessageStore } from '../messages/message-store';
import { TopicTree } from './topic-tree';
import type { TopicNode, TreeMessage } from './topic-tree';

/** How often, at most, a connection tells the renderer which topics changed. */
const CHANGE_INTERVAL_MS = 150;

/**
 * A connection's topic tree and the events about it. The tree is fed from the message store in
 * batches (each time the history notifier flushes, and before the store evicts), reading the store's columns by interned topic
 * index: the per-message path pays nothing for the tree, and a batch looks each topic's node up in
 * an array rather than hashing its name. The topics touched are reported at most once per interval.
 */
export class TopicTreeFeed {
  readonly tree = new TopicTree();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The newest message id fed to the tree. */
  private fedUpTo = 0;
  /** Tree nodes by the store's topic index; undefined until a message on that topic is fed. */
  private nodeOfTopic: (TopicNode | undefined)[] = [];

  constructor(
    private readonly connectionId: () => string,
    private readonly bus: EventBus,
    private readonly intervalMs = CHANGE_INTERVAL_MS,
  ) {}

  /** One message, for callers without a store (tests). */
  add(id: number, message: Omit<TreeMessage, 'id'>): void {
    this.tree.add(id, message);
    this.fedUpTo = Math.max(this.fedUpTo, id);
    this.scheduleReport();
  }

  /**
   * Feeds every message the store received since the last call. Called on each flush and before
   * each eviction, so no message leaves the store uncounted.
   */
  feedFrom(store: MessageStore): void {
    const { columns, head, size } = store.scanColumns();
    const oldest = store.oldestId;
    const tree = this.tree;
    for (let position = Math.max(0, this.fedUpTo + 1 - oldest); position < size; position++) {
      const slot = (head + position) % columns.capacity;
      const topicIndex = columns.topic[slot] ?? 0;
      const flags = columns.flags[slot] ?? 0;
      const length = columns.length[slot] ?? 0;
      if (flags & OUTGOING) {
        const known = tree.get(store.topics[topicIndex] ?? '');
        if (known) tree.addSent(known, (flags & RETAIN) !== 0, length);
        continue;
      }
      let node = this.nodeOfTopic[topicIndex];
      if (!node) this.nodeOfTopic[topicIndex] = node = tree.nodeFor(store.topics[topicIndex] ?? '');
      tree.addReceived(node, oldest + position, columns.wallTime[slot] ?? 0, (flags & RETAIN) !== 0, length);
    }
    this.fedUpTo = Math.max(this.fedUpTo, store.newestId);
    this.scheduleReport();
  }

  /** With the history: counts are of messages received since the last clear. */
  clear(): void {
    this.cancel();
    this.tree.clear();
    this.nodeOfTopic = [];
    this.bus.emit('topics.changed', { connectionId: this.connectionId(), topics: [], overflow: false, reset: true });
  }

  dispose(): void {
    this.cancel();
  }

  private scheduleReport(): void {
    if (this.timer === undefined && this.tree.hasChanges) this.timer = setTimeout(() => this.report(), this.intervalMs);
  }

  private report(): void {
    this.timer = undefined;
    const { topics, overflow } = this.tree.takeChanged();
    if (topics.length === 0 && !overflow) return;
    this.bus.emit('topics.changed', { connectionId: this.connectionId(), topics, overflow, reset: false });
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
