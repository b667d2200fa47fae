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

/** The ISO form of a wall-clock time, for people reading the file; importers use the ms field. */
export function isoTime(timeMs: number): string {
  return new Date(timeMs).toISOString();
}
