import { randomBytes } from 'node:crypto';
import type { RequestExchange } from '../../../shared/domain/exchange';
import type { QoS } from '../../../shared/domain/profile';
import { CORRELATION_BYTES, correlationHex, exchangeMessage } from '../../../shared/exchange/correlation';
import { RequestBook } from '../../../shared/exchange/request-book';
import { checkTopicName, topicMatches } from '../../../shared/mqtt/topics';
import { describeReasonCodeMessage } from '../../../shared/mqtt/reason-codes';
import { AppError } from '../app-error';
import { monotonicMs } from '../broker/wire/monotonic-clock';
import type { Connection } from '../connections/connection';
import { toBuffer } from '../connections/publish-with-ack';
import type { SeenPublish } from './exchange-packets';
import { msg } from '../../../shared/i18n';

export interface RequestToSend {
  topic: string;
  qos: QoS;
  payload: Uint8Array;
  responseTopic: string;
  timeoutMs: number;
}

/** What the response topic defaults to, and why. */
export interface DefaultResponseTopic {
  responseTopic: string;
  source: 'response-information' | 'default';
}

/**
 * The requesting side of MQTT 5 request/response on one connection: subscribes to the response
 * topic, publishes each request with Response Topic and fresh Correlation Data, and pairs what
 * arrives on the response topics with the requests by that data.
 */
export class Requester {
  readonly book = new RequestBook();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly subscribing = new Map<string, Promise<void>>();

  constructor(
    private readonly connection: Connection,
    private readonly changed: () => void,
  ) {}

  /** From the broker's Response Information when it sent one (the connection asked for it), else under mqtt-lab/responses/ and the client id. */
  defaultResponseTopic(): DefaultResponseTopic {
    const snapshot = this.connection.snapshot();
    const information = snapshot.broker?.properties.responseInformation;
    const fromInformation = information ? responseTopicFrom(information) : undefined;
    if (fromInformation && checkTopicName(fromInformation).ok) return { responseTopic: fromInformation, source: 'response-information' };
    const clientId = snapshot.broker?.properties.assignedClientIdentifier ?? snapshot.profile.clientId;
    // A client id may hold characters a topic may not (wildcards); those are replaced.
    return { responseTopic: `mqtt-lab/responses/${(clientId || 'client').replace(/[+#/\u0000]/g, '_')}`, source: 'default' };
  }

  async send(request: RequestToSend): Promise<RequestExchange> {
    const version = this.connection.snapshot().profile.protocolVersion;
    if (version !== 5) throw new AppError('invalid_input', msg('exchange.core.requestNeedsV5', { version: versionName(version) }));
    this.connection.liveClient('sendRequest');
    await this.subscribeTo(request.responseTopic);
    const client = this.connection.liveClient('sendRequest');
    const correlation = randomBytes(CORRELATION_BYTES);
    const hex = correlationHex(correlation);
    const view = this.book.add({
      correlationHex: hex,
      responseTopic: request.responseTopic,
      timeoutMs: request.timeoutMs,
      request: exchangeMessage({ ...request, properties: { responseTopic: request.responseTopic, correlationDataHex: hex }, wallTime: Date.now() }),
    });
    this.changed();
    try {
      // Bounded by the request's own timeout: an acknowledgement that never comes must not hold the answer.
      await raceTimeout(
        client.publishAsync(request.topic, toBuffer(request.payload), { qos: request.qos, properties: { responseTopic: request.responseTopic, correlationData: correlation } }),
        request.timeoutMs,
      );
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // The reason code keeps the spec's name; a library's error is its own text.
      const reason = typeof code === 'number' ? msg('exchange.core.refused', undefined, { reason: describeReasonCodeMessage(code, request.qos === 1 ? 'PUBACK' : 'PUBREC') }) : msg('exchange.core.notSent', { reason: error instanceof Error ? error.message : String(error) });
      this.book.fail(hex, reason);
      this.changed();
    }
    return { ...view };
  }

  onPublish(seen: SeenPublish): void {
    if (seen.direction === 'sent') {
      if (!seen.correlationData || seen.responseTopic === undefined) return;
      const view = this.book.noteSent(correlationHex(seen.correlationData), seen.seq, seen.monotonicMs, seen.wallTime);
      if (!view) return;
      this.startTimer(view.timeoutMs);
      this.changed();
      return;
    }
    if (!this.book.isResponseTopic(seen.topic)) return;
    const message = exchangeMessage(seen);
    this.book.noteResponse(message, seen.correlationData ? correlationHex(seen.correlationData) : undefined, seen.seq, seen.monotonicMs);
    this.changed();
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /**
   * Subscribes to the response topic unless a granted subscription already brings it. Requests
   * sent together share one SUBSCRIBE: the subscription list holds one entry per filter, and
   * several SUBSCRIBEs for it in flight at once leave all but one without their answer.
   */
  private subscribeTo(responseTopic: string): Promise<void> {
    const asked = this.subscribing.get(responseTopic);
    if (asked) return asked;
    const subscribing = this.subscribeOnce(responseTopic).finally(() => this.subscribing.delete(responseTopic));
    this.subscribing.set(responseTopic, subscribing);
    return subscribing;
  }

  private async subscribeOnce(responseTopic: string): Promise<void> {
    // A shared subscription would hand a response to any member of its group, not necessarily to us.
    const covered = this.connection
      .snapshot()
      .subscriptions.some((subscription) => subscription.state === 'granted' && !subscription.filter.startsWith('$share/') && topicMatches(subscription.filter, responseTopic));
    if (covered) return;
    const result = await this.connection.subscribe(responseTopic, 1);
    if (result.state !== 'granted') {
      throw new AppError('mqtt_error', result.reason ? msg('exchange.core.responseTopicRefused', { topic: responseTopic, reason: result.reason }) : msg('exchange.core.responseTopicNotGranted', { topic: responseTopic }));
    }
  }

  private startTimer(timeoutMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.book.expire(monotonicMs()).length > 0) this.changed();
    }, timeoutMs + 1);
    this.timers.add(timer);
  }
}

function versionName(version: number): string {
  return version === 4 ? '3.1.1' : version === 3 ? '3.1' : String(version);
}

/** The broker's Response Information is the base of a response topic (MQTT 5, 4.10.1): a level under it for MQTT Lab. */
export function responseTopicFrom(information: string): string {
  return `${information.replace(/\/+$/, '')}/mqtt-lab`;
}

async function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
