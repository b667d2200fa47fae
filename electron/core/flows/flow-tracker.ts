import type { Packet } from 'mqtt';
import type { FlowCounts, FlowFilter, FlowKind, FlowMark, FlowOrigin, FlowState, FlowStep, FlowView } from '../../../shared/domain/flow';
import { DEFAULT_WARN_AFTER_MS, isWarning } from '../../../shared/domain/flow';
import { english, englishOf, msg, type Message } from '../../../shared/i18n';
import { describeConnackMessage, describeReasonCodeMessage } from '../../../shared/mqtt/reason-codes';
import { topicMatches } from '../../../shared/mqtt/topics';
import { monotonicMs } from '../broker/wire/monotonic-clock';
import type { TappedPacket } from '../packets/packet-tap';

/**
 * Flows kept per connection before the oldest go. Measured (node 20): a lone QoS 0 flow costs about
 * 100 bytes, a QoS 2 flow with its four step records about 800, so at most ~80 MB a connection.
 */
export const DEFAULT_FLOW_CAPACITY = 100_000;
const MARK_LIMIT = 1000;
/** Packet ids of flows started by the broker live above this, so both sides' ids share one table. */
const BROKER_KEYS = 65536;
const RECEIVED = 1;
const DUP = 2;

/** A flow that is not a lone QoS 0 PUBLISH: its steps and where it stands. */
interface FlowRecord {
  flowId: number;
  kind: FlowKind;
  origin: FlowOrigin;
  packetId?: number;
  epoch: number;
  qos?: number;
  topic?: string;
  messageId?: number;
  state: FlowState;
  /** The packet type the flow waits for, while waiting. */
  expect?: string;
  /** Who is to send it. */
  expectFrom?: FlowOrigin;
  outcome?: string;
  outcomeMessage?: Message;
  steps: FlowStep[];
  /** Where it sits in the open table, to leave it when it ends. */
  key?: number;
}

export interface FlowTrackerOptions {
  capacity?: number;
  /** Monotonic ms on the tap's clock; tests move it by hand. */
  now?: () => number;
  protocolVersion?: 3 | 4 | 5;
}

const typeNames: Record<string, string> = {
  connect: 'CONNECT',
  connack: 'CONNACK',
  publish: 'PUBLISH',
  puback: 'PUBACK',
  pubrec: 'PUBREC',
  pubrel: 'PUBREL',
  pubcomp: 'PUBCOMP',
  subscribe: 'SUBSCRIBE',
  suback: 'SUBACK',
  unsubscribe: 'UNSUBSCRIBE',
  unsuback: 'UNSUBACK',
  pingreq: 'PINGREQ',
  pingresp: 'PINGRESP',
  disconnect: 'DISCONNECT',
  auth: 'AUTH',
};

/**
 * Groups one connection's tapped packets into flows. Every flow has a place in a ring of columns;
 * a lone QoS 0 PUBLISH (every message of a QoS 0 stream, the hot case) lives there alone, as a few
 * numbers and a topic reference, and its view is built only when asked for. Other flows get a small
 * record with one step object per packet. Flows still waiting are found by packet id in a table
 * keyed by side and id; ids are reused, so each (side, id) counts its epochs.
 */
export class FlowTracker {
  /** Off for measurements of what tracking costs; packets are then not looked at. */
  enabled = true;
  readonly capacity: number;
  private lastFlowId = 0;
  private evictedCount = 0;
  private waitingCount = 0;
  private readonly now: () => number;
  // Columns grow by doubling up to the capacity, so an idle connection does not hold megabytes.
  private startTimes = new Float64Array(0);
  private wallTimes = new Float64Array(0);
  private seqs = new Float64Array(0);
  private messageIds = new Float64Array(0);
  private flags = new Uint8Array(0);
  private readonly topics: (string | undefined)[] = [];
  private readonly records: (FlowRecord | undefined)[] = [];
  /** Waiting PUBLISH, SUBSCRIBE and UNSUBSCRIBE flows by side and packet id. */
  private readonly open = new Map<number, FlowRecord>();
  private readonly epochs = new Uint32Array(BROKER_KEYS * 2);
  private connectFlow: FlowRecord | undefined;
  private pingFlow: FlowRecord | undefined;
  private authFlow: FlowRecord | undefined;
  private everConnected = false;
  private readonly marks: FlowMark[] = [];
  protocolVersion: 3 | 4 | 5;
  /** Called after any change, at most once per packet; the feed coalesces. */
  onChange: () => void = () => undefined;

  constructor(options: FlowTrackerOptions = {}) {
    this.capacity = options.capacity ?? DEFAULT_FLOW_CAPACITY;
    this.now = options.now ?? monotonicMs;
    this.protocolVersion = options.protocolVersion ?? 4;
  }

  get counts(): FlowCounts {
    return { total: this.size, evicted: this.evictedCount, waiting: this.waitingCount };
  }

  get size(): number {
    return Math.min(this.lastFlowId, this.capacity);
  }

  get oldestFlowId(): number {
    return this.lastFlowId - this.size + 1;
  }

  get newestFlowId(): number {
    return this.lastFlowId;
  }

  /** One packet from the tap; `messageId` is the history id a PUBLISH was stored as (0 if none). */
  record(tapped: TappedPacket, messageId = 0): void {
    if (!this.enabled) return;
    const { packet } = tapped;
    if (packet.cmd === 'publish' && packet.qos === 0) {
      this.addLoneQos0(tapped, packet.topic, messageId);
    } else {
      try {
        this.addStep(tapped, packet, messageId);
      } catch (error) {
        // A packet the tracker does not understand must not take the history down with it.
        this.reportOnce(error);
      }
    }
    this.onChange();
  }

  /** The socket closed: the reconnect that may follow is drawn inside the flows it interrupts. */
  connectionLost(text: string, message?: Message): void {
    if (!this.enabled) return;
    const at = this.now();
    this.addMark({ kind: 'lost', monotonicMs: at, wallTime: Date.now(), text, ...(message ? { message } : {}) });
    // A CONNECT or PINGREQ cannot outlive its connection; PUBLISH flows can, with the session.
    // `text` stays the English parameter; a worded `message` replaces it on screen.
    for (const flow of [this.connectFlow, this.pingFlow, this.authFlow]) if (flow) this.finish(flow, 'failed', msg('timeline.flow.lost', { text }, message ? { text: message } : undefined));
    this.connectFlow = undefined;
    this.pingFlow = undefined;
    this.authFlow = undefined;
    this.onChange();
  }

  /**
   * A new client replaces the old one (the user connected again): nothing will resend what the old
   * one had in flight, so its waiting exchanges end here instead of waiting for ever.
   */
  abandonWaiting(reason: string | Message): void {
    if (!this.enabled) return;
    for (const flow of [...this.open.values()]) this.finish(flow, 'failed', reason);
    for (const flow of [this.connectFlow, this.pingFlow, this.authFlow]) if (flow) this.finish(flow, 'failed', reason);
    this.connectFlow = undefined;
    this.pingFlow = undefined;
    this.authFlow = undefined;
    this.onChange();
  }

  clear(): void {
    this.records.length = 0;
    this.topics.length = 0;
    this.startTimes = new Float64Array(0);
    this.wallTimes = new Float64Array(0);
    this.seqs = new Float64Array(0);
    this.messageIds = new Float64Array(0);
    this.flags = new Uint8Array(0);
    this.lastFlowId = 0;
    this.evictedCount = 0;
    this.waitingCount = 0;
    this.open.clear();
    this.epochs.fill(0);
    this.connectFlow = undefined;
    this.pingFlow = undefined;
    this.authFlow = undefined;
    this.marks.length = 0;
    this.onChange();
  }

  /** The view of a flow still held. */
  view(flowId: number, warnAfterMs = DEFAULT_WARN_AFTER_MS): FlowView | undefined {
    if (flowId < this.oldestFlowId || flowId > this.lastFlowId) return undefined;
    const slot = (flowId - 1) % this.capacity;
    const record = this.records[slot];
    if (!record) return this.loneQos0View(flowId, slot);
    const first = record.steps[0];
    const last = record.steps.at(-1);
    const view: FlowView = {
      flowId,
      kind: record.kind,
      origin: record.origin,
      epoch: record.epoch,
      state: record.state,
      warning: false,
      durationMs: first && last ? last.monotonicMs - first.monotonicMs : 0,
      steps: record.steps.slice(),
      marks: [],
    };
    if (record.packetId !== undefined) view.packetId = record.packetId;
    if (record.qos !== undefined) view.qos = record.qos;
    if (record.topic !== undefined) view.topic = record.topic;
    if (record.messageId !== undefined) view.messageId = record.messageId;
    if (record.outcome !== undefined) view.outcome = record.outcome;
    if (record.outcomeMessage !== undefined) view.outcomeMessage = record.outcomeMessage;
    if (record.state === 'waiting' && record.expect && last) {
      view.waitingForMessage = msg(record.expectFrom === 'client' ? 'timeline.flow.waitingFromClient' : 'timeline.flow.waitingFromBroker', { packet: record.expect });
      view.waitingFor = english(view.waitingForMessage.key, view.waitingForMessage.params);
      view.waitingMs = Math.max(0, this.now() - last.monotonicMs);
      view.warning = isWarning(record.state, view.waitingMs, warnAfterMs);
    }
    if (first) view.marks = this.marksBetween(first.monotonicMs, record.state === 'waiting' ? Infinity : (last?.monotonicMs ?? first.monotonicMs));
    return view;
  }

  /** The newest flows that pass the filter, newest first, at most `limit`; `more` says some were left. */
  list(filter: FlowFilter, limit: number, beforeFlowId = Infinity, warnAfterMs = DEFAULT_WARN_AFTER_MS): { flows: FlowView[]; more: boolean } {
    const flows: FlowView[] = [];
    const oldest = this.oldestFlowId;
    for (let flowId = Math.min(this.lastFlowId, beforeFlowId - 1); flowId >= oldest; flowId--) {
      if (!this.passes(flowId, filter)) continue;
      if (flows.length === limit) return { flows, more: true };
      const view = this.view(flowId, warnAfterMs);
      if (view) flows.push(view);
    }
    return { flows, more: false };
  }

  /** The flow a history message belongs to: the one whose PUBLISH (or a resend of it) it was. */
  flowOfMessage(messageId: number): number | undefined {
    // Flows are made in the order their first PUBLISH was stored, so the search runs from the newest
    // back to the first flow with an older message; resends stored later sit in the records' steps.
    for (let flowId = this.lastFlowId; flowId >= this.oldestFlowId; flowId--) {
      const slot = (flowId - 1) % this.capacity;
      const stored = this.messageIds[slot] ?? 0;
      if (stored === messageId) return flowId;
      const record = this.records[slot];
      if (record?.steps.some((step) => step.messageId === messageId)) return flowId;
    }
    return undefined;
  }

  private passes(flowId: number, filter: FlowFilter): boolean {
    const slot = (flowId - 1) % this.capacity;
    const record = this.records[slot];
    const state: FlowState = record ? record.state : 'complete';
    // QoS is a property of messages: the filter keeps PUBLISH flows only.
    if (filter.qos) {
      if (record && (record.kind !== 'publish' || record.qos === undefined)) return false;
      if (!(filter.qos as readonly number[]).includes(record?.qos ?? 0)) return false;
    }
    if (filter.states && !filter.states.includes(state)) return false;
    if (filter.topic !== undefined) {
      const topic = record ? record.topic : this.topics[slot];
      if (topic === undefined || !topicMatches(filter.topic, topic)) return false;
    }
    return true;
  }

  private addLoneQos0(tapped: TappedPacket, topic: string, messageId: number): void {
    const slot = this.nextSlot();
    this.startTimes[slot] = tapped.monotonicMs;
    this.wallTimes[slot] = tapped.wallTime;
    this.seqs[slot] = tapped.seq;
    this.messageIds[slot] = messageId;
    this.flags[slot] = (tapped.direction === 'received' ? RECEIVED : 0) | (tapped.packet.cmd === 'publish' && tapped.packet.dup ? DUP : 0);
    this.topics[slot] = topic;
    this.records[slot] = undefined;
  }

  private loneQos0View(flowId: number, slot: number): FlowView {
    const received = ((this.flags[slot] ?? 0) & RECEIVED) !== 0;
    const step: FlowStep = {
      seq: this.seqs[slot] ?? 0,
      direction: received ? 'received' : 'sent',
      type: 'PUBLISH',
      monotonicMs: this.startTimes[slot] ?? 0,
      wallTime: this.wallTimes[slot] ?? 0,
      qos: 0,
      dup: ((this.flags[slot] ?? 0) & DUP) !== 0,
    };
    const view: FlowView = { flowId, kind: 'publish', origin: received ? 'broker' : 'client', epoch: 0, qos: 0, state: 'complete', warning: false, durationMs: 0, steps: [step], marks: [] };
    const topic = this.topics[slot];
    if (topic !== undefined) view.topic = topic;
    const messageId = this.messageIds[slot] ?? 0;
    if (messageId > 0) {
      view.messageId = messageId;
      step.messageId = messageId;
    }
    return view;
  }

  /** Takes the next slot of the ring, evicting what held it. */
  private nextSlot(): number {
    const flowId = ++this.lastFlowId;
    const slot = (flowId - 1) % this.capacity;
    if (slot >= this.startTimes.length) this.grow();
    if (flowId > this.capacity) {
      this.evictedCount++;
      const evicted = this.records[slot];
      if (evicted?.state === 'waiting') {
        this.waitingCount--;
        if (evicted.key !== undefined && this.open.get(evicted.key) === evicted) this.open.delete(evicted.key);
      }
    }
    return slot;
  }

  private grow(): void {
    const length = Math.min(this.capacity, Math.max(1024, this.startTimes.length * 2));
    const grown = <T extends Float64Array | Uint8Array>(old: T, make: (length: number) => T): T => {
      const next = make(length);
      next.set(old);
      return next;
    };
    this.startTimes = grown(this.startTimes, (n) => new Float64Array(n));
    this.wallTimes = grown(this.wallTimes, (n) => new Float64Array(n));
    this.seqs = grown(this.seqs, (n) => new Float64Array(n));
    this.messageIds = grown(this.messageIds, (n) => new Float64Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
    for (let slot = this.records.length; slot < length; slot++) {
      this.records.push(undefined);
      this.topics.push(undefined);
    }
  }

  private startFlow(kind: FlowKind, origin: FlowOrigin, tapped: TappedPacket, messageId: number, packetId?: number): FlowRecord {
    const slot = this.nextSlot();
    const flowId = this.lastFlowId;
    const record: FlowRecord = { flowId, kind, origin, epoch: 0, state: 'waiting', steps: [] };
    if (packetId !== undefined) {
      record.packetId = packetId;
      const key = keyOf(origin, packetId);
      record.epoch = this.epochs[key] ?? 0;
      this.epochs[key] = record.epoch + 1;
    }
    this.startTimes[slot] = tapped.monotonicMs;
    this.wallTimes[slot] = tapped.wallTime;
    this.seqs[slot] = tapped.seq;
    this.messageIds[slot] = messageId;
    this.flags[slot] = tapped.direction === 'received' ? RECEIVED : 0;
    this.topics[slot] = undefined;
    this.records[slot] = record;
    this.waitingCount++;
    return record;
  }

  private wait(record: FlowRecord, expect: string, from: FlowOrigin): void {
    record.expect = expect;
    record.expectFrom = from;
  }

  /** Waits in the open table under its side and packet id. */
  private hold(record: FlowRecord): void {
    if (record.packetId === undefined) return;
    const key = keyOf(record.origin, record.packetId);
    record.key = key;
    this.open.set(key, record);
  }

  /** `outcome` as a Message when the sentence is ours, as text when it is a reason code's description or a peer's reason. */
  private finish(record: FlowRecord, state: 'complete' | 'failed', outcome?: string | Message): void {
    if (record.state === 'waiting') this.waitingCount--;
    record.state = state;
    record.expect = undefined;
    record.expectFrom = undefined;
    if (typeof outcome === 'string') record.outcome = outcome;
    else if (outcome !== undefined) {
      record.outcome = englishOf(outcome);
      record.outcomeMessage = outcome;
    }
    if (record.key !== undefined && this.open.get(record.key) === record) this.open.delete(record.key);
  }

  private addStep(tapped: TappedPacket, packet: Packet, messageId: number): void {
    const sent = tapped.direction === 'sent';
    const step: FlowStep = { seq: tapped.seq, direction: tapped.direction, type: typeNames[packet.cmd] ?? packet.cmd.toUpperCase(), monotonicMs: tapped.monotonicMs, wallTime: tapped.wallTime };
    switch (packet.cmd) {
      case 'publish': {
        step.qos = packet.qos;
        step.dup = packet.dup;
        if (packet.messageId !== undefined) step.packetId = packet.messageId;
        if (messageId > 0) step.messageId = messageId;
        const origin: FlowOrigin = sent ? 'client' : 'broker';
        const other: FlowOrigin = sent ? 'broker' : 'client';
        const packetId = packet.messageId ?? 0;
        const waiting = this.open.get(keyOf(origin, packetId));
        // A resend joins the flow it repeats: MQTT.js marks ours DUP (see RedeliveryMarkingStore);
        // aedes resends to subscribers without DUP, so an inbound repeat of the same topic joins too.
        if (waiting?.kind === 'publish' && (packet.dup || (!sent && waiting.topic === packet.topic))) {
          waiting.steps.push(step);
          return;
        }
        if (waiting) this.finish(waiting, 'failed', msg('timeline.flow.idReused', { id: packetId }));
        const record = this.startFlow('publish', origin, tapped, messageId, packetId);
        record.qos = packet.qos;
        record.topic = packet.topic;
        if (messageId > 0) record.messageId = messageId;
        this.topics[(record.flowId - 1) % this.capacity] = packet.topic;
        record.steps.push(step);
        this.wait(record, packet.qos === 1 ? 'PUBACK' : 'PUBREC', other);
        this.hold(record);
        return;
      }
      case 'puback':
      case 'pubrec':
      case 'pubrel':
      case 'pubcomp': {
        const packetId = packet.messageId ?? 0;
        step.packetId = packetId;
        this.noteReason(step, packet.reasonCode, 0x80);
        // PUBACK, PUBREC and PUBCOMP answer the other side's flow; PUBREL continues the sender's own.
        const origin: FlowOrigin = packet.cmd === 'pubrel' ? (sent ? 'client' : 'broker') : sent ? 'broker' : 'client';
        const flow = this.open.get(keyOf(origin, packetId));
        if (!flow || flow.kind !== 'publish') {
          this.orphan(step, tapped, origin, packetId, msg('timeline.flow.noPublishWaiting', { id: packetId, type: step.type }));
          return;
        }
        flow.steps.push(step);
        const peer: FlowOrigin = origin === 'client' ? 'broker' : 'client';
        if (step.failed) {
          this.finish(flow, 'failed', step.reasonMessage);
          return;
        }
        if (packet.cmd === 'puback' || packet.cmd === 'pubcomp') this.finish(flow, 'complete', step.reasonMessage && step.reasonCode !== 0 ? step.reasonMessage : undefined);
        else if (packet.cmd === 'pubrec') this.wait(flow, 'PUBREL', origin);
        else this.wait(flow, 'PUBCOMP', peer);
        return;
      }
      case 'subscribe':
      case 'unsubscribe': {
        const packetId = packet.messageId ?? 0;
        step.packetId = packetId;
        const origin: FlowOrigin = sent ? 'client' : 'broker';
        const waiting = this.open.get(keyOf(origin, packetId));
        if (waiting) this.finish(waiting, 'failed', msg('timeline.flow.idReused', { id: packetId }));
        const record = this.startFlow(packet.cmd, origin, tapped, 0, packetId);
        const topics = packet.cmd === 'subscribe' ? packet.subscriptions.map((entry) => entry.topic) : packet.unsubscriptions;
        record.topic = topics.join(', ');
        if (packet.cmd === 'subscribe') record.qos = Math.max(...packet.subscriptions.map((entry) => entry.qos));
        record.steps.push(step);
        this.wait(record, packet.cmd === 'subscribe' ? 'SUBACK' : 'UNSUBACK', sent ? 'broker' : 'client');
        this.hold(record);
        return;
      }
      case 'suback':
      case 'unsuback': {
        const packetId = packet.messageId ?? 0;
        step.packetId = packetId;
        const origin: FlowOrigin = sent ? 'broker' : 'client';
        const flow = this.open.get(keyOf(origin, packetId));
        // A 3.1.1 UNSUBACK carries no codes at all.
        const granted: unknown = 'granted' in packet ? packet.granted : undefined;
        const codes = Array.isArray(granted) ? granted.filter((code): code is number => typeof code === 'number') : [];
        const refused = codes.filter((code) => code >= 0x80);
        if (refused.length > 0) {
          step.reasonCode = refused[0];
          setReason(step, refused.map((code) => describeReasonCodeMessage(code, step.type)).reduceRight((rest, first) => msg('mqtt.code.list', undefined, { first, rest })));
          step.failed = refused.length === codes.length;
        }
        if (!flow || flow.kind !== (packet.cmd === 'suback' ? 'subscribe' : 'unsubscribe')) {
          this.orphan(step, tapped, origin, packetId, msg('timeline.flow.noRequestWaiting', { id: packetId, type: step.type }));
          return;
        }
        flow.steps.push(step);
        if (step.failed) this.finish(flow, 'failed', step.reasonMessage);
        else this.finish(flow, 'complete', refused.length > 0 ? msg('timeline.flow.partlyRefused', undefined, { reason: step.reasonMessage ?? msg('mqtt.reason.unknown') }) : undefined);
        return;
      }
      case 'connect': {
        if (this.connectFlow) this.finish(this.connectFlow, 'failed', msg('timeline.flow.noConnack'));
        const record = this.startFlow('connect', sent ? 'client' : 'broker', tapped, 0);
        record.steps.push(step);
        this.wait(record, 'CONNACK', 'broker');
        this.connectFlow = record;
        return;
      }
      case 'connack': {
        const code = packet.reasonCode ?? packet.returnCode ?? 0;
        if (code !== 0) {
          step.reasonCode = code;
          setReason(step, describeConnackMessage(this.protocolVersion, code));
          step.failed = true;
        }
        const flow = this.connectFlow;
        this.connectFlow = undefined;
        if (code === 0) {
          if (this.everConnected) {
            const message = msg(packet.sessionPresent ? 'timeline.flow.reconnectedSession' : 'timeline.flow.reconnectedNew');
            this.addMark({ kind: 'reconnected', monotonicMs: tapped.monotonicMs, wallTime: tapped.wallTime, text: english(message.key), message });
          }
          this.everConnected = true;
        }
        if (!flow) {
          this.orphan(step, tapped, 'client', undefined, msg('timeline.flow.noConnect'));
          return;
        }
        flow.steps.push(step);
        this.finish(flow, step.failed ? 'failed' : 'complete', step.reasonMessage);
        return;
      }
      case 'pingreq': {
        if (this.pingFlow) this.finish(this.pingFlow, 'failed', msg('timeline.flow.noPingresp'));
        const record = this.startFlow('ping', sent ? 'client' : 'broker', tapped, 0);
        record.steps.push(step);
        this.wait(record, 'PINGRESP', sent ? 'broker' : 'client');
        this.pingFlow = record;
        return;
      }
      case 'pingresp': {
        const flow = this.pingFlow;
        this.pingFlow = undefined;
        if (!flow) {
          this.orphan(step, tapped, 'client', undefined, msg('timeline.flow.noPingreq'));
          return;
        }
        flow.steps.push(step);
        this.finish(flow, 'complete');
        return;
      }
      case 'disconnect': {
        this.noteReason(step, packet.reasonCode, 0x80);
        const record = this.startFlow('disconnect', sent ? 'client' : 'broker', tapped, 0);
        record.steps.push(step);
        this.finish(record, step.failed ? 'failed' : 'complete', step.reasonMessage ?? msg(sent ? 'timeline.flow.clientGoodbye' : 'timeline.flow.brokerClosed'));
        return;
      }
      case 'auth': {
        this.noteReason(step, packet.reasonCode, 0x80);
        const record = this.authFlow ?? this.startFlow('auth', sent ? 'client' : 'broker', tapped, 0);
        record.steps.push(step);
        // 0x18 continue authentication: the other side answers with AUTH; 0x00 ends the exchange.
        if (packet.reasonCode === 0x18) {
          this.wait(record, 'AUTH', sent ? 'broker' : 'client');
          this.authFlow = record;
        } else {
          this.authFlow = undefined;
          this.finish(record, step.failed ? 'failed' : 'complete', step.reasonMessage);
        }
        return;
      }
      default:
        return;
    }
  }

  private reported = false;

  private reportOnce(error: unknown): void {
    if (this.reported) return;
    this.reported = true;
    console.error('[flows] a packet could not be grouped into a flow:', error);
  }

  /** An acknowledgement of nothing we saw: kept as a flow of its own, so nothing is hidden. */
  private orphan(step: FlowStep, tapped: TappedPacket, origin: FlowOrigin, packetId: number | undefined, outcome: Message): void {
    const kind: FlowKind = step.type === 'CONNACK' ? 'connect' : step.type === 'PINGRESP' ? 'ping' : step.type === 'SUBACK' ? 'subscribe' : step.type === 'UNSUBACK' ? 'unsubscribe' : 'publish';
    const record = this.startFlow(kind, origin, tapped, 0, packetId);
    record.steps.push(step);
    this.finish(record, 'failed', outcome);
  }

  /** Sets the reason of a step from its code; codes from `failingFrom` up mean failure. */
  private noteReason(step: FlowStep, code: number | undefined, failingFrom: number): void {
    if (code === undefined || code === 0) return;
    step.reasonCode = code;
    setReason(step, describeReasonCodeMessage(code, step.type));
    if (code >= failingFrom) step.failed = true;
  }

  private addMark(mark: FlowMark): void {
    this.marks.push(mark);
    if (this.marks.length > MARK_LIMIT) this.marks.shift();
  }

  private marksBetween(fromMs: number, toMs: number): FlowMark[] {
    return this.marks.filter((mark) => mark.monotonicMs >= fromMs && mark.monotonicMs <= toMs);
  }
}

function keyOf(origin: FlowOrigin, packetId: number): number {
  return origin === 'client' ? packetId : BROKER_KEYS + packetId;
}

/** A step's reason code in words: English for tests and exports, the Message for the screen. */
function setReason(step: FlowStep, reason: Message): void {
  step.reason = englishOf(reason);
  step.reasonMessage = reason;
}
