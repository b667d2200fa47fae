import { randomUUID } from 'node:crypto';
import type { RepeatedMessage, SchedulePlan, ScheduleStatus } from '../../../shared/domain/schedule';
import { checkTopicName } from '../../../shared/mqtt/topics';
import { TemplateRun, compileMessage } from '../../../shared/templates/template-run';
import type { RenderedMessage } from '../../../shared/templates/template-run';
import { AppError } from '../app-error';
import { englishOf, msg, type Message } from '../../../shared/i18n';
import type { Connection } from '../connections/connection';
import { encodeScheduledPayload } from './schedule-payload';
import { SendLoop, realClock } from './send-loop';
import type { LoopClock } from './send-loop';

/** Beyond this many sends waiting for their acknowledgement, a send is counted failed rather than piling up. */
const MAX_IN_FLIGHT = 10_000;
const RATE_WINDOW_MS = 1000;

type Payloads = { next(): RenderedMessage };

/**
 * One timed publish: the message (a template, filled in anew for each send, or fixed) sent by a
 * drift-free SendLoop through one connection, counting what was sent, acknowledged and failed.
 */
export class Schedule {
  private readonly status: ScheduleStatus;
  private readonly loop: SendLoop;
  private readonly messages: Payloads;
  private readonly fixedBytes: Uint8Array | undefined;
  private inFlight = 0;
  private readonly rateSamples: { at: number; sent: number }[] = [];

  constructor(
    readonly scheduleId: number,
    private readonly connection: Connection,
    private readonly message: RepeatedMessage,
    plan: SchedulePlan,
    private readonly onEnd: (schedule: Schedule) => void,
    private readonly clock: LoopClock = realClock,
  ) {
    this.messages = prepare(message);
    if (!message.template) {
      const encoded = encodeScheduledPayload(message, message.topic, message.text, () => this.protobufSettings());
      if (!encoded.ok) throw new AppError('invalid_input', msg('publish.scheduleCore.inField', { field: 'message.text' }, { problem: encoded.text }));
      this.fixedBytes = encoded.bytes;
    }
    this.status = {
      scheduleId,
      connectionId: connection.id,
      topic: message.topic,
      intervalMs: plan.intervalMs,
      ...(plan.count !== undefined ? { count: plan.count } : {}),
      jitterMs: plan.jitterMs,
      state: 'running',
      sent: 0,
      acknowledged: 0,
      failed: 0,
      rate: 0,
      startedAt: Date.now(),
    };
    this.loop = new SendLoop(plan, () => this.send(), () => this.end('finished'), clock);
  }

  start(): void {
    const startedAt = this.clock.now();
    this.loop.start();
    // The first send goes at the start: counting it would put one send too many in the first interval.
    this.rateSamples.push({ at: startedAt, sent: this.status.sent });
  }

  stop(reason: Message): void {
    if (this.status.state === 'running') this.end('stopped', reason);
  }

  get running(): boolean {
    return this.status.state === 'running';
  }

  current(): ScheduleStatus {
    const timing = this.loop.timing();
    return { ...this.status, ...(timing ? { timing } : {}) };
  }

  /** Called a few times a second: the real rate over the last second. */
  sample(): void {
    if (!this.running) return;
    const now = this.clock.now();
    this.rateSamples.push({ at: now, sent: this.status.sent });
    while (this.rateSamples.length > 2 && now - (this.rateSamples[1]?.at ?? now) >= RATE_WINDOW_MS) this.rateSamples.shift();
    const oldest = this.rateSamples[0];
    if (oldest && now > oldest.at) this.status.rate = Math.round(((this.status.sent - oldest.sent) / (now - oldest.at)) * 1000 * 10) / 10;
  }

  private send(): void {
    this.status.sent++;
    let rendered: RenderedMessage;
    let bytes: Uint8Array;
    try {
      rendered = this.messages.next();
      if (this.fixedBytes) bytes = this.fixedBytes;
      else {
        const encoded = encodeScheduledPayload(this.message, rendered.topic, rendered.payload, () => this.protobufSettings());
        if (!encoded.ok) return this.fail(msg('publish.scheduleCore.filledPayload', {}, { detail: encoded.text }));
        bytes = encoded.bytes;
      }
      if (rendered.topic !== this.message.topic || this.message.template) {
        const check = checkTopicName(rendered.topic);
        if (!check.ok) return this.fail(msg('publish.scheduleCore.filledTopic', { topic: rendered.topic }, { detail: check.text }));
      }
    } catch (error) {
      return this.fail(error instanceof Error ? error.message : String(error));
    }
    if (this.inFlight >= MAX_IN_FLIGHT) return this.fail(msg('publish.scheduleCore.inFlight', { count: MAX_IN_FLIGHT }));
    this.inFlight++;
    const { qos, retain, properties, topicAlias } = this.message;
    const options = properties || topicAlias ? { ...(properties ? { properties } : {}), ...(topicAlias ? { topicAlias } : {}) } : undefined;
    this.connection.publish(rendered.topic, bytes, qos, retain, options).then(
      ({ outcome }) => {
        this.settle();
        if (outcome.kind === 'acked' && outcome.reasonCode !== undefined && outcome.reasonCode >= 0x80) this.fail(msg('publish.scheduleCore.refusedAck', { ack: outcome.ack, code: outcome.reasonCode.toString(16) }));
        else if (outcome.kind === 'acked') this.status.acknowledged++;
      },
      (error: unknown) => {
        this.settle();
        this.fail(error instanceof Error ? error.message : String(error));
      },
    );
  }

  private protobufSettings() {
    return this.connection.snapshot().profile.protobuf;
  }

  /** After its end, a schedule's last acknowledgements still change its figures: report once they are all in. */
  private settle(): void {
    this.inFlight--;
    // After this acknowledgement's own counting, which follows in the same turn.
    if (this.inFlight === 0 && !this.running) queueMicrotask(() => this.onEnd(this));
  }

  /** A failure of ours is a message, worded where shown; one thrown by a library is its own text. */
  private fail(reason: Message | string): void {
    this.status.failed++;
    if (typeof reason === 'string') {
      this.status.lastError = reason;
      delete this.status.lastErrorText;
    } else {
      this.status.lastError = englishOf(reason);
      this.status.lastErrorText = reason;
    }
  }

  private end(state: 'finished' | 'stopped', reason?: Message): void {
    this.loop.stop();
    this.sample();
    this.status.state = state;
    if (reason) {
      this.status.reason = englishOf(reason);
      this.status.reasonText = reason;
    }
    this.onEnd(this);
  }
}

function prepare(message: RepeatedMessage): Payloads {
  if (!message.template) {
    const fixed = { topic: message.topic, payload: message.text };
    const check = checkTopicName(message.topic);
    if (!check.ok) throw new AppError('invalid_input', msg('publish.scheduleCore.inField', { field: 'message.topic' }, { problem: check.text }));
    return { next: () => fixed };
  }
  const compiled = compileMessage(message.topic, message.text);
  if (!compiled.ok) throw new AppError('invalid_input', msg('publish.scheduleCore.inField', { field: compiled.field === 'topic' ? 'message.topic' : 'message.text' }, { problem: compiled.text }));
  // Each schedule has its own numbering and walks.
  const run = new TemplateRun(compiled, { random: Math.random, nowMs: Date.now, uuid: randomUUID });
  return { next: () => run.take() };
}
