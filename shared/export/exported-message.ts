import { z } from 'zod';
import type { Direction } from '../domain/message';
import type { QoS } from '../domain/profile';

/**
 * One message as the export files carry it and as an import reads it back: every byte of the
 * payload and all of the metadata the store keeps for it.
 */
export interface ExportedMessage {
  id: number;
  /** Wall-clock time in ms since the epoch. */
  timeMs: number;
  direction: Direction;
  topic: string;
  qos: QoS;
  retain: boolean;
  dup: boolean;
  packetId?: number;
  payload: Uint8Array;
  /** MQTT 5 PUBLISH properties, as the store keeps them (JSON-safe, binary values in hex). */
  properties?: Record<string, unknown>;
  /** The payload decoded by the schema its topic calls for (Sparkplug B, a mapped Protobuf type); JSON Lines only. */
  decoded?: unknown;
}

export type ExportFormat = 'jsonl' | 'csv';
export const ExportFormat = z.enum(['jsonl', 'csv']);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The payload as text when its bytes are valid UTF-8, else undefined. The decoder drops a leading
 * byte order mark, which is put back so the text stays exactly the bytes.
 */
export function payloadText(payload: Uint8Array): string | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(payload);
  } catch {
    return undefined;
  }
  const hasBom = payload[0] === 0xef && payload[1] === 0xbb && payload[2] === 0xbf;
  return hasBom ? `\uFEFF${text}` : text;
}

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Refuses anything but canonical, padded base64, so a damaged file is caught rather than half-read. */
export function isBase64(text: string): boolean {
  return base64Pattern.test(text);
}

/** Years 0 to 9999: where the ISO form has a fixed layout that the cache below can rely on. */
const LAST_FIXED_LAYOUT_MS = 253_402_300_799_999;
let cachedSecond = Number.NaN;
let cachedPrefix = '';

/**
 * The ISO form of a wall-clock time, for people reading the file; importers use the ms field.
 * Messages come in bursts within one second, and formatting a Date is slow next to everything else
 * an export does per message, so the part up to the second is formatted once per second.
 */
export function isoTime(timeMs: number): string {
  if (!(timeMs >= 0 && timeMs <= LAST_FIXED_LAYOUT_MS)) return new Date(timeMs).toISOString();
  const second = Math.floor(timeMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 19);
  }
  return `${cachedPrefix}.${String(Math.floor(timeMs - second * 1000)).padStart(3, '0')}Z`;
}
