import type { ExchangePair, ReplyKind, ResponderRule } from '../../../shared/domain/exchange';
import type { QoS } from '../../../shared/domain/profile';
import { correlationHex } from '../../../shared/exchange/correlation';
import { renderReplyTemplate } from '../../../shared/exchange/reply-template';
import { checkTopicName, topicMatches } from '../../../shared/mqtt/topics';
import { AppError } from '../app-error';
import type { Connection } from '../connections/connection';
import { toBuffer } from '../connections/publish-with-ack';
import type { SeenPublish } from './exchange-packets';
import { englishOf, msg, type Message } from '../../../shared/i18n';
import { pairLabel } from '../../../shared/exchange/pair-label';

export interface RuleToAdd {
  filter: string;
  qos: QoS;
  reply: ReplyKind;
  text: string;
  delayMs: number;
}

/** A reply handed to the client whose PUBLISH the tap has not seen yet. */
interface ReplyOnItsWay {
  topic: string;
  correlationHex: string | undefined;
  pair: ExchangePair;
  requestMonotonicMs: number;
}

/** Replies waiting out their rule's delay, at most: a flood of requests must not grow timers without bound. */
const MAX_WAITING_REPLIES = 10_000;
/** Pairs kept for the timeline. */
const MAX_PAIRS = 500;

/**
 * The answering side of MQTT 5 request/response on one connection. Each rule subscribes to its
 * filter; a request arriving there is answered on its Response Topic with its Correlation Data by
 * the first rule that matches. A request without a Response Topic has nobody to answer and is only
 * counted. Replies carry no Response Topic, so a responder that hears its own replies ignores them.
 */
export class Responder {
  private readonly rules: ResponderRule[] = [];
  private nextRuleId = 1;
  private readonly waiting = new Set<ReturnType<typeof setTimeout>>();
  private readonly onTheirWay: ReplyOnItsWay[] = [];
  readonly pairs: ExchangePair[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly changed: () => void,
  ) {}

  list(): ResponderRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  async add(input: RuleToAdd): Promise<ResponderRule> {
    const version = this.connection.snapshot().profile.protocolVersion;
    if (version !== 5) throw new AppError('invalid_input', msg('exchange.core.responderNeedsV5'));
    // In place before the SUBSCRIBE: a broker may send requests right behind its SUBACK, before the answer reaches us.
    const rule: ResponderRule = { ruleId: this.nextRuleId++, ...input, text: input.reply === 'echo' ? '' : input.text, answered: 0, ignored: 0, failed: 0 };
    this.rules.push(rule);
    let subscription;
    try {
      subscription = await this.connection.subscribe(input.filter, input.qos);
    } finally {
      if (subscription?.state !== 'granted') this.rules.splice(this.rules.indexOf(rule), 1);
    }
    if (subscription.state !== 'granted') throw new AppError('mqtt_error', subscription.reason ? msg('exchange.core.ruleRefused', { filter: input.filter, reason: subscription.reason }) : msg('exchange.core.ruleNotGranted', { filter: input.filter }));
    this.changed();
    return { ...rule };
  }

  remove(ruleId: number): void {
    const index = this.rules.findIndex((rule) => rule.ruleId === ruleId);
    if (index === -1) throw new AppError('not_found', msg('exchange.core.noRule', { id: ruleId }));
    this.rules.splice(index, 1);
    this.changed();
  }

  onPublish(seen: SeenPublish): void {
    if (seen.direction === 'sent') {
      this.noteReplySent(seen);
      return;
    }
    const rule = this.rules.find((candidate) => topicMatches(candidate.filter, seen.topic));
    if (!rule) return;
    if (seen.responseTopic === undefined) {
      rule.ignored++;
      this.changed();
      return;
    }
    if (this.waiting.size >= MAX_WAITING_REPLIES) {
      this.failed(rule, msg('exchange.core.tooManyWaiting', { max: MAX_WAITING_REPLIES }));
      return;
    }
    if (rule.delayMs === 0) {
      this.reply(rule, seen);
      return;
    }
    const timer = setTimeout(() => {
      this.waiting.delete(timer);
      this.reply(rule, seen);
    }, rule.delayMs);
    this.waiting.add(timer);
  }

  dispose(): void {
    for (const timer of this.waiting) clearTimeout(timer);
    this.waiting.clear();
  }

  private reply(rule: ResponderRule, request: SeenPublish): void {
    const responseTopic = request.responseTopic ?? '';
    // MQTT-3.3.2-14: no wildcard in a Response Topic. A broker that passes one on must not make us
    // publish to it, which a strict broker answers by closing our connection.
    const check = checkTopicName(responseTopic);
    if (!check.ok) {
      this.failed(rule, msg('exchange.core.badResponseTopic', { topic: JSON.stringify(responseTopic) }, { reason: check.text }));
      return;
    }
    let client;
    try {
      client = this.connection.liveClient('answerRequest');
    } catch (error) {
      this.failed(rule, failureOf(error));
      return;
    }
    const payload = replyPayload(rule, request);
    const hex = request.correlationData ? correlationHex(request.correlationData) : undefined;
    const pair: ExchangePair = { requestSeq: request.seq, ...pairLabel(msg('exchange.pair.responder', { id: rule.ruleId, reply: rule.reply })) };
    this.onTheirWay.push({ topic: responseTopic, correlationHex: hex, pair, requestMonotonicMs: request.monotonicMs });
    this.keepPair(pair);
    // MQTT 5, 4.10.2: the response carries the request's Correlation Data, unchanged.
    const properties = request.correlationData ? { correlationData: Buffer.from(request.correlationData) } : {};
    const settled = (error?: Error) => {
      if (error) {
        const code = (error as { code?: unknown }).code;
        this.failed(rule, typeof code === 'number' ? msg('exchange.core.replyRefused', { code: code.toString(16).padStart(2, '0') }) : failureOf(error));
        return;
      }
      rule.answered++;
      this.changed();
    };
    // This may run from a timer, where nothing catches: a throw would end the app, not the reply.
    try {
      client.publish(responseTopic, toBuffer(payload), { qos: rule.qos, properties }, settled);
    } catch (error) {
      settled(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The tap saw one of our replies go out: its pair gets the reply's packet and the time the responder took. */
  private noteReplySent(seen: SeenPublish): void {
    const hex = seen.correlationData ? correlationHex(seen.correlationData) : undefined;
    // A topic alias may leave the sent topic empty; the correlation data still names the reply.
    const index = this.onTheirWay.findIndex((reply) => reply.correlationHex === hex && (reply.topic === seen.topic || seen.topic === ''));
    if (index === -1) return;
    const [reply] = this.onTheirWay.splice(index, 1);
    if (!reply) return;
    reply.pair.responseSeq = seen.seq;
    reply.pair.roundTripMs = Math.round((seen.monotonicMs - reply.requestMonotonicMs) * 10) / 10;
    this.changed();
  }

  private keepPair(pair: ExchangePair): void {
    this.pairs.push(pair);
    if (this.pairs.length > MAX_PAIRS) this.pairs.shift();
    if (this.onTheirWay.length > MAX_PAIRS) this.onTheirWay.shift();
  }

  /** A failure of ours is a message, worded where shown; one thrown by a library is its own text. */
  private failed(rule: ResponderRule, reason: Message | string): void {
    rule.failed++;
    if (typeof reason === 'string') {
      rule.lastFailure = reason;
      delete rule.lastFailureText;
    } else {
      rule.lastFailure = englishOf(reason);
      rule.lastFailureText = reason;
    }
    this.changed();
  }
}

/** The reply's bytes: the request's own for an echo, else the fixed text or the filled template as UTF-8. */
export function replyPayload(rule: Pick<ResponderRule, 'reply' | 'text'>, request: SeenPublish): Uint8Array {
  if (rule.reply === 'echo') return request.payload;
  const text =
    rule.reply === 'fixed'
      ? rule.text
      : renderReplyTemplate(rule.text, {
          topic: request.topic,
          payload: request.payload,
          qos: request.qos,
          receivedAt: request.wallTime,
          ...(request.responseTopic !== undefined ? { responseTopic: request.responseTopic } : {}),
          ...(request.correlationData ? { correlationData: request.correlationData } : {}),
          ...(request.properties?.contentType !== undefined ? { contentType: request.properties.contentType } : {}),
          ...(request.properties?.userProperties ? { userProperties: request.properties.userProperties } : {}),
        });
  return new TextEncoder().encode(text);
}

/** An AppError of ours carries its sentence as a Message, worded where shown; anything else is its own text. */
function failureOf(error: unknown): Message | string {
  if (error instanceof AppError && error.text) return error.text;
  return error instanceof Error ? error.message : String(error);
}
