/**
 * One node of a connection's topic tree as the renderer sees it: a level of the topic hierarchy
 * with what arrived on it and below it. Counts are of received messages since the history was last
 * cleared; the store evicting old messages does not lower them, since they count what arrived.
 */
export interface TopicNodeView {
  /** The full topic of this node: its levels joined by "/". The first-level node of "/a" is "". */
  topic: string;
  /** This level; may be empty ("a//b" has an empty middle level). */
  name: string;
  /** Received messages on exactly this topic. */
  count: number;
  /** Received messages on this topic and every topic below it. */
  subtreeCount: number;
  /** Distinct topics with at least one received message, this one included. */
  topicCount: number;
  childCount: number;
  /** The broker holds a retained message on this topic, as far as the messages seen tell. */
  retained: boolean;
  /** Topics marked retained in the subtree, this one included. */
  retainedCount: number;
  /**
   * The last received message on exactly this topic, when there was one. `evicted`: the history no
   * longer holds it, so there is no preview (empty) and the renderer says so in the user's language.
   */
  last?: { messageId: number; time: number; preview: string; size: number; evicted?: true };
}

/** A line of the tree as shown: a node at its depth in the list of expanded nodes. */
export interface TopicTreeRow extends TopicNodeView {
  /** 1 for first-level topics, as aria-level counts. */
  level: number;
  expanded: boolean;
  /** Position among its siblings, from 1, and how many siblings there are (aria-posinset, aria-setsize). */
  position: number;
  siblings: number;
}
