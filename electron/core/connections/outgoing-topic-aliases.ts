import type { TopicAliasRequest } from '../../../shared/mqtt/publish-options';
import { checkTopicAlias } from '../../../shared/mqtt/publish-options';
import { AppError } from '../app-error';

/** How one PUBLISH carries its topic: in full with the alias (which sets it up), or as the alias alone. */
export interface AliasedTopic {
  /** The topic name field as sent: empty when the alias stands for it. */
  topic: string;
  alias: number;
  form: 'topic-and-alias' | 'alias-only';
}

/**
 * The topic aliases this client has set up with the broker on the current network connection
 * (MQTT 5 §3.3.2.3.4). They mirror MQTT.js's own `topicAliasSend`, which is rebuilt from each CONNACK
 * and learns an alias from every PUBLISH that carries topic and alias: so an alias-only PUBLISH we
 * hand it is one it can resolve when it stores a QoS 1/2 message for resending (with the topic in
 * full, since aliases do not outlive the connection). Our own copy decides the form and gives the
 * history the topic of an alias-only PUBLISH, which the packet itself no longer names.
 *
 * Automatic aliases take the lowest free number, then the least recently used one when all are
 * taken (as MQTT.js's autoAssignTopicAlias does).
 */
export class OutgoingTopicAliases {
  private maximum = 0;
  private readonly topicByAlias = new Map<number, string>();
  /** Insertion order is recency of use: the first entry is the least recently used. */
  private readonly aliasByTopic = new Map<string, number>();

  /** A new network connection: no alias is known, and the broker's new maximum applies. */
  reset(brokerMaximum: number | undefined): void {
    this.maximum = brokerMaximum ?? 0;
    this.topicByAlias.clear();
    this.aliasByTopic.clear();
  }

  get brokerMaximum(): number {
    return this.maximum;
  }

  /** Decides how `topic` goes out and records what the broker will know once it has. */
  choose(topic: string, request: TopicAliasRequest): AliasedTopic {
    const alias = request.mode === 'manual' ? request.alias : (this.aliasByTopic.get(topic) ?? this.freeAlias());
    const check = checkTopicAlias(alias, this.maximum);
    if (!check.ok) throw new AppError('invalid_input', check.message);
    const known = this.topicByAlias.get(alias) === topic;
    if (!known) this.learn(topic, alias);
    this.touch(topic, alias);
    return known ? { topic: '', alias, form: 'alias-only' } : { topic, alias, form: 'topic-and-alias' };
  }

  /** The topic a sent PUBLISH stands for: its own, or the one its alias was set up with. */
  topicOf(topic: string, alias: number | undefined): string {
    if (topic.length > 0 || alias === undefined) return topic;
    return this.topicByAlias.get(alias) ?? topic;
  }

  private learn(topic: string, alias: number): void {
    const previous = this.topicByAlias.get(alias);
    if (previous !== undefined && this.aliasByTopic.get(previous) === alias) this.aliasByTopic.delete(previous);
    this.topicByAlias.set(alias, topic);
  }

  private touch(topic: string, alias: number): void {
    this.aliasByTopic.delete(topic);
    this.aliasByTopic.set(topic, alias);
  }

  private freeAlias(): number {
    if (this.maximum === 0) return 0;
    if (this.topicByAlias.size < this.maximum) {
      for (let alias = 1; alias <= this.maximum; alias++) if (!this.topicByAlias.has(alias)) return alias;
    }
    const leastRecent = this.aliasByTopic.values().next();
    return leastRecent.done ? 1 : leastRecent.value;
  }
}
