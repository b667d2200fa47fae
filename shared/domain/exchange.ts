import type { MessageProperties } from './message';
import type { QoS } from './profile';
import type { Message } from '../i18n';

/**
 * MQTT 5 request/response as MQTT Lab runs it: the requests a connection sent and what came back,
 * and the responder rules that answer requests arriving on a connection.
 */

/** One PUBLISH of an exchange, as shown side by side: enough to read, not the whole history entry. */
export interface ExchangeMessage {
  topic: string;
  qos: QoS;
  /** The payload as text when it is UTF-8, else as hex; cut to `EXCHANGE_PAYLOAD_CHARS` with an ellipsis. */
  payloadText: string;
  payloadIsHex: boolean;
  payloadSize: number;
  properties?: MessageProperties;
  /** Wall-clock ms when the packet crossed the wire (sent or received). */
  wallTime: number;
}

/**
 * sending: the PUBLISH is on its way; waiting: sent, no response yet; answered: the response came
 * within the timeout; timed-out: none came within it; late: it came after the timeout; failed: the
 * request could not be sent.
 */
export const requestStates = ['sending', 'waiting', 'answered', 'timed-out', 'late', 'failed'] as const;
export type RequestState = (typeof requestStates)[number];

export interface RequestExchange {
  /** #1, #2… per connection, in the order the requests were made. */
  requestNumber: number;
  /** The Correlation Data sent, as lower-case hex (16 random bytes). */
  correlationHex: string;
  responseTopic: string;
  timeoutMs: number;
  state: RequestState;
  request: ExchangeMessage;
  response?: ExchangeMessage;
  /** From the request's PUBLISH leaving to the response's arriving, on the monotonic clock. */
  roundTripMs?: number;
  /** Why the request failed, in English words, and as a message to word where shown. */
  failure?: string;
  failureText?: Message;
  /** The client tap's sequence numbers of the two PUBLISH packets, to pair their flows on the timeline. */
  requestSeq?: number;
  responseSeq?: number;
}

/** A PUBLISH on one of our response topics that answers none of our requests. */
export interface UnmatchedResponse {
  message: ExchangeMessage;
  /** In words: no correlation data, correlation data of no request of ours, or a second response. */
  reason: string;
  reasonText?: Message;
  seq: number;
}

export const replyKinds = ['echo', 'fixed', 'template'] as const;
export type ReplyKind = (typeof replyKinds)[number];

export interface ResponderRule {
  ruleId: number;
  /** Requests are the PUBLISH packets that arrive on this filter. */
  filter: string;
  qos: QoS;
  reply: ReplyKind;
  /** The fixed payload or the template (UTF-8 text); empty for an echo. */
  text: string;
  delayMs: number;
  /** Requests answered: their reply was handed to the client. */
  answered: number;
  /** Requests on the filter without a Response Topic: nobody to answer, so not answered. */
  ignored: number;
  /** Replies that could not be sent, and the last reason. */
  failed: number;
  lastFailure?: string;
  lastFailureText?: Message;
}

/** A request and its response on one connection's timeline: the responder's or the requester's side. */
export interface ExchangePair {
  requestSeq: number;
  responseSeq?: number;
  /** "request #3" on the requester, "responder rule 1 (echo)" on the responder: in English (CLI, tests). */
  label: string;
  /** The same label to word in the language on screen. */
  labelText?: Message;
  roundTripMs?: number;
}

export interface ExchangeSnapshot {
  connectionId: string;
  requests: RequestExchange[];
  unmatched: UnmatchedResponse[];
  /** How many unmatched responses were dropped from the list to keep it short. */
  unmatchedDropped: number;
  rules: ResponderRule[];
  pairs: ExchangePair[];
}

export const EXCHANGE_PAYLOAD_CHARS = 4096;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
