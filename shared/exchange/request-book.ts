import type { ExchangeMessage, RequestExchange, UnmatchedResponse } from '../domain/exchange';
import { english, msg, type Message } from '../i18n';

/** What a PUBLISH on a response topic turned out to be. */
export type ResponseVerdict =
  | { kind: 'answered'; request: RequestExchange }
  | { kind: 'late'; request: RequestExchange }
  | { kind: 'unmatched'; unmatched: UnmatchedResponse };

interface HeldRequest {
  view: RequestExchange;
  /** Monotonic ms when the request's PUBLISH went out; the timeout counts from here. */
  sentAtMs?: number;
}

/** Requests kept per connection; the oldest go first, and a response to one of them is then unmatched. */
export const MAX_REQUESTS_HELD = 500;
export const MAX_UNMATCHED_HELD = 200;

/**
 * The requests of one connection, paired with their responses by Correlation Data. Pure: times are
 * passed in (monotonic ms), so the classification of a response as answered, late or unmatched is
 * the same in a test as on the wire.
 */
export class RequestBook {
  private readonly held = new Map<string, HeldRequest>();
  private readonly order: HeldRequest[] = [];
  private readonly topics = new Set<string>();
  private nextNumber = 1;
  readonly unmatched: UnmatchedResponse[] = [];
  unmatchedDropped = 0;

  /** Starts a request in the state `sending`; its number is the next one. */
  add(fields: Omit<RequestExchange, 'requestNumber' | 'state'>): RequestExchange {
    const view: RequestExchange = { ...fields, requestNumber: this.nextNumber++, state: 'sending' };
    const entry: HeldRequest = { view };
    this.held.set(view.correlationHex, entry);
    this.order.push(entry);
    this.topics.add(view.responseTopic);
    if (this.order.length > MAX_REQUESTS_HELD) this.forget(this.order.shift());
    return view;
  }

  /** The request's PUBLISH went out now: the wait for its response starts. */
  noteSent(correlationHex: string, seq: number, monotonicMs: number, wallTime: number): RequestExchange | undefined {
    const entry = this.held.get(correlationHex);
    if (!entry || entry.view.state !== 'sending') return undefined;
    entry.sentAtMs = monotonicMs;
    entry.view.state = 'waiting';
    entry.view.requestSeq = seq;
    entry.view.request = { ...entry.view.request, wallTime };
    return entry.view;
  }

  fail(correlationHex: string, reason: Message): RequestExchange | undefined {
    const entry = this.held.get(correlationHex);
    if (!entry || (entry.view.state !== 'sending' && entry.view.state !== 'waiting')) return undefined;
    entry.view.state = 'failed';
    entry.view.failure = english(reason.key, reason.params);
    entry.view.failureText = reason;
    return entry.view;
  }

  /** Whether a PUBLISH on this topic may be a response to one of our requests. */
  isResponseTopic(topic: string): boolean {
    return this.topics.has(topic);
  }

  /**
   * A PUBLISH arrived on a response topic. Matched by correlation data: within the request's
   * timeout it answers it; after, it is late (even if the timer has not fired yet); a second
   * response, or one whose correlation data is absent or unknown, is unmatched.
   */
  noteResponse(message: ExchangeMessage, correlationHex: string | undefined, seq: number, monotonicMs: number): ResponseVerdict {
    if (correlationHex === undefined) return this.unmatch(message, seq, msg('exchange.unmatched.noCorrelation'));
    const entry = this.held.get(correlationHex);
    if (!entry) return this.unmatch(message, seq, msg('exchange.unmatched.unknownCorrelation', { correlation: correlationHex }));
    const { view } = entry;
    if (view.state === 'answered' || view.state === 'late') return this.unmatch(message, seq, msg('exchange.unmatched.second', { number: view.requestNumber }));
    if (view.state === 'failed') return this.unmatch(message, seq, msg('exchange.unmatched.notSent', { number: view.requestNumber }));
    const sentAt = entry.sentAtMs ?? monotonicMs;
    const roundTripMs = Math.max(0, Math.round((monotonicMs - sentAt) * 10) / 10);
    view.response = message;
    view.responseSeq = seq;
    view.roundTripMs = roundTripMs;
    view.state = roundTripMs > view.timeoutMs ? 'late' : 'answered';
    return { kind: view.state, request: view };
  }

  /** Marks the requests still waiting past their timeout at `monotonicMs`; returns those it marked. */
  expire(monotonicMs: number): RequestExchange[] {
    const expired: RequestExchange[] = [];
    for (const entry of this.order) {
      if (entry.view.state !== 'waiting' || entry.sentAtMs === undefined) continue;
      if (monotonicMs - entry.sentAtMs >= entry.view.timeoutMs) {
        entry.view.state = 'timed-out';
        expired.push(entry.view);
      }
    }
    return expired;
  }

  /** Every request held, oldest first. */
  list(): RequestExchange[] {
    return this.order.map((entry) => entry.view);
  }

  clear(): void {
    this.held.clear();
    this.order.length = 0;
    this.unmatched.length = 0;
    this.unmatchedDropped = 0;
    // Response topics stay: the subscriptions to them do, and responses on them are still ours.
  }

  private forget(entry: HeldRequest | undefined): void {
    if (!entry) return;
    this.held.delete(entry.view.correlationHex);
  }

  private unmatch(message: ExchangeMessage, seq: number, reason: Message): ResponseVerdict {
    const unmatched: UnmatchedResponse = { message, reason: english(reason.key, reason.params), reasonText: reason, seq };
    this.unmatched.push(unmatched);
    if (this.unmatched.length > MAX_UNMATCHED_HELD) {
      this.unmatched.shift();
      this.unmatchedDropped++;
    }
    return { kind: 'unmatched', unmatched };
  }
}
