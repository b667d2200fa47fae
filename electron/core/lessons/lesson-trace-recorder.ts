import type { Packet } from 'mqtt-packet';
import type { BrokerPacketRow } from '../../../shared/domain/broker';
import type { PacketType } from '../../../shared/lessons/lesson-format';
import type { TraceConnectionEvent, TracePacket } from '../../../shared/lessons/lesson-trace';
import type { BrokerService } from '../broker/broker-service';
import { monotonicMs } from '../broker/wire/monotonic-clock';
import type { Connection } from '../connections/connection';
import { packetBytes, packetRow } from '../packets/packet-log';
import type { PacketProtocolVersion } from '../packets/packet-log';
import type { TappedPacket } from '../packets/packet-tap';

const PAYLOAD_TEXT_CHARS = 200;
const BROKER_PAGE = 5000;

interface TappedByActor {
  actor: string;
  connectionId: string;
  protocolVersion: PacketProtocolVersion;
  tapped: TappedPacket;
  step: number;
}

/**
 * The trace of one lesson run: the actors' taps, read as packets arrive, and the lesson broker's
 * packet log, read when the trace is brought up to date. Actor packets are converted only then,
 * because MQTT.js reports a sent packet just before its bytes are written.
 */
export class LessonTraceRecorder {
  readonly packets: TracePacket[] = [];
  readonly events: TraceConnectionEvent[] = [];
  private waiting: TappedByActor[] = [];
  private brokerSeq: number;
  private readonly detach: (() => void)[] = [];
  /** The step packets are counted to; set by the runner before each step or try-it runs. */
  step = -1;

  constructor(
    private readonly startedAt: number,
    private readonly broker: BrokerService | undefined,
    /** Broker client id → actor name. */
    private readonly actorOfClient: (clientId: string) => string | undefined,
  ) {
    // The lesson broker's log counts on across restarts: start after what it holds now.
    this.brokerSeq = broker ? lastSeqOf(broker) : 0;
  }

  /** ms since the run started, on the taps' clock. */
  now(): number {
    return monotonicMs() - this.startedAt;
  }

  watch(actor: string, connection: Connection, protocolVersion: PacketProtocolVersion): void {
    this.detach.push(connection.tap.onPacket((tapped) => this.waiting.push({ actor, connectionId: connection.id, protocolVersion, tapped, step: this.step })));
  }

  event(event: Omit<TraceConnectionEvent, 'time' | 'step'>): void {
    this.events.push({ ...event, time: this.now(), step: this.step });
  }

  /** Converts what arrived since the last call and appends it in time order; returns how many were added. */
  sync(): number {
    const added: Omit<TracePacket, 'index'>[] = this.waiting.map((entry) => this.fromActor(entry));
    this.waiting = [];
    if (this.broker) {
      for (;;) {
        const page = this.broker.packetsAfter(this.brokerSeq, BROKER_PAGE);
        for (const row of page.packets) added.push(this.fromBroker(row));
        this.brokerSeq = page.lastSeq;
        if (page.packets.length < BROKER_PAGE) break;
      }
    }
    added.sort((left, right) => left.time - right.time);
    for (const packet of added) this.packets.push({ ...packet, index: this.packets.length });
    return added.length;
  }

  close(): void {
    for (const detach of this.detach.splice(0)) detach();
  }

  private fromActor({ actor, connectionId, protocolVersion, tapped, step }: TappedByActor): Omit<TracePacket, 'index'> {
    const packet = tapped.packet as Packet;
    let bytes: Uint8Array | undefined;
    try {
      bytes = packetBytes(tapped, protocolVersion).bytes;
    } catch {
      bytes = undefined;
    }
    const row = packetRow(tapped, bytes?.length ?? 0);
    const sent = tapped.direction === 'sent';
    const trace: Omit<TracePacket, 'index'> = {
      step,
      time: tapped.monotonicMs - this.startedAt,
      wallTime: tapped.wallTime,
      tap: 'actors',
      actor,
      from: sent ? actor : 'broker',
      to: sent ? 'broker' : actor,
      type: row.cmd.toUpperCase() as PacketType,
      size: row.size,
      ref: { source: 'client', connectionId, seq: tapped.seq },
    };
    // MQTT.js gives a QoS 0 PUBLISH packet id 0; packet ids start at 1.
    if (row.packetId !== undefined && row.packetId > 0) trace.packetId = row.packetId;
    if (row.qos !== undefined) trace.qos = row.qos;
    if (row.dup !== undefined) trace.dup = row.dup;
    if (row.retain !== undefined) trace.retain = row.retain;
    if (row.topic !== undefined) trace.topic = row.topic === '' && tapped.topicAlias ? tapped.topicAlias.topic : row.topic;
    if (row.reasonCode !== undefined) trace.reasonCode = row.reasonCode;
    if (packet.cmd === 'connack') trace.sessionPresent = packet.sessionPresent;
    // A SUBACK's codes are its granted list: with one filter, that one is the packet's reason code.
    if (packet.cmd === 'suback' && trace.reasonCode === undefined && packet.granted.length === 1 && typeof packet.granted[0] === 'number') trace.reasonCode = packet.granted[0];
    if (tapped.topicAlias) trace.topicAlias = { alias: tapped.topicAlias.alias, form: tapped.topicAlias.form, bytesSaved: tapped.topicAlias.bytesSaved };
    if (bytes) trace.remainingLengthBytes = remainingLengthBytes(bytes);
    if (packet.cmd === 'publish') {
      const payload = Buffer.from(packet.payload);
      trace.payload = payload.toString('utf8', 0, Math.min(payload.length, PAYLOAD_TEXT_CHARS * 4)).slice(0, PAYLOAD_TEXT_CHARS);
      trace.payloadBytes = payload.length;
    }
    const properties = (packet as { properties?: Record<string, unknown> }).properties;
    if (properties && Object.keys(properties).length > 0) trace.properties = jsonSafe(properties);
    return trace;
  }

  private fromBroker(row: BrokerPacketRow): Omit<TracePacket, 'index'> {
    const actor = this.actorOfClient(row.clientId) ?? '';
    const party = actor === '' ? row.clientId || '?' : actor;
    const trace: Omit<TracePacket, 'index'> = {
      step: this.step,
      time: row.monotonicMs - this.startedAt,
      wallTime: row.time,
      tap: 'broker',
      actor,
      from: row.direction === 'in' ? party : 'broker',
      to: row.direction === 'in' ? 'broker' : party,
      type: row.cmd.toUpperCase() as PacketType,
      size: row.size,
      ref: { source: 'lesson-broker', seq: row.seq },
    };
    if (row.messageId !== undefined) trace.packetId = row.messageId;
    if (row.qos !== undefined) trace.qos = row.qos;
    if (row.dup !== undefined) trace.dup = row.dup;
    if (row.retain !== undefined) trace.retain = row.retain;
    if (row.topic !== undefined) trace.topic = row.topic;
    if (row.fault !== undefined) {
      trace.fault = row.fault;
      trace.dropped = / dropped/.test(row.fault);
    }
    return trace;
  }
}

function lastSeqOf(broker: BrokerService): number {
  let seq = 0;
  for (;;) {
    const page = broker.packetsAfter(seq, BROKER_PAGE);
    seq = page.lastSeq;
    if (page.packets.length < BROKER_PAGE) return seq;
  }
}

/** How many bytes the Remaining Length took: the bytes after the first, up to the one without its high bit. */
export function remainingLengthBytes(bytes: Uint8Array): number {
  let count = 0;
  for (let at = 1; at < bytes.length && count < 4; at++) {
    count++;
    if (((bytes[at] ?? 0) & 0x80) === 0) break;
  }
  return count;
}

function jsonSafe(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value, (_key, each: unknown) => (isBufferJson(each) ? Buffer.from(each.data).toString('utf8') : each))) as Record<string, unknown>;
}

function isBufferJson(value: unknown): value is { type: 'Buffer'; data: number[] } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data);
}
