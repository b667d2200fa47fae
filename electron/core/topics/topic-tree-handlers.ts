import { msg } from '../../../shared/i18n';
import { checkTopicName } from '../../../shared/mqtt/topics';
import type { Router } from '../../ipc/router';
import { AppError } from '../app-error';
import type { Connection } from '../connections/connection';
import type { Session } from '../sessions/session';
import type { SessionDirectory } from '../sessions/session';
import { ShownTree } from './topic-tree-rows';

/** Deletions in flight at once: enough to be quick, few enough not to flood the broker's inflight window. */
const CLEAR_CONCURRENCY = 50;

/** The topic tree requests: reading the tree as shown, and deleting retained messages from it. */
export function registerTopicTreeHandlers(router: Router, sessions: SessionDirectory): void {
  router.handle('topics.rows', ({ connectionId, expanded, from, count, locate }) => {
    const tree = currentTree(sessions.get(connectionId));
    const shown = new ShownTree(tree, expanded);
    const result: { total: number; rows: ReturnType<ShownTree['rows']>; located?: number; topicCount: number; messageCount: number } = {
      total: shown.total,
      rows: shown.rows(from, count),
      topicCount: tree.topicCount,
      messageCount: tree.messageCount,
    };
    if (locate !== undefined) {
      const located = shown.indexOf(locate);
      if (located !== undefined) result.located = located;
    }
    return result;
  });
  router.handle('topics.node', ({ connectionId, topic }) => {
    const tree = currentTree(sessions.get(connectionId));
    const node = tree.get(topic);
    return { node: node ? node.view(tree.previewOf) : null };
  });
  router.handle('topics.retainedUnder', ({ connectionId, topic, recursive }) => {
    const node = currentTree(sessions.get(connectionId)).get(topic);
    if (!node) return { count: 0 };
    return { count: recursive ? node.retainedCount : Number(node.retained) };
  });
  router.handle('topics.clearRetained', async ({ connectionId, topic, recursive }) => {
    const connection = sessions.live(connectionId);
    const node = currentTree(connection).get(topic);
    let targets: string[];
    if (recursive) {
      targets = node ? connection.topics.tree.retainedTopics(node, true) : [];
    } else {
      // A single topic is cleared even when unmarked: the broker may hold a retained message the tree never saw.
      const check = checkTopicName(topic);
      if (!check.ok) throw new AppError('invalid_input', msg('topics.clearRetained.invalidTopic', undefined, { problem: check.text }));
      targets = [topic];
    }
    await clearRetained(connection, targets);
    return { cleared: targets.length };
  });
}

/** The tree with every stored message fed in: it is otherwise fed in batches, up to 50 ms behind the store. */
function currentTree(connection: Session) {
  connection.topics.feedFrom(connection.store);
  return connection.topics.tree;
}

async function clearRetained(connection: Connection, topics: readonly string[]): Promise<void> {
  const empty = new Uint8Array(0);
  for (let start = 0; start < topics.length; start += CLEAR_CONCURRENCY) {
    await Promise.all(topics.slice(start, start + CLEAR_CONCURRENCY).map((topic) => connection.publish(topic, empty, 1, true)));
  }
}
