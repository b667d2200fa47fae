/** Requests of one feature, spread into `requests` in `contract.ts`. */
import { z } from 'zod';
import type { TopicNodeView, TopicTreeRow } from '../domain/topic-tree';
import { ConnectionRef } from '../schemas';

/** A node of the tree by its full topic. Not a TopicName: "" is the first level of topics that start with "/". */
const NodeTopic = z.string().max(65535);

export const topicTreeRequests = {
  /**
   * Rows [from, from + count) of the tree as shown with these nodes expanded, and how many rows
   * there are: the renderer virtualizes over this, so a node with 50,000 children costs it one window.
   * locate: a node whose row index is wanted too (for keyboard moves to a parent), when it is shown.
   */
  'topics.rows': {
    input: ConnectionRef.extend({
      expanded: z.array(NodeTopic).max(10_000),
      from: z.number().int().min(0),
      count: z.number().int().min(0).max(1000),
      locate: NodeTopic.optional(),
    }),
    output: z.custom<{ total: number; rows: TopicTreeRow[]; located?: number; topicCount: number; messageCount: number }>(),
  },
  'topics.node': {
    input: ConnectionRef.extend({ topic: NodeTopic }),
    output: z.custom<{ node: TopicNodeView | null }>(),
  },
  /** How many topics marked retained a delete would clear: the node alone, or with its subtree. */
  'topics.retainedUnder': {
    input: ConnectionRef.extend({ topic: NodeTopic, recursive: z.boolean() }),
    output: z.object({ count: z.number() }),
  },
  /**
   * Deletes retained messages by publishing an empty retained payload: to the node's topic, or to
   * every topic marked retained in its subtree. Answers once the broker acknowledged each (QoS 1).
   */
  'topics.clearRetained': {
    input: ConnectionRef.extend({ topic: NodeTopic, recursive: z.boolean() }),
    output: z.object({ cleared: z.number() }),
  },
} as const;

export const topicTreeEvents = {
  /**
   * At most one per connection every ~150 ms while messages arrive: the topics that received
   * messages or changed their retained mark since the last one (at most 1,000; overflow says more
   * changed). reset: the history was cleared, and the tree with it.
   */
  'topics.changed': z.custom<{ connectionId: string; topics: string[]; overflow: boolean; reset: boolean }>(),
} as const;
