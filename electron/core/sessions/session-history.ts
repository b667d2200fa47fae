import type { EventBus } from '../event-bus';
import { HistoryNotifier } from '../messages/history-notifier';
import { MessageStore } from '../messages/message-store';
import type { MessageBudget } from '../messages/message-store';
import type { PacketLog } from '../packets/packet-log';
import { attachSparkplugFeed } from '../payload-decoders/sparkplug-feed';
import { TopicTreeFeed } from '../topics/topic-tree-feed';

export interface SessionHistory {
  store: MessageStore;
  topics: TopicTreeFeed;
  notifier: HistoryNotifier;
}

/**
 * A session's message history wired as every view expects, for a live connection and an opened
 * recording alike: each history update, and each eviction, first brings the topic tree up to date
 * from the store; the update then goes out as `messages.appended`; the tree's last values and the packet log's PUBLISH packets are
 * read from the store.
 */
export function createSessionHistory(id: string, bus: EventBus, budget: Partial<MessageBudget>, packets: PacketLog): SessionHistory {
  const store = new MessageStore(budget);
  const topics = new TopicTreeFeed(() => id, bus);
  const notifier = new HistoryNotifier(id, store, (update) => {
    topics.feedFrom(store);
    bus.emit('messages.appended', update);
  });
  // The tree counts every message, so it takes what the store is about to evict before it goes.
  store.onBeforeEvict(() => topics.feedFrom(store));
  attachSparkplugFeed(store);
  topics.tree.previewOf = (messageId) => store.get(messageId)?.row.preview;
  packets.messages = (messageId) => store.get(messageId);
  return { store, topics, notifier };
}
