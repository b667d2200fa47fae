import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../electron/core/event-bus';
import { TopicTreeFeed } from '../../electron/core/topics/topic-tree-feed';
import type { EventEnvelope } from '../../shared/contract';
import { compareTopicLevels } from '../../electron/core/topics/level-order';
import { MAX_CHANGED_TOPICS, TopicTree } from '../../electron/core/topics/topic-tree';
import type { TopicNode, TreeMessage } from '../../electron/core/topics/topic-tree';
import { ShownTree } from '../../electron/core/topics/topic-tree-rows';
import type { MessageRow } from '../../shared/domain/message';
import { MessageStore } from '../../electron/core/messages/message-store';

let nextId = 1;

function message(topic: string, options: { payload?: string; retain?: boolean; direction?: 'in' | 'out'; time?: number } = {}): MessageRow {
  const payload = options.payload ?? 'x';
  return {
    id: nextId++,
    time: options.time ?? 1_700_000_000_000,
    direction: options.direction ?? 'in',
    topic,
    qos: 0,
    retain: options.retain ?? false,
    dup: false,
    size: payload.length,
    preview: payload,
  };
}

/** The counts a tree must have, computed the slow way from the list of topics sent. */
function expectedCounts(topics: readonly string[]) {
  const own = new Map<string, number>();
  for (const topic of topics) own.set(topic, (own.get(topic) ?? 0) + 1);
  const prefixes = new Set<string>();
  for (const topic of own.keys()) {
    const levels = topic.split('/');
    for (let length = 1; length <= levels.length; length++) prefixes.add(levels.slice(0, length).join('/'));
  }
  const subtree = new Map<string, number>();
  const distinct = new Map<string, number>();
  for (const prefix of prefixes) {
    let messages = 0;
    let count = 0;
    for (const [topic, n] of own) {
      if (topic === prefix || topic.startsWith(`${prefix}/`)) {
        messages += n;
        count++;
      }
    }
    subtree.set(prefix, messages);
    distinct.set(prefix, count);
  }
  return { own, prefixes, subtree, distinct };
}

describe('topic tree counts', () => {
  it('counts exactly, per node and per subtree, after 10,000 messages over 1,000 topics', () => {
    const tree = new TopicTree();
    const topics: string[] = [];
    // 5 sites × 10 floors × 19 rooms = 950 leaf topics, plus 50 floor topics that also have children.
    for (let site = 0; site < 5; site++) {
      for (let floor = 0; floor < 10; floor++) {
        topics.push(`site${site}/floor${floor}`);
        for (let room = 0; room < 19; room++) topics.push(`site${site}/floor${floor}/room${room}`);
      }
    }
    expect(new Set(topics).size).toBe(1000);
    const sent: string[] = [];
    // Every topic once, then 9,000 more spread unevenly by a fixed pseudo-random sequence, skewed
    // towards the first topics so the counts differ from node to node.
    sent.push(...topics);
    let seed = 12345;
    for (let index = 0; index < 9000; index++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const uniform = seed / 2 ** 31;
      sent.push(topics[Math.floor(uniform * uniform * 1000)] as string);
    }
    for (const topic of sent) addTo(tree, message(topic));

    const expected = expectedCounts(sent);
    expect(tree.messageCount).toBe(10_000);
    expect(tree.topicCount).toBe(1000);
    expect(expected.own.size).toBe(1000);
    for (const prefix of expected.prefixes) {
      const node = tree.get(prefix);
      expect(node, prefix).toBeDefined();
      const view = (node as TopicNode).view();
      expect([prefix, view.count, view.subtreeCount, view.topicCount]).toEqual([prefix, expected.own.get(prefix) ?? 0, expected.subtree.get(prefix), expected.distinct.get(prefix)]);
    }
    // A few by hand, so the oracle above is not the only thing that knows the numbers.
    const site0 = tree.get('site0') as TopicNode;
    expect(site0.childCount).toBe(10);
    expect(tree.get('site0/floor3')?.childCount).toBe(19);
    expect([...tree.rootNode.children?.keys() ?? []].sort()).toEqual(['site0', 'site1', 'site2', 'site3', 'site4']);
    const siteTotals = ['site0', 'site1', 'site2', 'site3', 'site4'].map((site) => tree.get(site)?.subtreeCount ?? 0);
    expect(siteTotals.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(new Set(siteTotals).size).toBeGreaterThan(1);
  });

  it('keeps the last value, time and message id of each topic', () => {
    const tree = new TopicTree();
    addTo(tree, message('a/b', { payload: 'first', time: 1 }));
    const last = message('a/b', { payload: 'second', time: 2 });
    addTo(tree, last);
    addTo(tree, message('a/c', { payload: 'other', time: 3 }));
    expect(tree.get('a/b')?.view().last).toEqual({ messageId: last.id, time: 2, preview: 'second', size: 6 });
    expect(tree.get('a')?.view().last).toBeUndefined();
  });

  it('starts again from nothing when cleared', () => {
    const tree = new TopicTree();
    addTo(tree, message('a/b', { retain: true }));
    tree.clear();
    expect(tree.get('a/b')).toBeUndefined();
    expect([tree.messageCount, tree.topicCount, tree.rootNode.retainedCount, tree.rootNode.childCount]).toEqual([0, 0, 0, 0]);
    addTo(tree, message('a/b'));
    expect(tree.get('a')?.subtreeCount).toBe(1);
  });
});

describe('topic tree levels', () => {
  it('keeps empty levels as nodes of their own: a//b, a leading slash, a lone slash', () => {
    const tree = new TopicTree();
    for (const topic of ['a//b', 'a/b', '/x', '/', '//', 'a/']) addTo(tree, message(topic));
    expect(tree.get('a//b')?.name).toBe('b');
    expect(tree.get('a/')?.name).toBe('');
    expect(tree.get('a/')?.count).toBe(1);
    expect(tree.get('a/')?.subtreeCount).toBe(2);
    expect(tree.get('a/b')?.subtreeCount).toBe(1);
    // The first level of "/x", "/" and "//" is the empty level, whose topic is "".
    const empty = tree.get('') as TopicNode;
    expect([empty.name, empty.count, empty.subtreeCount]).toEqual(['', 0, 3]);
    expect([...empty.sortedChildren()].map((node) => node.topic)).toEqual(['/', '/x']);
    expect(tree.get('/')?.count).toBe(1);
    expect(tree.get('//')?.count).toBe(1);
    expect(tree.messageCount).toBe(6);
    expect(tree.topicCount).toBe(6);
  });

  it('treats $SYS topics as ordinary first-level nodes', () => {
    const tree = new TopicTree();
    addTo(tree, message('$SYS/broker/uptime', { payload: '12 seconds', retain: true }));
    addTo(tree, message('$SYS/broker/clients/connected', { payload: '3', retain: true }));
    addTo(tree, message('sensors/t'));
    expect(tree.get('$SYS')?.subtreeCount).toBe(2);
    expect(tree.get('$SYS')?.retainedCount).toBe(2);
    expect(tree.get('$SYS/broker/uptime')?.view().last?.preview).toBe('12 seconds');
    expect([...tree.rootNode.sortedChildren()].map((node) => node.name)).toEqual(['$SYS', 'sensors']);
  });

  it('orders siblings with numbers by value', () => {
    const names = ['room10', 'room2', 'room1', 'Room3', 'room02', 'a', '', 'room'];
    expect([...names].sort(compareTopicLevels)).toEqual(['', 'Room3', 'a', 'room', 'room1', 'room02', 'room2', 'room10']);
    expect(compareTopicLevels('x99999999999999999999999', 'x100000000000000000000000')).toBeLessThan(0);
  });
});

describe('topic tree retained marks', () => {
  it('marks a topic on a retained message and clears the mark on an empty payload', () => {
    const tree = new TopicTree();
    addTo(tree, message('home/kitchen/temp', { payload: '21', retain: true }));
    addTo(tree, message('home/hall/temp', { payload: '19', retain: true }));
    addTo(tree, message('home/hall/humidity', { payload: '40' }));
    expect(tree.get('home/kitchen/temp')?.retained).toBe(true);
    expect(tree.get('home/hall/humidity')?.retained).toBe(false);
    expect(tree.get('home')?.retainedCount).toBe(2);
    expect(tree.rootNode.retainedCount).toBe(2);

    // A live delivery without the flag says nothing about what the broker keeps.
    addTo(tree, message('home/kitchen/temp', { payload: '22' }));
    expect(tree.get('home/kitchen/temp')?.retained).toBe(true);

    // The deletion as a subscriber sees it: an empty payload (live deliveries carry retain 0).
    addTo(tree, message('home/kitchen/temp', { payload: '' }));
    expect(tree.get('home/kitchen/temp')?.retained).toBe(false);
    expect(tree.get('home')?.retainedCount).toBe(1);
    expect(tree.get('home/kitchen')?.retainedCount).toBe(0);
    expect(tree.get('home/kitchen/temp')?.count).toBe(3);
  });

  it('updates marks from its own publishes only on topics it already shows', () => {
    const tree = new TopicTree();
    addTo(tree, message('a/b', { payload: 'v', retain: true }));
    addTo(tree, message('a/b', { payload: '', retain: true, direction: 'out' }));
    expect(tree.get('a/b')?.retained).toBe(false);
    expect(tree.get('a/b')?.count).toBe(1);
    addTo(tree, message('a/b', { payload: 'again', retain: true, direction: 'out' }));
    expect(tree.get('a/b')?.retained).toBe(true);
    addTo(tree, message('never/received', { payload: 'v', retain: true, direction: 'out' }));
    expect(tree.get('never')).toBeUndefined();
    expect(tree.messageCount).toBe(1);
  });

  it('lists the retained topics of a subtree', () => {
    const tree = new TopicTree();
    for (const topic of ['x/1', 'x/2/a', 'x/2/b', 'y/1']) addTo(tree, message(topic, { retain: true }));
    addTo(tree, message('x/3'));
    addTo(tree, message('x', { retain: true }));
    const x = tree.get('x') as TopicNode;
    expect(tree.retainedTopics(x, true).sort()).toEqual(['x', 'x/1', 'x/2/a', 'x/2/b']);
    expect(tree.retainedTopics(x, false)).toEqual(['x']);
    expect(tree.retainedTopics(tree.get('x/3') as TopicNode, true)).toEqual([]);
    expect(x.retainedCount).toBe(4);
  });
});

describe('topic tree changes', () => {
  it('lists each changed topic once per interval and says when there were too many to list', () => {
    const tree = new TopicTree();
    addTo(tree, message('a'));
    addTo(tree, message('a'));
    addTo(tree, message('b/c'));
    expect(tree.takeChanged()).toEqual({ topics: ['a', 'b/c'], overflow: false });
    expect(tree.hasChanges).toBe(false);
    addTo(tree, message('a'));
    expect(tree.takeChanged()).toEqual({ topics: ['a'], overflow: false });
    for (let index = 0; index <= MAX_CHANGED_TOPICS; index++) addTo(tree, message(`many/${index}`));
    const taken = tree.takeChanged();
    expect(taken.topics).toHaveLength(MAX_CHANGED_TOPICS);
    expect(taken.overflow).toBe(true);
  });
});

describe('feeding the tree from the message store', () => {
  it('gives the same counts, last values and retained marks as feeding each message, in batches of any size', () => {
    const store = new MessageStore();
    const bus = new EventBus();
    const batched = new TopicTreeFeed(() => 'c', bus);
    const oneByOne = new TopicTree();
    oneByOne.previewOf = batched.tree.previewOf = (id) => store.get(id)?.row.preview;
    const text = new TextEncoder();
    for (let index = 0; index < 3000; index++) {
      const topic = `site/${index % 7}/sensor/${index % 13}`;
      const out = index % 50 === 0;
      const retain = index % 9 === 0;
      const payload = index % 31 === 0 ? new Uint8Array(0) : text.encode(`v${index}`);
      const fields = { time: 1000 + index, direction: out ? ('out' as const) : ('in' as const), topic, qos: 0 as const, retain, dup: false, size: payload.byteLength };
      const id = store.append(fields, payload);
      oneByOne.add(id, fields);
      if (index % 137 === 0) batched.feedFrom(store);
    }
    batched.feedFrom(store);
    const shape = (tree: TopicTree) => {
      const rows = new ShownTree(tree, ['site', 'site/0', 'site/0/sensor', 'site/5', 'site/5/sensor']).rows(0, 1000);
      return rows.map((row) => [row.topic, row.count, row.subtreeCount, row.retained, row.retainedCount, row.last?.messageId, row.last?.preview]);
    };
    expect(shape(batched.tree)).toEqual(shape(oneByOne));
    expect(batched.tree.messageCount).toBe(oneByOne.messageCount);
    batched.dispose();
  });

  it('skips messages evicted before they were fed, and starts again after a clear', () => {
    const store = new MessageStore({ maxMessages: 100 });
    const feed = new TopicTreeFeed(() => 'c', new EventBus());
    const append = (topic: string) => store.append({ time: 1, direction: 'in', topic, qos: 0, retain: false, dup: false, size: 1 }, new Uint8Array(1));
    for (let index = 0; index < 250; index++) append('a/b');
    feed.feedFrom(store);
    expect(feed.tree.get('a/b')?.count).toBe(100);
    store.clear();
    feed.clear();
    append('c');
    feed.feedFrom(store);
    expect([feed.tree.messageCount, feed.tree.get('a/b'), feed.tree.get('c')?.count]).toEqual([1, undefined, 1]);
    feed.dispose();
  });
});

describe('topic tree events', () => {
  it('tells of 5,000 messages in one event per interval, and of a clear at once', () => {
    vi.useFakeTimers();
    try {
      const bus = new EventBus();
      const events: EventEnvelope[] = [];
      bus.subscribe((envelope) => events.push(envelope));
      const feed = new TopicTreeFeed(() => 'connection-1', bus, 150);
      for (let index = 0; index < 5000; index++) feedOne(feed, message(`burst/${index % 10}`));
      expect(events).toHaveLength(0);
      vi.advanceTimersByTime(150);
      expect(events).toHaveLength(1);
      const first = events[0]?.payload as { connectionId: string; topics: string[]; overflow: boolean; reset: boolean };
      expect([first.connectionId, first.topics.length, first.overflow, first.reset]).toEqual(['connection-1', 10, false, false]);
      vi.advanceTimersByTime(1000);
      expect(events).toHaveLength(1);
      feedOne(feed, message('burst/0'));
      feed.clear();
      vi.advanceTimersByTime(1000);
      expect(events.map((envelope) => (envelope.payload as { reset: boolean }).reset)).toEqual([false, true]);
      expect(feed.tree.messageCount).toBe(0);
      feed.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});

/** The rows as shown, built the obvious way: a depth-first walk into every expanded node. */
function naiveRows(tree: TopicTree, expanded: ReadonlySet<string>): { topic: string; level: number; position: number }[] {
  const rows: { topic: string; level: number; position: number }[] = [];
  const walk = (node: TopicNode, level: number) => {
    node.sortedChildren().forEach((child, index) => {
      rows.push({ topic: child.topic, level, position: index + 1 });
      if (expanded.has(child.topic)) walk(child, level + 1);
    });
  };
  walk(tree.rootNode, 1);
  return rows;
}

describe('the tree as shown', () => {
  const tree = new TopicTree();
  for (let a = 0; a < 6; a++) {
    addTo(tree, message(`n${a}`));
    for (let b = 0; b < 7; b++) for (let c = 0; c < 5; c++) addTo(tree, message(`n${a}/m${b}/k${c}`));
  }
  addTo(tree, message('/lead'));

  it('gives any window of rows as a full walk would, with expanded nodes at several depths', () => {
    const expanded = new Set(['n1', 'n1/m0', 'n1/m6', 'n3', 'n3/m3', 'n5', '', 'n4/m2', 'n1/m6/k2', 'missing']);
    const shown = new ShownTree(tree, [...expanded]);
    const all = naiveRows(tree, new Set(['n1', 'n1/m0', 'n1/m6', 'n3', 'n3/m3', 'n5', '']));
    expect(shown.total).toBe(all.length);
    for (const [from, count] of [[0, all.length], [0, 5], [3, 9], [10, 40], [all.length - 3, 10], [all.length, 5], [17, 0]] as const) {
      const rows = shown.rows(from, count).map(({ topic, level, position }) => ({ topic, level, position }));
      expect(rows, `rows ${from}+${count}`).toEqual(all.slice(from, from + count));
    }
    for (let index = 0; index < all.length; index++) expect(shown.indexOf(all[index]?.topic as string)).toBe(index);
    // n4 is collapsed, so n4/m2 is not shown even though it is in the expanded list.
    expect(shown.indexOf('n4/m2/k1')).toBeUndefined();
    expect(shown.rows(0, all.length).find((row) => row.topic === 'n4')?.expanded).toBe(false);
    expect(shown.rows(0, all.length).find((row) => row.topic === 'n3')?.expanded).toBe(true);
  });

  it('handles 50,000 children of one node without listing them all', () => {
    const big = new TopicTree();
    for (let index = 0; index < 50_000; index++) addTo(big, message(`big/t${index}`));
    const shown = new ShownTree(big, ['big']);
    expect(shown.total).toBe(50_001);
    expect(shown.rows(40_000, 3).map((row) => [row.topic, row.position, row.siblings])).toEqual([
      ['big/t39999', 40_000, 50_000],
      ['big/t40000', 40_001, 50_000],
      ['big/t40001', 40_002, 50_000],
    ]);
    expect(shown.indexOf('big/t49999')).toBe(50_000);
  });
});

/** The tree takes the id apart from the message; tests build both together. */
function addTo(tree: TopicTree, message: TreeMessage): void {
  tree.add(message.id, message);
}

function feedOne(feed: { add(id: number, message: TreeMessage): void }, message: TreeMessage): void {
  feed.add(message.id, message);
}
