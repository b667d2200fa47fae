import type { MessageRow } from '../../../shared/domain/message';
import type { TopicNodeView } from '../../../shared/domain/topic-tree';
import { compareTopicLevels } from './level-order';

/** Changed topics reported per interval; beyond this the event says "overflow" and the renderer refreshes what it shows. */
export const MAX_CHANGED_TOPICS = 1000;

/** One level of the hierarchy. Mutable and internal to the main process; the renderer gets views. */
export class TopicNode {
  /** Created on the first child: most nodes are leaves, and an empty Map each would cost 50,000 of them for nothing. */
  children: Map<string, TopicNode> | undefined;
  /** The children in display order, and those added since it was last sorted (merged in when next asked for). */
  private ordered: TopicNode[] = [];
  private unordered: TopicNode[] = [];
  count = 0;
  subtreeCount = 0;
  topicCount = 0;
  retained = false;
  retainedCount = 0;
  lastMessageId = 0;
  lastTime = 0;
  /** Set only when the message came with its preview (tests); otherwise read from the store when shown. */
  lastPreview: string | undefined;
  lastSize = 0;
  /** The reporting interval in which this node was last noted as changed, so it is listed once per interval. */
  changedEpoch = 0;

  constructor(
    readonly name: string,
    readonly topic: string,
    /** Undefined only for the root, which stands for no topic and is never shown. */
    readonly parent: TopicNode | undefined,
  ) {}

  get childCount(): number {
    return this.children?.size ?? 0;
  }

  addChild(child: TopicNode): void {
    this.children ??= new Map();
    this.children.set(child.name, child);
    this.unordered.push(child);
  }

  /**
   * The children sorted by name (numbers in names by value). New children are sorted among
   * themselves and merged, so a burst of new topics under one node costs O(n + k log k), not a full sort.
   */
  sortedChildren(): readonly TopicNode[] {
    if (this.unordered.length === 0) return this.ordered;
    const fresh = this.unordered.sort(byName);
    this.unordered = [];
    if (this.ordered.length === 0) {
      this.ordered = fresh;
      return fresh;
    }
    const merged: TopicNode[] = new Array(this.ordered.length + fresh.length);
    let left = 0;
    let right = 0;
    for (let index = 0; index < merged.length; index++) {
      const a = this.ordered[left];
      const b = fresh[right];
      if (b === undefined || (a !== undefined && byName(a, b) <= 0)) {
        merged[index] = a as TopicNode;
        left++;
      } else {
        merged[index] = b;
        right++;
      }
    }
    this.ordered = merged;
    return merged;
  }

  /** Index of a child in `sortedChildren()`, by binary search. */
  indexOfChild(child: TopicNode): number {
    const sorted = this.sortedChildren();
    let low = 0;
    let high = sorted.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const candidate = sorted[middle] as TopicNode;
      const order = byName(candidate, child);
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** `previewOf` reads the last message's preview from the store: building one per message would cost the hot path. */
  view(previewOf: (messageId: number) => string | undefined = () => undefined): TopicNodeView {
    const view: TopicNodeView = {
      topic: this.topic,
      name: this.name,
      count: this.count,
      subtreeCount: this.subtreeCount,
      topicCount: this.topicCount,
      childCount: this.childCount,
      retained: this.retained,
      retainedCount: this.retainedCount,
    };
    if (this.count > 0) {
      const preview = this.lastPreview ?? previewOf(this.lastMessageId);
      view.last = { messageId: this.lastMessageId, time: this.lastTime, preview: preview ?? '', size: this.lastSize };
      if (preview === undefined) view.last.evicted = true;
    }
    return view;
  }
}

function byName(a: TopicNode, b: TopicNode): number {
  return compareTopicLevels(a.name, b.name);
}

/**
 * The topics one connection has received, as a hierarchy with per-node and per-subtree counts,
 * the last value and a retained mark. It is fed every stored message, so adding one is a Map lookup
 * for a known topic plus a walk up its few ancestors.
 *
 * Counts are of messages received since the history was last cleared. The store may evict old
 * messages under its budget; the tree does not count down for those, it counts what arrived.
 *
 * The retained mark: a message that arrives with the retain flag and a payload marks its topic;
 * an empty payload clears it (that is how a retained message is deleted, and brokers pass the
 * deletion on to subscribers). A later live message without the retain flag leaves the mark alone:
 * MQTT 3.1.1 brokers clear the flag on live deliveries even of retained publishes, so its absence
 * says nothing about what the broker holds. Messages this client publishes only update the mark of
 * topics already in the tree, since the tree shows what the broker sends.
 */
/** What the tree needs of a message: no payload, and no preview unless one is already at hand. */
export type TreeMessage = Pick<MessageRow, 'id' | 'time' | 'topic' | 'direction' | 'retain' | 'size'> & { preview?: string };

export class TopicTree {
  /** Set by the owner of the message store, so views can show each node's last value. */
  previewOf: (messageId: number) => string | undefined = () => undefined;
  private root = new TopicNode('', '', undefined);
  /** Every node but the root, by full topic: a known topic costs one lookup. */
  private readonly nodes = new Map<string, TopicNode>();
  private changed: TopicNode[] = [];
  private overflow = false;
  private epoch = 1;

  get rootNode(): TopicNode {
    return this.root;
  }

  /** Distinct topics that received a message. */
  get topicCount(): number {
    return this.root.topicCount;
  }

  get messageCount(): number {
    return this.root.subtreeCount;
  }

  get hasChanges(): boolean {
    return this.changed.length > 0 || this.overflow;
  }

  get(topic: string): TopicNode | undefined {
    return this.nodes.get(topic);
  }

  add(id: number, row: Omit<TreeMessage, 'id'>): void {
    if (row.direction === 'out') {
      const known = this.nodes.get(row.topic);
      if (known) this.addSent(known, row.retain, row.size);
      return;
    }
    this.addReceived(this.nodeFor(row.topic), id, row.time, row.retain, row.size, row.preview);
  }

  /** The node of a topic, made (with its parents) on first use. Stable until the tree is cleared. */
  nodeFor(topic: string): TopicNode {
    return this.nodes.get(topic) ?? this.create(topic);
  }

  /** What we publish only moves the retained mark of a topic already shown: deleting one clears its badge at once. */
  addSent(node: TopicNode, retain: boolean, size: number): void {
    if (retain && this.setRetained(node, size > 0)) this.noteChanged(node);
  }

  addReceived(node: TopicNode, id: number, time: number, retain: boolean, size: number, preview?: string): void {
    if (node.count === 0) for (let at: TopicNode | undefined = node; at; at = at.parent) at.topicCount++;
    node.count++;
    for (let at: TopicNode | undefined = node; at; at = at.parent) at.subtreeCount++;
    node.lastMessageId = id;
    node.lastTime = time;
    node.lastPreview = preview;
    node.lastSize = size;
    if (size === 0) this.setRetained(node, false);
    else if (retain) this.setRetained(node, true);
    this.noteChanged(node);
  }

  /** The topics noted as changed since the last call, and whether there were more than were listed. */
  takeChanged(): { topics: string[]; overflow: boolean } {
    const taken = { topics: this.changed.map((node) => node.topic), overflow: this.overflow };
    this.changed = [];
    this.overflow = false;
    this.epoch++;
    return taken;
  }

  clear(): void {
    this.root = new TopicNode('', '', undefined);
    this.nodes.clear();
    this.changed = [];
    this.overflow = false;
    this.epoch++;
  }

  /** Topics marked retained at `node` and, when recursive, below it; the walk skips subtrees without any. */
  retainedTopics(node: TopicNode, recursive: boolean): string[] {
    if (!recursive) return node.retained ? [node.topic] : [];
    const found: string[] = [];
    const stack = [node];
    for (let at = stack.pop(); at; at = stack.pop()) {
      if (at.retained) found.push(at.topic);
      if (!at.children) continue;
      for (const child of at.children.values()) if (child.retainedCount > 0) stack.push(child);
    }
    return found;
  }

  private create(topic: string): TopicNode {
    let parent = this.root;
    let start = 0;
    // Levels are split by hand: every prefix is needed as a key anyway, and empty levels must be kept.
    for (;;) {
      const slash = topic.indexOf('/', start);
      const end = slash === -1 ? topic.length : slash;
      const name = topic.slice(start, end);
      let child = parent.children?.get(name);
      if (!child) {
        const prefix = slash === -1 ? topic : topic.slice(0, end);
        child = new TopicNode(name, prefix, parent);
        parent.addChild(child);
        this.nodes.set(prefix, child);
      }
      if (slash === -1) return child;
      parent = child;
      start = slash + 1;
    }
  }

  /** Returns whether the mark changed; keeps the subtree tallies of every ancestor in step. */
  private setRetained(node: TopicNode, retained: boolean): boolean {
    if (node.retained === retained) return false;
    node.retained = retained;
    const delta = retained ? 1 : -1;
    for (let at: TopicNode | undefined = node; at; at = at.parent) at.retainedCount += delta;
    return true;
  }

  private noteChanged(node: TopicNode): void {
    if (node.changedEpoch === this.epoch) return;
    node.changedEpoch = this.epoch;
    if (this.changed.length < MAX_CHANGED_TOPICS) this.changed.push(node);
    else this.overflow = true;
  }
}
