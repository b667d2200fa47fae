import type { EventBus } from '../event-bus';
import { TopicTree } from './topic-tree';
import type { TreeMessage } from './topic-tree';

/** How often, at most, a connection tells the renderer which topics changed. */
const CHANGE_INTERVAL_MS = 150;

/**
 * A connection's topic tree and the events about it: every stored message goes into the tree at
 * once, and the topics it touched are reported at most once per interval, never per message.
 */
export class TopicTreeFeed {
  readonly tree = new TopicTree();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connectionId: () => string,
    private readonly bus: EventBus,
    private readonly intervalMs = CHANGE_INTERVAL_MS,
  ) {}

  add(id: number, message: Omit<TreeMessage, 'id'>): void {
    this.tree.add(id, message);
    if (this.timer === undefined && this.tree.hasChanges) this.timer = setTimeout(() => this.report(), this.intervalMs);
  }

  /** With the history: counts are of messages received since the last clear. */
  clear(): void {
    this.cancel();
    this.tree.clear();
    this.bus.emit('topics.changed', { connectionId: this.connectionId(), topics: [], overflow: false, reset: true });
  }

  dispose(): void {
    this.cancel();
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
