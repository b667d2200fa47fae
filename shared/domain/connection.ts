import type { SubscriptionOptions } from '../mqtt/subscription-options';
import type { NestedMessage } from '../i18n/nested';
import type { Message } from '../i18n/message';
import type { ProfileView, ProtocolVersion, QoS } from './profile';

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Plain words for a failure, a disconnect or a reconnect in progress. */
  reason?: string;
  /** The same reason as a catalogue message, worded in the language on screen; `reason` stays English for logs and the CLI. */
  reasonText?: NestedMessage;
  /** The raw error behind the reason (code and message), for the user who wants to search for it. */
  detail?: string;
  /** Wall-clock time of the last change, in ms since the epoch. */
  since: number;
  /** While reconnecting: when the next attempt starts (ms since the epoch) and which attempt it is. */
  nextAttemptAt?: number;
  attempt?: number;
}

export type SubscriptionState = 'pending' | 'granted' | 'failed';

export interface SubscriptionView {
  filter: string;
  requestedQos: QoS;
  state: SubscriptionState;
  /** The QoS the broker granted in SUBACK. */
  grantedQos?: QoS;
  /** The SUBACK return code or MQTT 5 reason code, when it is a failure. */
  reasonCode?: number;
  reason?: string;
  /** The reason as a sentence to word where it is shown; `reason` keeps the English. */
  reasonText?: Message;
  /** The MQTT 5 options it was asked with; absent when none was set. */
  options?: SubscriptionOptions;
}

/** What the UNSUBACK said for the filter: 3.1.1 has no codes, so only MQTT 5 answers carry one. */
export interface UnsubscribeResult {
  reasonCode?: number;
  /** "no subscription existed (UNSUBACK 0x11)"; also why nothing came back, when nothing did. */
  reason?: string;
  /** The reason as a sentence to word where it is shown; `reason` keeps the English. */
  reasonText?: Message;
}

/** The MQTT 5 CONNACK properties a server may send; absent means the server did not say. */
export interface ServerProperties {
  assignedClientIdentifier?: string;
  serverKeepAlive?: number;
  receiveMaximum?: number;
  maximumQoS?: number;
  retainAvailable?: boolean;
  maximumPacketSize?: number;
  topicAliasMaximum?: number;
  wildcardSubscriptionAvailable?: boolean;
  sharedSubscriptionAvailable?: boolean;
  subscriptionIdentifiersAvailable?: boolean;
  sessionExpiryInterval?: number;
  responseInformation?: string;
  serverReference?: string;
  reasonString?: string;
  userProperties?: Record<string, string | string[]>;
}

/** The steps of making a connection, in the order they happen; each is present only when it applies. */
export type ConnectPhaseName = 'dns' | 'tcp' | 'tls' | 'websocket' | 'mqtt';

/**
 * One step of a connect attempt, as a browser's network waterfall shows it. Times are ms from the
 * start of the attempt, read off the socket's own events: `dns` ends at the socket's lookup, `tcp`
 * at its connect, `tls` at the secure handshake, `websocket` at the upgrade, and `mqtt` runs from
 * the CONNECT's bytes going out to the CONNACK arriving.
 */
export interface ConnectPhase {
  name: ConnectPhaseName;
  startMs: number;
  durationMs: number;
}

/** What the broker said in its last CONNACK, and in its last DISCONNECT if it sent one. */
export interface BrokerReport {
  protocolVersion: ProtocolVersion;
  sessionPresent: boolean;
  /** The 3.1/3.1.1 return code or the MQTT 5 reason code. */
  code: number;
  codeText: string;
  /** The same, worded on screen; `codeText` stays English for tests and the CLI. */
  codeMessage?: NestedMessage;
  properties: ServerProperties;
  receivedAt: number;
  /** Where the time of the attempt that got this CONNACK went. */
  phases?: ConnectPhase[];
  disconnect?: { code: number; codeText: string; codeMessage?: NestedMessage; reasonString?: string; receivedAt: number };
}

/** A message published while the connection was down, waiting to be sent when it is back. */
export interface PendingPublish {
  id: number;
  topic: string;
  qos: QoS;
  retain: boolean;
  size: number;
  preview: string;
  queuedAt: number;
}

/** What a full queue does with the next message; the UI shows it beside the queue's count. */
export type QueueOverflowPolicy = 'refuse-new';

/**
 * The offline queue in numbers. Status events carry only this, never the list, so their size does
 * not grow with the queue; the list is read a page at a time (`connection.pending`).
 */
export interface PendingSummary {
  /** Waiting to be handed to the broker: while offline, or behind the broker's Receive Maximum. */
  count: number;
  bytes: number;
  /** Taken from the queue and sent, not yet acknowledged (QoS 1 and 2), or not yet written (QoS 0). */
  inFlight: number;
  limit: { messages: number; bytes: number };
  overflow: QueueOverflowPolicy;
  /** Publishes refused because the queue was full, since it was last emptied by the user. */
  refused: number;
}

export interface ConnectionSnapshot {
  connectionId: string;
  profile: ProfileView;
  status: ConnectionStatus;
  subscriptions: SubscriptionView[];
  messageCount: number;
  /** Older messages the history budget evicted since the last clear; the UI says how many. */
  evictedCount?: number;
  broker?: BrokerReport;
  pending: PendingSummary;
}
