import { TopicTree } from '../../electron/core/topics/topic-tree';
import type { TreeMessage } from '../../electron/core/topics/topic-tree';
import { ShownTree } from '../../electron/core/topics/topic-tree-rows';
import type { MessageRow } from '../../shared/domain/message';

const TOPICS = 50_000;
/** Rows a virtualized tree asks for at a time: a screenful and some overscan. */
const WINDOW = 60;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function median(runs: number[]): number {
  const sorted = [...runs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function rowFor(id: number, topic: string): MessageRow {
  return { id, time: Date.now(), direction: 'in', topic, qos: 0, retain: id % 10 === 0, dup: false, size: 4, preview: `${id % 1000}` };
}

/**
 * The topic tree at 50,000 distinct topics, all children of one node (the worst case for a
 * list of siblings): time to insert them, to add messages to topics already known, and to answer
 * a window of rows of the expanded big node, both fresh after new children and when nothing changed.
 */
export function topicTreeScale() {
  const topics = Array.from({ length: TOPICS }, (_, index) => `fleet/device${index}`);
  const tree = new TopicTree();
  let id = 1;
  const insertStart = performance.now();
  for (const topic of topics) addTo(tree, rowFor(id++, topic));
  const insertMs = performance.now() - insertStart;

  // Known topics: the steady state of a live system, one Map lookup and a walk up two levels.
  // The rows are built beforehand, as the store builds them anyway: only the tree's own cost is timed.
  const repeated: MessageRow[] = [];
  for (let round = 0; round < 4; round++) for (const topic of topics) repeated.push(rowFor(id++, topic));
  const repeatStart = performance.now();
  for (const row of repeated) addTo(tree, row);
  const repeatMs = performance.now() - repeatStart;

  // The first window after 50,000 new children pays for sorting them once.
  const firstStart = performance.now();
  const firstShown = new ShownTree(tree, ['fleet']);
  const firstRows = firstShown.rows(0, WINDOW);
  const firstWindowMs = performance.now() - firstStart;

  const windowRuns: number[] = [];
  for (let run = 0; run < 20; run++) {
    const from = Math.floor((run / 20) * TOPICS);
    const start = performance.now();
    const shown = new ShownTree(tree, ['fleet']);
    shown.rows(from, WINDOW);
    void shown.total;
    windowRuns.push(performance.now() - start);
  }

  // New children arriving under the expanded node between two windows: merged, not fully re-sorted.
  for (let index = 0; index < 100; index++) addTo(tree, rowFor(id++, `fleet/late${index}`));
  const mergeStart = performance.now();
  new ShownTree(tree, ['fleet']).rows(TOPICS / 2, WINDOW);
  const windowAfterNewChildrenMs = performance.now() - mergeStart;

  const locateStart = performance.now();
  const located = new ShownTree(tree, ['fleet']).indexOf('fleet/device49999');
  const locateMs = performance.now() - locateStart;

  return {
    topics: TOPICS,
    messages: id - 1,
    insertNewTopicsMs: round(insertMs),
    insertNewTopicsPerSecond: Math.round(TOPICS / (insertMs / 1000)),
    knownTopicMessagesPerSecond: Math.round(repeated.length / (repeatMs / 1000)),
    knownTopicNsPerMessage: Math.round((repeatMs * 1e6) / repeated.length),
    firstWindowMs: round(firstWindowMs),
    windowMedianMs: round(median(windowRuns)),
    windowAfterNewChildrenMs: round(windowAfterNewChildrenMs),
    locateMs: round(locateMs),
    checks: { rowsInFirstWindow: firstRows.length, totalRows: firstShown.total, locatedLast: located },
  };
}

/** The tree takes the id apart from the message; tests build both together. */
function addTo(tree: TopicTree, message: TreeMessage): void {
  tree.add(message.id, message);
}
