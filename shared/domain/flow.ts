import type { Message } from '../i18n/message';
import type { PacketRef } from '../packets/packet-row';
import type { BrokerText } from '../broker/broker-text';
/**
 * QoS flows: the packets of one exchange (a CONNECT and its CONNACK, a PUBLISH and its
 * acknowledgements, a SUBSCRIBE and its SUBACK…) grouped together, with where the exchange stands.
 */

export const flowKinds = ['connect', 'publish', 'subscribe', 'unsubscribe', 'ping', 'disconnect', 'auth'] as const;
export type FlowKind = (typeof flowKinds)[number];

/** Who started the flow: this client, or the broker (an inbound PUBLISH, a broker's DISCONNECT). */
export type FlowOrigin = 'client' | 'broker';

export const flowStates = ['complete', 'waiting', 'failed'] as const;
export type FlowState = (typeof flowStates)[number];

/**
 * Where a packet can be read again: by the client tap's sequence number, or the broker tap's. The
 * packet inspector takes exactly this.
 */
/** Which tapped packet an arrow stands for; the inspector fetches its bytes by it. */
export type { PacketRef };

/** One packet of a flow, as one arrow of the timeline. */
export interface FlowStep {
  /** The client tap's sequence number. */
  seq: number;
  /** sent: from this client to the broker; received: from the broker to this client. */
  direction: 'sent' | 'received';
  /** Upper-case packet type: PUBLISH, PUBACK… */
  type: string;
  monotonicMs: number;
  wallTime: number;
  packetId?: number;
  qos?: number;
  dup?: boolean;
  reasonCode?: number;
  /** The reason code in words, such as "no matching subscribers (PUBACK 0x10)". */
  reason?: string;
  /** The same, worded on screen in the user's language; `reason` stays English for tests and exports. */
  reasonMessage?: Message;
  /** The reason code means the exchange failed. */
  failed?: boolean;
  /** The history message this PUBLISH was stored as. */
  messageId?: number;
}

/** Something that happened to the connection while a flow was open, drawn inside the flow. */
export interface FlowMark {
  kind: 'lost' | 'reconnected';
  monotonicMs: number;
  wallTime: number;
  /** English, for logs, tests and exports; for 'lost', the reason the connection reported. */
  text: string;
  /** The same for the screen, worded there; absent when the text is not ours (a socket's reason). */
  message?: Message;
}

export interface FlowView {
  /** Sequential per connection, from 1. */
  flowId: number;
  kind: FlowKind;
  origin: FlowOrigin;
  packetId?: number;
  /**
   * How many flows with the same origin and packet id came before this one: packet ids are reused,
   * so (origin, packetId, epoch) names one exchange.
   */
  epoch: number;
  qos?: number;
  topic?: string;
  /** The history message of its first PUBLISH, to select it in the message list. */
  messageId?: number;
  state: FlowState;
  /** For a waiting flow: what it waits for, as "PUBCOMP from the broker". */
  waitingFor?: string;
  /** The same, worded on screen in the user's language; `waitingFor` stays English for tests and the CLI. */
  waitingForMessage?: Message;
  /** For a waiting flow: how long since its last step, in ms, when the view was made. */
  waitingMs?: number;
  /** A waiting flow that has waited longer than the threshold the user set. */
  warning: boolean;
  /** Why it failed, or a notable outcome such as "no matching subscribers". */
  outcome?: string;
  /**
   * The same, worded on screen, when the sentence is ours; absent when the outcome is a reason code's
   * description or a reason the connection gave, which `outcome` shows as it is.
   */
  outcomeMessage?: Message;
  /** From the first step to the last, in ms. */
  durationMs: number;
  steps: FlowStep[];
  marks: FlowMark[];
}

export interface FlowFilter {
  qos?: (0 | 1 | 2)[];
  states?: FlowState[];
  /** An MQTT topic filter (wildcards allowed) for publish flows; other flows do not match it. */
  topic?: string;
}

export interface FlowCounts {
  /** Flows held. */
  total: number;
  /** Flows dropped to keep within the budget, since the last clear. */
  evicted: number;
  /** Flows still waiting. */
  waiting: number;
}

/** Default time a flow may wait before it is shown as a warning. */
export const DEFAULT_WARN_AFTER_MS = 5000;

export function isWarning(state: FlowState, waitingMs: number | undefined, warnAfterMs: number): boolean {
  return state === 'waiting' && (waitingMs ?? 0) >= warnAfterMs;
}

/** One application message across the in-process broker: lanes are parties, steps are packets between two of them. */
export interface FlowPath {
  /** A client lane's label is its client id (not ours); `labelMessage` marks this client's own lane. */
  lanes: { id: string; label: string; labelMessage?: Message }[];
  steps: {
    ref: PacketRef;
    from: string;
    to: string;
    type: string;
    monotonicMs: number;
    packetId?: number;
    qos?: number;
    dup?: boolean;
    topic?: string;
    fault?: string;
    /** The fault as a sentence, for the diagram to word (fault stays the English). */
    faultText?: BrokerText;
  }[];
  /** Why some of the picture is missing, such as the broker's packet log no longer holding it. */
  notes: string[];
  /** The same notes, worded on screen; `notes` stays English for tests and the CLI. */
  noteMessages?: Message[];
}
