/**
 * What the wire layer asks the fault engine, and what it is told. Kept apart from the engine so the
 * wire layer can import the types without the engine's state.
 */

/** in: from the client to the broker (before aedes sees it); out: from the broker to the client. */
export type FaultDirection = 'in' | 'out';

/** The only fields a decision depends on; an mqtt-packet `Packet` satisfies this. */
export interface FaultPacket {
  cmd: string;
  qos?: number;
}

import type { BrokerText } from '../../../../shared/broker/broker-text';

/**
 * pass: forward now. drop: never forward. delay: forward after `ms`. hold: keep it until
 * `FaultEngine.paused` turns false, then forward it, in the order it was held.
 * `reason` is short English text for the broker tap's `fault` column and the log; `text` is the
 * same as a sentence, for the Packets table to word in the user's language.
 */
export type FaultDecision =
  | { action: 'pass' }
  | { action: 'drop'; reason: string; text: BrokerText }
  | { action: 'delay'; ms: number; reason: string; text: BrokerText }
  | { action: 'hold'; reason: string; text: BrokerText };

export interface FaultEngineOptions {
  /** A number in [0, 1), as Math.random; injected so tests of drop-qos0 are deterministic. */
  random?: () => number;
  /** Milliseconds since the epoch, for `createdAt`. */
  now?: () => number;
}

/** Why the fault list changed; listeners that only re-render may ignore it. */
export type FaultChange =
  | { kind: 'added'; faultId: number }
  | { kind: 'removed'; faultId: number }
  /** A drop-acks fault dropped one more; `remaining` 0 means it is spent. */
  | { kind: 'countdown'; faultId: number; remaining: number }
  /** A fault struck once more; the UI shows hit counts, so it needs to hear of them (throttled there). */
  | { kind: 'hit'; faultId: number };
