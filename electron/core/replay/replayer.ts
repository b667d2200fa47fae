import type { QoS } from '../../../shared/domain/profile';
import type { ReplayOptions, ReplayStatus } from '../../../shared/domain/replay';
import { topicMatches } from '../../../shared/mqtt/topics';
import type { Connection } from '../connections/connection';
import { readRecording } from '../recording/recording-reader';
import { realClock, SPIN_MS } from '../schedules/send-loop';
import { TimingHistogram } from './timing-histogram';
import { topicRewriter } from './topic-rewrite';
import { englishOf, msg, type Message } from '../../../shared/i18n';
import { WordedError, wordingOf } from '../recording/worded-error';

interface Scheduled {
  topic: string;
  payload: Buffer;
  qos: QoS;
  retain: boolean;
  /** Recorded monotonic ms: the schedule keeps the intervals between messages. */
  m: number;
}

/** Sends never wait on the previous acknowledgement; this many unacknowledged at once, then it waits. */
const MAX_IN_FLIGHT = 1000;
const STATUS_INTERVAL_MS = 250;

/**
 * Replays a recording through a connection: with the recorded intervals scaled by a speed factor,
 * or as fast as possible; once or in a loop; with topics rewritten and QoS/retain kept or replaced.
 * It measures how far each send was from its scheduled time, and counts what was acknowledged and
 * what failed, and why.
 */
export class Replayer {
  private status: ReplayStatus = emptyStatus('idle');
  private messages: Scheduled[] = [];
  private options: ReplayOptions | undefined;
  private connection: Connection | undefined;
  private index = 0;
  private startedAt = 0;
  private pausedAt: number | undefined;
  private errors = new TimingHistogram();
  private inFlight = 0;
  /** By English reason: how many, and the reason as a Message when there is one. */
  private failures = new Map<string, { count: number; text?: Message }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private statusTimer: ReturnType<typeof setInterval> | undefined;
  private generation = 0;

  constructor(private readonly onStatus: (status: ReplayStatus) => void) {}

  current(): ReplayStatus {
    const status: ReplayStatus = { ...this.status, awaitingAck: this.inFlight, failures: [...this.failures].map(([reason, { count, text }]) => (text ? { reason, count, text } : { reason, count })) };
    const timing = this.errors.summary();
    if (timing) status.timing = timing;
    return status;
  }

  async start(connection: Connection, path: string, options: ReplayOptions): Promise<ReplayStatus> {
    if (this.status.state === 'running' || this.status.state === 'paused' || this.status.state === 'loading' || this.status.state === 'settling') {
      throw new WordedError(msg('recordings.core.replayRunning'));
    }
    if (!connection.isConnected) throw new WordedError(msg('recordings.core.notConnected', { name: connection.snapshot().profile.name }));
    const generation = ++this.generation;
    this.status = { ...emptyStatus('loading'), connectionId: connection.id, path };
    this.emit();
    const rewrite = topicRewriter(options.rewrite);
    const messages: Scheduled[] = [];
    await readRecording(path, {
      message: (record) => {
        if (options.direction !== 'both' && record.dir !== options.direction) return;
        if (options.filter !== undefined && !topicMatches(options.filter, record.topic)) return;
        messages.push({
          topic: rewrite(record.topic),
          payload: Buffer.from(record.payload, 'base64'),
          qos: options.qos ?? record.qos,
          retain: options.retain ?? record.retain,
          m: record.m,
        });
      },
    });
    if (generation !== this.generation) return this.current();
    this.messages = messages;
    this.options = options;
    this.connection = connection;
    this.index = 0;
    this.errors = new TimingHistogram();
    this.failures = new Map();
    this.inFlight = 0;
    this.status = { ...emptyStatus(messages.length === 0 ? 'finished' : 'running'), connectionId: connection.id, path, total: messages.length };
    if (messages.length > 0) {
      this.startedAt = performance.now();
      this.statusTimer = setInterval(() => this.emit(), STATUS_INTERVAL_MS);
      this.statusTimer.unref?.();
      this.step(generation);
    }
    this.emit();
    return this.current();
  }

  pause(): ReplayStatus {
    if (this.status.state !== 'running') return this.current();
    this.pausedAt = performance.now();
    this.status.state = 'paused';
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.emit();
    return this.current();
  }

  resume(): ReplayStatus {
    if (this.status.state !== 'paused' || this.pausedAt === undefined) return this.current();
    // The schedule moves on by the pause, so the rest keeps its recorded intervals.
    this.startedAt += performance.now() - this.pausedAt;
    this.pausedAt = undefined;
    this.status.state = 'running';
    this.step(this.generation);
    this.emit();
    return this.current();
  }

  stop(): ReplayStatus {
    if (this.status.state === 'running' || this.status.state === 'paused' || this.status.state === 'loading' || this.status.state === 'settling') this.end('stopped');
    return this.current();
  }

  private step(generation: number): void {
    this.timer = undefined;
    const options = this.options;
    const connection = this.connection;
    if (!options || !connection || generation !== this.generation || this.status.state !== 'running') return;
    const first = this.messages[0];
    for (let sentThisTurn = 0; ; sentThisTurn++) {
      if (this.index >= this.messages.length) {
        this.status.passes++;
        if (!options.loop) return this.sentAll();
        this.index = 0;
        this.status.sent = 0;
        this.startedAt = performance.now();
      }
      const message = this.messages[this.index];
      if (!message || !first) return this.sentAll();
      // As fast as possible means as fast as the broker takes it: into the offline queue it would
      // only fill it in moments, to be refused when full, and nothing would be acknowledged.
      const held = options.speed === 'max' && connection.queuesPublishes;
      if (this.inFlight >= MAX_IN_FLIGHT || held) {
        this.timer = setTimeout(() => this.step(generation), held ? 20 : 1);
        return;
      }
      if (options.speed !== 'max') {
        const due = this.startedAt + (message.m - first.m) / options.speed;
        const wait = due - performance.now();
        if (wait > SPIN_MS) {
          this.timer = setTimeout(() => this.step(generation), wait - SPIN_MS);
          return;
        }
        realClock.spinUntil(due);
        this.errors.add(performance.now() - due);
      } else if (sentThisTurn >= 500) {
        // As fast as possible, yet the event loop still gets to read acknowledgements.
        this.timer = setTimeout(() => this.step(generation), 0);
        return;
      }
      this.send(connection, message);
      this.index++;
      this.status.sent++;
    }
  }

  private send(connection: Connection, message: Scheduled): void {
    this.inFlight++;
    connection.publish(message.topic, message.payload, message.qos, message.retain).then(
      ({ outcome }) => {
        this.settled();
        if (outcome.kind === 'acked' && outcome.reasonCode !== undefined && outcome.reasonCode >= 0x80) this.fail(msg('recordings.core.replayAckFailed', { ack: outcome.ack, code: outcome.reasonCode.toString(16) }));
        else if (outcome.kind === 'acked') this.status.acked++;
        else if (outcome.kind === 'queued') this.status.queued++;
      },
      (error: unknown) => {
        this.settled();
        this.fail(wordingOf(error));
      },
    );
  }

  /**
   * The last sends are not the end: their acknowledgements are still on the way, and a report that
   * said "finished" with none of them counted would be wrong. Finished is when the last one is in.
   */
  private sentAll(): void {
    if (this.inFlight === 0) return this.end('finished');
    this.status.state = 'settling';
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.emit();
  }

  /** After the last send, the last acknowledgements still change the report: say so when they are all in. */
  private settled(): void {
    this.inFlight--;
    if (this.inFlight !== 0) return;
    if (this.status.state === 'settling') {
      // After this acknowledgement's own counting, which follows in the same turn.
      queueMicrotask(() => {
        if (this.status.state === 'settling' && this.inFlight === 0) this.end('finished');
      });
    }
    else if (this.status.state !== 'running' && this.status.state !== 'paused') queueMicrotask(() => this.emit());
  }

  /** `reason` as a Message is counted under its English wording, which the CLI and logs read. */
  private fail(reason: string | Message): void {
    this.status.failed++;
    const english = typeof reason === 'string' ? reason : englishOf(reason);
    const count = (this.failures.get(english)?.count ?? 0) + 1;
    this.failures.set(english, typeof reason === 'string' ? { count } : { count, text: reason });
  }

  private end(state: 'finished' | 'stopped' | 'failed', error?: string | Message): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.timer = undefined;
    this.statusTimer = undefined;
    this.status.state = state;
    if (typeof error === 'string') this.status.error = error;
    else if (error) {
      this.status.error = englishOf(error);
      this.status.errorText = error;
    }
    this.emit();
  }

  private emit(): void {
    this.onStatus(this.current());
  }
}

function emptyStatus(state: ReplayStatus['state']): ReplayStatus {
  return { state, total: 0, sent: 0, passes: 0, acked: 0, failed: 0, queued: 0, awaitingAck: 0, failures: [] };
}
