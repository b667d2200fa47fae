import type { Message } from '../i18n/message';
import type { ConnectPhase } from './connection';

/** What happened to one connection over time: attempts, CONNACKs, pings, disconnects and the waits between. */

interface LifelineEventBase {
  /** Sequential per connection, from 1; a ping keeps its id when its PINGRESP arrives. */
  id: number;
  /** Monotonic ms on the main process's clock, for positions and durations. */
  monotonicMs: number;
  /** Wall-clock ms since the epoch, for display. */
  wallTime: number;
}

export interface ConnectAttemptEvent extends LifelineEventBase {
  kind: 'connect-attempt';
  /** 0 for the first connect, then the reconnect attempt's number. */
  attempt: number;
  /** Transport, host and port, such as mqtt://127.0.0.1:1883. */
  target: string;
  protocolVersion: number;
  keepaliveS: number;
}

export interface ConnackEvent extends LifelineEventBase {
  kind: 'connack';
  code: number;
  codeText: string;
  sessionPresent: boolean;
  /** From the CONNECT's bytes going out (once the transport was ready) to this CONNACK. */
  sinceConnectMs?: number;
  /** Where the attempt's time went: DNS, TCP, TLS, WebSocket upgrade, CONNECT→CONNACK. */
  phases?: ConnectPhase[];
  /** MQTT 5: the keepalive the server imposes instead of the client's. */
  serverKeepAliveS?: number;
}

export type PingState = 'waiting' | 'answered' | 'missing';

export interface PingEvent extends LifelineEventBase {
  kind: 'ping';
  state: PingState;
  /** PINGREQ sent to PINGRESP received. */
  rttMs?: number;
  /** Why a ping counts as missing: no answer within 1.5 × keepalive, or the connection went first. */
  missingBecause?: 'timeout' | 'connection closed';
}

export type DisconnectSide = 'client' | 'server' | 'network';

export interface DisconnectEvent extends LifelineEventBase {
  kind: 'disconnect';
  by: DisconnectSide;
  /** The DISCONNECT reason code, when a DISCONNECT packet said why. */
  code?: number;
  codeText?: string;
  reasonString?: string;
  /** For the network: what the socket or the client reported. */
  error?: string;
  /** The same, worded on screen, when the words are ours rather than the socket's or the status's. */
  errorMessage?: Message;
  /** Whether this attempt got as far as a CONNACK; if not, it was an attempt that failed. */
  wasConnected: boolean;
}

export interface ReconnectScheduledEvent extends LifelineEventBase {
  kind: 'reconnect-scheduled';
  attempt: number;
  delayMs: number;
  /** Wall-clock ms since the epoch. */
  nextAttemptAt: number;
}

export interface GiveUpEvent extends LifelineEventBase {
  kind: 'give-up';
  reason: string;
  /** The same, worded on screen, when the words are ours. */
  reasonMessage?: Message;
}

export type LifelineEvent = ConnectAttemptEvent | ConnackEvent | PingEvent | DisconnectEvent | ReconnectScheduledEvent | GiveUpEvent;

export interface LifelineSlice {
  /** Events with id ≥ the asked fromId that are still held, oldest first. */
  events: LifelineEvent[];
  /** Older events the ring dropped since the connection was created. */
  evicted: number;
  /** The id of the oldest event held; the renderer drops what it holds below it. */
  oldestId: number;
  /** The id the next event will get. */
  nextId: number;
}
