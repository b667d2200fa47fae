/**
 * What a lesson run records: every packet the actors' taps and the lesson broker's tap saw, and the
 * connection events of the actors, on one clock (ms since the run started). Checks read only this,
 * so a check is as true as the wire.
 */
import type { PacketType } from './lesson-format';
import type { Message } from '../i18n/message';

/** Where the packet inspector finds the bytes: an actor's connection, or the lesson's own broker. */
export type LessonPacketRef = { source: 'client'; connectionId: string; seq: number } | { source: 'lesson-broker'; seq: number };

export interface TracePacket {
  /** Position in the trace, from 0; stable for the whole run. */
  index: number;
  /** The step (index) that was running, or the try-it button's step; -1 before the first. */
  step: number;
  /** ms since the run started, on the monotonic clock both taps share. */
  time: number;
  wallTime: number;
  /** actors: an actor's client saw it; broker: the built-in broker's wire saw it (a dropped packet only shows here). */
  tap: 'actors' | 'broker';
  /** The actor whose connection carried it ('' for a broker packet of a client that is not an actor). */
  actor: string;
  /** An actor's name or "broker". */
  from: string;
  to: string;
  type: PacketType;
  packetId?: number;
  qos?: number;
  dup?: boolean;
  retain?: boolean;
  topic?: string;
  /** CONNACK: the broker kept a session for the client (actor tap only). */
  sessionPresent?: boolean;
  /** MQTT 5 reason code, or the 3.1.1 CONNACK return code (actor tap only). */
  reasonCode?: number;
  /** The payload as text (UTF-8, cut at 200 characters), for PUBLISH on the actor tap. */
  payload?: string;
  payloadBytes?: number;
  /** MQTT 5 properties as mqtt-packet names them, JSON-safe (binary as text). */
  properties?: Record<string, unknown>;
  /** MQTT 5 Topic Alias use (actor tap): alias-only sends an empty topic (`topic` above is the one it stands for). */
  topicAlias?: { alias: number; form: 'topic-and-alias' | 'alias-only'; bytesSaved: number };
  /** Bytes on the wire, fixed header included. */
  size: number;
  /** How many bytes the Remaining Length took. */
  remainingLengthBytes?: number;
  /** Set by the broker tap when a fault dropped or delayed it. */
  fault?: string;
  dropped?: boolean;
  ref: LessonPacketRef;
}

export interface TraceConnectionEvent {
  kind: 'connected' | 'closed';
  actor: string;
  time: number;
  step: number;
  /** For closed: who closed it. actor: a disconnect or cut the lesson asked for; broker: anything else. */
  closedBy?: 'actor' | 'broker';
  reason?: string;
  /** The reason as a sentence of ours (the lesson disconnected or cut the actor), for each side to word; `reason` is its English. */
  reasonMessage?: Message;
}

export interface LessonTrace {
  packets: readonly TracePacket[];
  events: readonly TraceConnectionEvent[];
}

/** One expectation checked: `ok`, the sentence with numbers from the trace, and the packets it read. */
export interface CheckResult {
  ok: boolean;
  /** Not checked: the claim reads the built-in broker's side and the lesson runs against another broker. */
  skipped?: boolean;
  /** The sentence in English, for logs, the CLI and tests. */
  text: string;
  /** The same sentence in every language the app speaks (locale → text), worded by the engine; the stage picks one. */
  wording?: Readonly<Record<string, string>>;
  /** Trace indices of the packets the claim is about, so the stage can highlight them. */
  packets: number[];
}
