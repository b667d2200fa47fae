/**
 * Where the stage draws things: one lane per actor with the broker's lane in the middle, and one row
 * per packet, in trace order, with a heading row where a new step begins. Pure (no DOM), so the
 * React diagram and the SVG export draw the same picture, and it can be tested on its own.
 */
import { translator, type Translator } from '../../../shared/i18n';
import type { TraceConnectionEvent, TracePacket } from '../../../shared/lessons/lesson-trace';

export const BROKER_LANE = 'broker';

export interface StageMetrics {
  /** Space between neighbouring lanes, in px. */
  laneGap: number;
  /** Height of one packet row. */
  rowHeight: number;
  /** Height of the lane names at the top. */
  headerHeight: number;
  /** Empty space left and right of the outer lanes. */
  margin: number;
  fontSize: number;
}

export const NORMAL_METRICS: StageMetrics = { laneGap: 240, rowHeight: 36, headerHeight: 52, margin: 90, fontSize: 13 };
export const LARGE_METRICS: StageMetrics = { laneGap: 340, rowHeight: 50, headerHeight: 68, margin: 150, fontSize: 19 };

export interface Lane {
  name: string;
  x: number;
  broker: boolean;
}

/** Actors split around the broker: the first half on the left, the rest on the right. */
export function laneOrder(actors: readonly string[]): string[] {
  const left = Math.ceil(actors.length / 2);
  return [...actors.slice(0, left), BROKER_LANE, ...actors.slice(left)];
}

export function lanePositions(actors: readonly string[], metrics: StageMetrics): Lane[] {
  return laneOrder(actors).map((name, index) => ({ name, x: metrics.margin + index * metrics.laneGap, broker: name === BROKER_LANE }));
}

export interface ArrowGeometry {
  x1: number;
  x2: number;
  y: number;
  /** The arrow head's triangle as an SVG points list, pointing towards x2. */
  head: string;
  /** Where the label sits (the middle of the shaft, above it). */
  labelX: number;
  labelY: number;
}

const HEAD_LENGTH = 10;
const HEAD_HALF_WIDTH = 5;

export function arrowGeometry(x1: number, x2: number, y: number, fontSize: number): ArrowGeometry {
  const direction = x2 >= x1 ? 1 : -1;
  const base = x2 - direction * HEAD_LENGTH;
  const head = `${x2},${y} ${base},${y - HEAD_HALF_WIDTH} ${base},${y + HEAD_HALF_WIDTH}`;
  return { x1, x2, y, head, labelX: (x1 + x2) / 2, labelY: y - Math.round(fontSize * 0.5) };
}

/** English unless told: the exported SVG and the tests word the same functions as the stage. */
const english = translator('en');

/** The short words of an arrow: type, packet id, QoS, DUP, retain, reason code. */
export function packetLabel(packet: TracePacket, t: Translator = english): string {
  const parts: string[] = [packet.type];
  if (packet.packetId !== undefined) parts.push(t('lessons.stage.arrow.id', { id: String(packet.packetId) }));
  if (packet.qos !== undefined && packet.type === 'PUBLISH') parts.push(`QoS ${packet.qos}`);
  if (packet.dup) parts.push('DUP');
  if (packet.retain) parts.push(t('lessons.stage.arrow.retain'));
  if (packet.reasonCode !== undefined && packet.type !== 'PUBLISH') parts.push(`0x${packet.reasonCode.toString(16).padStart(2, '0').toUpperCase()}`);
  if (packet.dropped) parts.push(t('lessons.stage.arrow.dropped'));
  return parts.join(' · ');
}

/** The words a screen reader says for an arrow button. */
export function packetDescription(packet: TracePacket, t: Translator = english): string {
  const topic = packet.topic ? t('lessons.stage.arrow.topic', { topic: packet.topic }) : '';
  const payload = packet.payload !== undefined ? t('lessons.stage.arrow.payload', { payload: packet.payload }) : '';
  return t('lessons.stage.arrow.description', { type: packet.type, from: packet.from, to: packet.to, label: packetLabel(packet, t), topic, payload, dropped: packet.dropped ? 'yes' : 'no' });
}

/**
 * What the lanes draw: every packet an actor's client saw (it carries the reason code), and from the
 * broker's tap only the packets a fault dropped, as they never reached the actor. Against another
 * broker there is only the actor tap.
 */
export function drawnPackets(packets: readonly TracePacket[]): TracePacket[] {
  return packets.filter((packet) => packet.tap === 'actors' || packet.dropped === true);
}

export type StageRow =
  | { kind: 'step'; step: number; y: number }
  | { kind: 'packet'; packet: TracePacket; arrow: ArrowGeometry; y: number; dropped: boolean }
  | { kind: 'event'; event: TraceConnectionEvent; x: number; y: number; text: string; anchor: 'start' | 'end' };

export interface StageLayout {
  lanes: Lane[];
  rows: StageRow[];
  width: number;
  height: number;
  metrics: StageMetrics;
}

/** How far towards the actor a dropped broker → actor packet goes before it stops, as a share of the gap. */
const DROPPED_REACH = 0.35;

function eventText(event: TraceConnectionEvent, t: Translator): string {
  if (event.kind === 'connected') return t('lessons.stage.event.connected');
  const by = event.closedBy === 'broker' ? t('lessons.stage.event.closedByBroker') : t('lessons.stage.event.closed');
  // The reason is the connection's own words (a peer's reason string, an error), not translated here.
  const reason = event.reasonMessage ? t.msg(event.reasonMessage, event.reason) : event.reason;
  return reason ? t('lessons.stage.event.withReason', { what: by, reason }) : by;
}

/** Packets and connection events in time order, with a step heading row wherever the step changes. */
export function layoutStage(actors: readonly string[], packets: readonly TracePacket[], events: readonly TraceConnectionEvent[], metrics: StageMetrics, t: Translator = english): StageLayout {
  const lanes = lanePositions(actors, metrics);
  const laneX = new Map(lanes.map((lane) => [lane.name, lane.x]));
  const brokerX = laneX.get(BROKER_LANE) ?? metrics.margin;
  type Item = { time: number; order: number; step: number } & ({ packet: TracePacket } | { event: TraceConnectionEvent });
  const items: Item[] = [
    ...drawnPackets(packets).map((packet, order) => ({ time: packet.time, order, step: packet.step, packet })),
    // Connections opening are plain to see from CONNECT/CONNACK; only the closes get their own row.
    ...events.filter((event) => event.kind === 'closed' && laneX.has(event.actor)).map((event, order) => ({ time: event.time, order: 100_000 + order, step: event.step, event })),
  ];
  items.sort((a, b) => a.time - b.time || a.order - b.order);

  const rows: StageRow[] = [];
  let y = metrics.headerHeight;
  let step: number | undefined;
  for (const item of items) {
    if (item.step !== step) {
      step = item.step;
      y += metrics.rowHeight;
      rows.push({ kind: 'step', step: item.step, y });
    }
    y += metrics.rowHeight;
    if ('packet' in item) {
      const { packet } = item;
      const fromX = laneX.get(packet.from) ?? brokerX;
      const toX = laneX.get(packet.to) ?? brokerX;
      const dropped = packet.dropped === true;
      // A dropped packet never leaves the broker: an actor's packet arrives and stops there, the
      // broker's own stops a short way out, where the mark shows it went no further.
      const endX = dropped && packet.from === BROKER_LANE ? brokerX + (toX - brokerX) * DROPPED_REACH : toX;
      rows.push({ kind: 'packet', packet, arrow: arrowGeometry(fromX, endX, y, metrics.fontSize), y, dropped });
    } else {
      // Written from the actor's lane towards the broker: the row is its own, and the outer side has no room.
      const x = laneX.get(item.event.actor) ?? brokerX;
      rows.push({ kind: 'event', event: item.event, x: x > brokerX ? x - 8 : x + 8, y, text: eventText(item.event, t), anchor: x > brokerX ? 'end' : 'start' });
    }
  }
  const lastX = lanes.at(-1)?.x ?? metrics.margin;
  return { lanes, rows, width: lastX + metrics.margin, height: y + metrics.rowHeight, metrics };
}

/** The name shown on a lane: "Broker" for the broker's own. */
export function laneTitle(lane: Lane, t: Translator = english): string {
  return lane.broker ? t('lessons.stage.brokerLane') : lane.name;
}
