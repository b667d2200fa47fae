import type { BrokerPacketRow } from '../../../shared/domain/broker';
import type { FlowPath, FlowView } from '../../../shared/domain/flow';
import { english, msg, type Message } from '../../../shared/i18n';

const BROKER_LANE = 'broker';
/** Deliveries of one message leave the broker within this of its arrival, unless the next message came first. */
const DELIVERY_WINDOW_MS = 10_000;
/** Acknowledgements of one delivery, resends included, are looked for this long after it. */
const ACK_WINDOW_MS = 120_000;
/** The client tap stamps a packet when MQTT.js hands it over, the broker's when it reaches the wire. */
const CLOCK_SLACK_MS = 50;
const ackTypes = new Set(['puback', 'pubrec', 'pubrel', 'pubcomp']);

/**
 * One PUBLISH flow of a client of the in-process broker, followed through the broker's packet log:
 * the PUBLISH as the broker received it (from this client, or from the client whose message this
 * client received), its acknowledgements, and each delivery to a subscriber with theirs. The broker
 * tap stamps on the same monotonic clock as the client tap, so the packets order across both.
 */
export function flowPath(flow: FlowView, rows: readonly BrokerPacketRow[], clientId: string): FlowPath {
  const notes: Message[] = [];
  const first = flow.steps[0];
  if (flow.kind !== 'publish' || !first || flow.topic === undefined) {
    return withNotes([], [], [msg('timeline.path.onlyPublish')]);
  }
  const topic = flow.topic;
  const samePacket = (row: BrokerPacketRow) => row.cmd === 'publish' && row.topic === topic && (flow.qos === 0 || row.messageId === flow.packetId);
  let source: BrokerPacketRow | undefined;
  if (flow.origin === 'client') {
    source = rows.find((row) => row.direction === 'in' && row.clientId === clientId && samePacket(row) && row.monotonicMs >= first.monotonicMs - CLOCK_SLACK_MS);
  } else {
    // The delivery to this client, then the PUBLISH it was a copy of: the last on that topic before it.
    const delivery = findLast(rows, (row) => row.direction === 'out' && row.clientId === clientId && samePacket(row) && row.monotonicMs <= first.monotonicMs + CLOCK_SLACK_MS);
    if (delivery) source = findLast(rows, (row) => row.direction === 'in' && row.cmd === 'publish' && row.topic === topic && row.seq < delivery.seq);
    if (delivery && !source) notes.push(msg('timeline.path.noSource'));
  }
  if (!source) {
    if (notes.length === 0) notes.push(msg('timeline.path.noTrace'));
    return withNotes([], [], notes);
  }
  const publisher = source.clientId;
  const lanes = new Map<string, string>([[`client:${publisher}`, laneLabel(publisher, clientId)], [BROKER_LANE, 'broker']]);
  const steps: FlowPath['steps'] = [];
  const laneOf = (id: string) => `client:${id}`;
  const push = (row: BrokerPacketRow) => {
    const lane = laneOf(row.clientId);
    if (!lanes.has(lane)) lanes.set(lane, laneLabel(row.clientId, clientId));
    const step: FlowPath['steps'][number] = {
      ref: { source: 'broker', seq: row.seq },
      from: row.direction === 'in' ? lane : BROKER_LANE,
      to: row.direction === 'in' ? BROKER_LANE : lane,
      type: row.cmd.toUpperCase(),
      monotonicMs: row.monotonicMs,
    };
    if (row.messageId !== undefined) step.packetId = row.messageId;
    if (row.qos !== undefined) step.qos = row.qos;
    if (row.dup !== undefined) step.dup = row.dup;
    if (row.topic !== undefined) step.topic = row.topic;
    if (row.fault !== undefined) step.fault = row.fault;
    if (row.faultText !== undefined) step.faultText = row.faultText;
    steps.push(step);
  };
  const sourceIndex = rows.indexOf(source);
  push(source);
  if (source.messageId !== undefined) pushExchange(rows, sourceIndex, source, push);
  const next = rows.findIndex((row, index) => index > sourceIndex && row.direction === 'in' && row.clientId === publisher && row.cmd === 'publish' && row.topic === topic && !row.dup);
  const end = next === -1 ? rows.length : next;
  const delivered = new Set<string>();
  for (let index = sourceIndex + 1; index < end; index++) {
    const row = rows[index];
    if (!row || row.direction !== 'out' || row.cmd !== 'publish' || row.topic !== topic || row.dup) continue;
    if (row.monotonicMs - source.monotonicMs > DELIVERY_WINDOW_MS) break;
    // One delivery per subscriber: a resend of it is part of its exchange.
    if (delivered.has(row.clientId)) continue;
    delivered.add(row.clientId);
    push(row);
    if (row.messageId !== undefined) pushExchange(rows, index, row, push);
  }
  if (delivered.size === 0) notes.push(msg('timeline.path.noSubscriber'));
  steps.sort((a, b) => a.monotonicMs - b.monotonicMs);
  const ours = laneOf(clientId);
  const laneList: FlowPath['lanes'] = [...lanes].map(([id, label]) => {
    // Client ids are not ours to translate; the broker's lane and this client's mark are.
    if (id === BROKER_LANE) return { id, label, labelMessage: msg('timeline.diagram.broker') };
    if (id === ours) return { id, label, labelMessage: msg('timeline.path.thisClient', { id: clientId }) };
    return { id, label };
  });
  return withNotes(laneList, steps, notes);
}

/** The path with its notes both in English (tests, the CLI) and as Messages the screen words. */
function withNotes(lanes: FlowPath['lanes'], steps: FlowPath['steps'], notes: Message[]): FlowPath {
  return { lanes, steps, notes: notes.map((note) => english(note.key, note.params)), noteMessages: notes };
}

/** The acknowledgements and resends of the PUBLISH at `start`, until the exchange completes. */
function pushExchange(rows: readonly BrokerPacketRow[], start: number, publish: BrokerPacketRow, push: (row: BrokerPacketRow) => void): void {
  const qos = publish.qos ?? 0;
  for (let index = start + 1; index < rows.length; index++) {
    const row = rows[index];
    if (!row) continue;
    if (row.monotonicMs - publish.monotonicMs > ACK_WINDOW_MS) return;
    if (row.clientId !== publish.clientId || row.messageId !== publish.messageId) continue;
    const resend = row.cmd === 'publish' && row.direction === publish.direction && row.topic === publish.topic;
    if (!resend && !ackTypes.has(row.cmd)) continue;
    if (row.cmd === 'publish' && !resend) return;
    push(row);
    if ((qos === 1 && row.cmd === 'puback') || row.cmd === 'pubcomp') {
      if (!row.fault) return;
    }
  }
}

function laneLabel(id: string, ours: string): string {
  return id === ours ? english('timeline.path.thisClient', { id }) : id;
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index];
    if (item !== undefined && test(item)) return item;
  }
  return undefined;
}
