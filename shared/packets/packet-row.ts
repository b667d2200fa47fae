import type { TopicAliasUse } from '../domain/message';
import type { Message } from '../i18n/message';

/** A tapped packet as the packet list shows it; the bytes come separately, on request. */
export interface PacketRow {
  /** The connection's tap sequence number, from 1. */
  seq: number;
  /** Wall-clock time in ms since the epoch, for display. */
  time: number;
  /** Same clock as the broker's packet log, for durations and cross-tap ordering. */
  monotonicMs: number;
  direction: 'sent' | 'received';
  /** mqtt-packet's command name: "publish", "pubrec", … */
  cmd: string;
  packetId?: number;
  qos?: number;
  dup?: boolean;
  retain?: boolean;
  topic?: string;
  /** MQTT 5 PUBLISH with a Topic Alias: the form it went in, the bytes saved and the topic it stands for. */
  topicAlias?: TopicAliasUse & { topic: string };
  /** Bytes on the wire, fixed header included. */
  size: number;
  /** MQTT 5 reason code, or the 3.1.1 CONNACK return code. */
  reasonCode?: number;
  /** Set when the broker broke the protocol with this packet: what it did wrong and the rule, in plain words. */
  violation?: string;
  /** The same as a message, for the screen to word; `violation` keeps the English. */
  violationText?: Message;
}

/** Which packet to fetch bytes of: one a connection's tap saw, or one the built-in broker's wire tap saw. */
export type PacketRef = { source: 'client'; connectionId: string; seq: number } | { source: 'broker'; seq: number };

export interface PacketBytes {
  bytesBase64: string;
  protocolVersion: 3 | 4 | 5;
  /** True when the bytes were re-encoded from the parsed packet rather than captured from the wire. */
  reEncoded: boolean;
}
