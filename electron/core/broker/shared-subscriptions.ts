import type { AedesPublishPacket, Client } from 'aedes';
import type { ISubscription } from 'mqtt-packet';
import { text, type BrokerText } from '../../../shared/broker/broker-text';
import type { BrokerSharedGroupView } from '../../../shared/domain/broker';
import { topicMatches } from '../../../shared/mqtt/topics';
import { deliverAsSubscription } from './aedes-internals';
import { deliverWithGrantedQos } from './granted-qos';

/**
 * Shared subscriptions (MQTT 5.0 §4.8.2), which aedes 2.0.0-beta.1 does not have (moscajs/aedes#449):
 * the wire takes `$share/{group}/{filter}` out of SUBSCRIBE and UNSUBSCRIBE and keeps them here, and
 * every message aedes publishes goes to one connected member of each matching group, in turn (as
 * mosquitto 2.0.11 does), through aedes' own delivery so QoS flows, packet ids and in-flight
 * tracking stay aedes'. aedes never sees the group, so none of its subscription logic (retained
 * messages on subscribe, one delivery per client) applies to it.
 */

interface Member {
  clientId: string;
  qos: 0 | 1 | 2;
  retainAsPublished: boolean;
  subscriptionIdentifier: number | undefined;
}

/** A QoS 1 or 2 message given to a member, until the member acknowledges it. */
interface Pending {
  groupKey: string;
  published: AedesPublishPacket;
}

/** A delivery as the wire saw it go to the client, to match it against what the group gave the client. */
export interface SentDelivery {
  topic: string;
  /** mqtt-packet's type allows a string; its parser always gives a Buffer. */
  payload: string | Buffer;
}

interface Group {
  name: string;
  filter: string;
  members: Member[];
  /** Index into members of the next to try: round robin. */
  next: number;
}

/** SUBACK reason codes (MQTT 5 §3.9.3) and the MQTT 3.1.1 failure. */
const UNSPECIFIED_ERROR = 0x80;
const NO_SUBSCRIPTION_EXISTED = 0x11;
const SUCCESS = 0x00;

/** What is wrong with a `$share/…` filter as the wire received it, or undefined when it is well formed. */
export function sharedFilterProblem(topic: string): BrokerText | undefined {
  const rest = topic.slice(SHARE_PREFIX.length);
  const slash = rest.indexOf('/');
  const name = slash < 0 ? rest : rest.slice(0, slash);
  if (name === '') return text('broker.wire.shareNameEmpty', { topic });
  if (name.includes('+') || name.includes('#')) return text('broker.wire.shareNameWildcard', { topic });
  if (slash < 0 || slash === rest.length - 1) return text('broker.wire.shareNoFilter', { topic });
  return undefined;
}

export const SHARE_PREFIX = '$share/';

export function isShared(topic: string): boolean {
  return topic.startsWith(SHARE_PREFIX);
}

/** The group name and the filter of a well-formed `$share/{group}/{filter}`. */
function split(topic: string): { name: string; filter: string } {
  const rest = topic.slice(SHARE_PREFIX.length);
  const slash = rest.indexOf('/');
  return { name: rest.slice(0, slash), filter: rest.slice(slash + 1) };
}

export class SharedSubscriptions {
  /** By the whole `$share/{group}/{filter}`. */
  private readonly groups = new Map<string, Group>();
  /** By client id: QoS 1 and 2 messages a group gave the member that it has not acknowledged, oldest first. */
  private readonly pending = new Map<string, Pending[]>();

  constructor(
    /** The connected client of that id, or undefined while it is away. */
    private readonly connected: (clientId: string) => Client | undefined,
    /** Queues a message for a member that is away with a kept session, as aedes queues for its subscriptions. */
    private readonly queueForAway: (clientId: string, packet: AedesPublishPacket) => void,
  ) {}

  get empty(): boolean {
    return this.groups.size === 0;
  }

  /** Adds or updates the client's membership; answers the granted QoS (the SUBACK code). */
  subscribe(clientId: string, subscription: ISubscription, subscriptionIdentifier: number | undefined): number {
    const key = subscription.topic;
    let group = this.groups.get(key);
    if (!group) {
      group = { ...split(key), members: [], next: 0 };
      this.groups.set(key, group);
    }
    const member: Member = { clientId, qos: subscription.qos, retainAsPublished: subscription.rap === true, subscriptionIdentifier };
    const index = group.members.findIndex((each) => each.clientId === clientId);
    if (index < 0) group.members.push(member);
    else group.members[index] = member;
    return subscription.qos;
  }

  /** Answers the UNSUBACK code: 0x00 when the client was a member, 0x11 when it was not. */
  unsubscribe(clientId: string, topic: string): number {
    const group = this.groups.get(topic);
    const index = group ? group.members.findIndex((each) => each.clientId === clientId) : -1;
    if (!group || index < 0) return NO_SUBSCRIPTION_EXISTED;
    this.removeAt(topic, group, index);
    return SUCCESS;
  }

  /** The member acknowledged a delivery: if a group gave it, it is the group's concern no more. */
  acknowledged(clientId: string, delivery: SentDelivery): void {
    const list = this.pending.get(clientId);
    const index = list ? findPending(list, delivery) : -1;
    if (list && index >= 0) list.splice(index, 1);
  }

  /**
   * The member's session ended with these deliveries unacknowledged: those a group gave it go to
   * another connected member of the group (MQTT 5.0 §4.8.2: the Server SHOULD), as new messages.
   * mosquitto 2.0.11 drops them. Then the member is forgotten.
   */
  handOver(clientId: string, unacknowledged: readonly SentDelivery[]): void {
    const list = this.pending.get(clientId);
    this.forget(clientId);
    if (!list) return;
    for (const delivery of unacknowledged) {
      const index = findPending(list, delivery);
      if (index < 0) continue;
      const [{ groupKey, published }] = list.splice(index, 1) as [Pending];
      const group = this.groups.get(groupKey);
      const chosen = group ? this.nextConnected(group) : undefined;
      if (group && chosen) this.deliverTo(groupKey, chosen.client, chosen.member, published);
    }
  }

  /** The client's session ended (or a new one started clean): it is in no group any more. */
  forget(clientId: string): void {
    this.pending.delete(clientId);
    for (const [key, group] of this.groups) {
      const index = group.members.findIndex((each) => each.clientId === clientId);
      if (index >= 0) this.removeAt(key, group, index);
    }
  }

  /**
   * Gives the message to one member of each group whose filter matches its topic, in turn. A member
   * away with a kept session takes its turn too and gets a QoS 1 or 2 message queued, as mosquitto
   * 2.0.11 does; a QoS 0 message goes to the next connected member instead.
   */
  deliver(packet: AedesPublishPacket): void {
    if (this.groups.size === 0) return;
    for (const [key, group] of this.groups) {
      if (!topicMatches(group.filter, packet.topic)) continue;
      const count = group.members.length;
      for (let tried = 0; tried < count; tried++) {
        const index = (group.next + tried) % count;
        const member = group.members[index];
        if (!member) continue;
        const client = this.connected(member.clientId);
        const away = !client || client.closed;
        if (away && (packet.qos === 0 || member.qos === 0)) continue;
        group.next = (index + 1) % count;
        if (away) this.queueForAway(member.clientId, copyFor(member, packet));
        else this.deliverTo(key, client, member, packet);
        break;
      }
    }
  }

  /** The client's memberships as the filters it subscribed with. */
  filtersOf(clientId: string): { filter: string; qos: number }[] {
    const filters: { filter: string; qos: number }[] = [];
    for (const [key, group] of this.groups) {
      const member = group.members.find((each) => each.clientId === clientId);
      if (member) filters.push({ filter: key, qos: member.qos });
    }
    return filters;
  }

  views(): BrokerSharedGroupView[] {
    return [...this.groups.values()].map((group) => ({
      group: group.name,
      filter: group.filter,
      members: group.members.map((member) => ({ clientId: member.clientId, qos: member.qos, connected: this.connected(member.clientId) !== undefined })),
    }));
  }

  private deliverTo(groupKey: string, client: Client, member: Member, published: AedesPublishPacket): void {
    if (published.qos > 0 && member.qos > 0) {
      let list = this.pending.get(member.clientId);
      if (!list) {
        list = [];
        this.pending.set(member.clientId, list);
      }
      list.push({ groupKey, published });
    }
    deliverTo(client, member, published);
  }

  private nextConnected(group: Group): { member: Member; client: Client } | undefined {
    const count = group.members.length;
    for (let tried = 0; tried < count; tried++) {
      const index = (group.next + tried) % count;
      const member = group.members[index];
      const client = member ? this.connected(member.clientId) : undefined;
      if (member && client && !client.closed) {
        group.next = (index + 1) % count;
        return { member, client };
      }
    }
    return undefined;
  }

  private removeAt(key: string, group: Group, index: number): void {
    group.members.splice(index, 1);
    if (group.next > index) group.next--;
    if (group.members.length === 0) this.groups.delete(key);
    else group.next %= group.members.length;
  }
}

/** The SUBACK code for a `$share` filter the client may not use (MQTT 3.1.1 has only 0x80). */
export const SHARED_REFUSED = UNSPECIFIED_ERROR;

function findPending(list: Pending[], delivery: SentDelivery): number {
  const payload = asBuffer(delivery.payload);
  return list.findIndex(({ published }) => published.topic === delivery.topic && payload.equals(asBuffer(published.payload)));
}

function asBuffer(payload: string | Buffer): Buffer {
  return typeof payload === 'string' ? Buffer.from(payload) : payload;
}

/** The message as this member gets it: its QoS, its subscription identifier, its Retain As Published. */
function copyFor(member: Member, published: AedesPublishPacket): AedesPublishPacket {
  const qos = Math.min(published.qos, member.qos) as 0 | 1 | 2;
  // aedes' Packet copies what it knows, and brokerId/brokerCounter absent mean "not a duplicate".
  const { topicAlias: _alias, subscriptionIdentifier: _identifier, ...properties } = (published.properties ?? {}) as NonNullable<AedesPublishPacket['properties']> & { topicAlias?: number; subscriptionIdentifier?: unknown };
  if (member.subscriptionIdentifier !== undefined) Object.assign(properties, { subscriptionIdentifier: member.subscriptionIdentifier });
  return {
    cmd: 'publish',
    topic: published.topic,
    payload: published.payload,
    qos,
    retain: member.retainAsPublished && published.retain,
    dup: false,
    properties,
  } as unknown as AedesPublishPacket;
}

function deliverTo(client: Client, member: Member, published: AedesPublishPacket): void {
  const packet = copyFor(member, published);
  deliverWithGrantedQos(packet.qos, () => deliverAsSubscription(client, packet));
}
