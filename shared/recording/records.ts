/**
 * The recording file format, version 1: JSON Lines, one record per line, appended as the session
 * goes. The first line is the header, a clean stop writes a footer with the counts, and a file cut
 * short by a crash still reads up to its last complete line.
 *
 *   {"type":"header","format":"mqtt-lab.recording","version":1,…}
 *   {"type":"message","c":"<connection id>","id":12,"t":…,"m":…,"dir":"in","topic":"a/b",…,"payload":"<base64>"}
 *   {"type":"packet","c":"…","seq":40,"t":…,"m":…,"dir":"received","cmd":"puback","packetId":7,…}
 *   {"type":"event","c":"…","t":…,"state":"reconnecting","reason":"…"}
 *   {"type":"footer","endedAt":"…","counts":{…}}
 *
 * Payloads are Base64 so every byte survives; a message's MQTT 5 properties travel as the store
 * keeps them (JSON-safe, binary values in hex).
 */
import type { ConnectionState } from '../domain/connection';
import type { Direction, MessageProperties } from '../domain/message';
import type { ProfileView } from '../domain/profile';

export const RECORDING_FORMAT = 'mqtt-lab.recording';
export const RECORDING_VERSION = 1;

export interface RecordedConnection {
  connectionId: string;
  profile: ProfileView;
  /** The topic filters subscribed when the recording started. */
  subscriptions: string[];
}

export interface HeaderRecord {
  type: 'header';
  format: typeof RECORDING_FORMAT;
  version: number;
  appVersion: string;
  /** ISO time the recording started. */
  startedAt: string;
  /** Wall and monotonic clocks at the start, so monotonic times in the file can be placed in time. */
  startWallMs: number;
  startMonotonicMs: number;
  connections: RecordedConnection[];
}

export interface MessageRecord {
  type: 'message';
  /** The connection it belongs to. */
  c: string;
  /** Its id in that connection's history. */
  id: number;
  /** Wall-clock ms. */
  t: number;
  /** Monotonic ms, for intervals (replay timing) that survive wall-clock changes. */
  m: number;
  dir: Direction;
  topic: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  dup: boolean;
  packetId?: number;
  /** The payload bytes, Base64. */
  payload: string;
  properties?: MessageProperties;
}

export interface PacketRecord {
  type: 'packet';
  c: string;
  /** The tap's sequence number in its connection. */
  seq: number;
  t: number;
  m: number;
  dir: 'sent' | 'received';
  cmd: string;
  packetId?: number;
  qos?: number;
  dup?: boolean;
  retain?: boolean;
  topic?: string;
  reasonCode?: number;
}

export interface EventRecord {
  type: 'event';
  c: string;
  t: number;
  state: ConnectionState;
  reason?: string;
}

export interface FooterRecord {
  type: 'footer';
  endedAt: string;
  counts: RecordingCounts;
  /** Messages the history evicted before the recorder could copy them (only with a tiny budget under a burst). */
  missed?: number;
}

export interface RecordingCounts {
  messages: number;
  packets: number;
  events: number;
}

export type RecordingRecord = HeaderRecord | MessageRecord | PacketRecord | EventRecord | FooterRecord;

/** One line of a recording, or why it is not one. */
export function parseRecordLine(line: string): RecordingRecord | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { problem: `not JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || !('type' in value)) return { problem: 'not a record: it has no "type"' };
  const record = value as RecordingRecord;
  switch (record.type) {
    case 'header':
      if (record.format !== RECORDING_FORMAT) return { problem: `not an MQTT Lab recording (format ${JSON.stringify(record.format)})` };
      if (typeof record.version !== 'number' || record.version > RECORDING_VERSION) {
        return { problem: `written by a newer MQTT Lab (recording format version ${String(record.version)})` };
      }
      return record;
    case 'message':
      if (typeof record.c !== 'string' || typeof record.topic !== 'string' || typeof record.payload !== 'string' || typeof record.id !== 'number') {
        return { problem: 'a message record without its connection, id, topic or payload' };
      }
      return record;
    case 'packet':
    case 'event':
    case 'footer':
      return record;
    default:
      return { problem: `an unknown record type ${JSON.stringify((record as { type: unknown }).type)}` };
  }
}
