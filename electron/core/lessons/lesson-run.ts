import { randomUUID } from 'node:crypto';
import { defaultBrokerSettings } from '../../../shared/domain/broker';
import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import type { Action, Expectation, Lesson, TryIt } from '../../../shared/lessons/lesson-format';
import { checkExpectation } from '../../../shared/lessons/lesson-checks';
import type { CheckContext } from '../../../shared/lessons/lesson-checks';
import type { LessonActorState, LessonPhase, LessonSpeed, LessonState, LessonTarget, StepState } from '../../../shared/lessons/lesson-state';
import type { CheckResult, TracePacket } from '../../../shared/lessons/lesson-trace';
import { AppError } from '../app-error';
import { english, msg } from '../../../shared/i18n';
import { pickText } from '../../../shared/lessons/localized-text';
import { wordAll } from '../../../shared/lessons/lesson-wording';
import { BrokerService } from '../broker/broker-service';
import { monotonicMs } from '../broker/wire/monotonic-clock';
import { Connection } from '../connections/connection';
import { EventBus } from '../event-bus';
import { actorClientId, actorProfile, endpointOfUrl, faultInputOf } from './lesson-actors';
import { actOnActor, errorIn } from './lesson-actor-actions';
import type { ActorRuntime, Note } from './lesson-actor-actions';
import type { ActorEndpoint } from './lesson-actors';
import { freeLoopbackPort } from './free-port';
import { LessonTraceRecorder } from './lesson-trace-recorder';

/** Slow motion: the lesson broker holds every delivery and acknowledgement this long, so an arrow can be followed. */
export const SLOW_MOTION_MS = 800;
/** How long a step's checks wait for their packets before they are judged as they stand. */
const SETTLE_MS = 3000;
/** Once every check holds, how long the trace must stay as it is (a late duplicate would show in it). */
const QUIET_MS = 300;
const POLL_MS = 40;
/** A lesson's histories are small: a lesson sends tens of messages, not millions. */
const ACTOR_BUDGET = { maxMessages: 10_000, maxPayloadBytes: 16 * 1024 * 1024 };

export interface LessonRunOptions {
  lesson: Lesson;
  target: LessonTarget;
  speed: LessonSpeed;
  /** Told whenever the state the stage shows changed (throttled by the listener). */
  changed(): void;
}

/**
 * One lesson, played against its own built-in broker (on a free port, apart from the user's) or
 * a broker the teacher named. The actors are real connections (the same Connection as the app's, so
 * the packet tap and inspector work) that are never saved and are disposed with the run. Commands run
 * one at a time, in the order asked.
 */
export class LessonRun {
  private broker: BrokerService | undefined;
  private readonly bus = new EventBus();
  private readonly actors = new Map<string, ActorRuntime>();
  private trace!: LessonTraceRecorder;
  private steps: StepState[] = [];
  /** Where each step that ran began in the trace, for expectations that count `since` an earlier step. */
  private stepStarts: { packets: number; events: number }[] = [];
  private nextStep = 0;
  private phase: LessonPhase = 'starting';
  private error: string | undefined;
  private commands: Promise<unknown> = Promise.resolve();
  private lessonFaults: number[] = [];
  private speedFaults: number[] = [];
  private endpoint!: ActorEndpoint;
  private brokerUrl = '';
  private unsubscribeBus: (() => void) | undefined;
  runId = randomUUID();
  speed: LessonSpeed;

  private constructor(private readonly options: LessonRunOptions) {
    this.speed = options.speed;
  }

  static async start(options: LessonRunOptions): Promise<LessonRun> {
    const run = new LessonRun(options);
    try {
      await run.open();
    } catch (error) {
      await run.close();
      throw error;
    }
    return run;
  }

  get lesson(): Lesson {
    return this.options.lesson;
  }

  private get builtIn(): boolean {
    return this.options.target.kind === 'built-in';
  }

  private async open(): Promise<void> {
    this.unsubscribeBus = this.bus.subscribe((envelope) => {
      if (envelope.name === 'connection.updated') this.onStatus(envelope.payload as ConnectionSnapshot);
    });
    if (this.options.target.kind === 'built-in') {
      this.broker = new BrokerService({ bus: this.bus });
      const port = await this.startBroker(this.broker);
      this.endpoint = { transport: 'mqtt', host: '127.0.0.1', port, path: '/mqtt' };
      this.brokerUrl = `mqtt://127.0.0.1:${port}`;
    } else {
      this.endpoint = endpointOfUrl(this.options.target.url);
      this.brokerUrl = this.options.target.url.trim();
    }
    await this.applySpeed();
    this.reset();
    this.phase = 'ready';
    this.options.changed();
  }

  /** On a free loopback port; another program may take the port between the probe and the listen, so it tries again. */
  private async startBroker(broker: BrokerService): Promise<number> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freeLoopbackPort();
      const users = this.lesson.broker?.users ?? [];
      await broker.saveSettings({ ...defaultBrokerSettings(), tcpPort: port, websocket: { enabled: false, port: await freeLoopbackPort() }, auth: users.length > 0 ? 'users' : 'anonymous', users });
      try {
        await broker.start();
        return port;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError instanceof Error ? lastError : new AppError('broker_error', msg('lessons.error.brokerStart'));
  }

  /** A fresh trace, fresh actors and every step pending. */
  private reset(): void {
    this.trace?.close();
    this.runId = randomUUID();
    this.trace = new LessonTraceRecorder(monotonicMs(), this.broker, (clientId) => [...this.actors.values()].find((runtime) => runtime.clientId === clientId)?.actor.name);
    for (const actor of this.lesson.actors) {
      const clientId = actorClientId(actor);
      const profile = actorProfile(actor, clientId, this.endpoint);
      const connection = new Connection(profile, this.bus, ACTOR_BUDGET);
      this.actors.set(actor.name, { actor, profile, connection, clientId, state: connection.snapshot().status });
      this.trace.watch(actor.name, connection, actor.protocolVersion);
    }
    this.steps = this.lesson.steps.map((step, index) => ({
      index,
      title: step.title,
      status: 'pending',
      results: [],
      notes: [],
      tryIt: step.tryIt.map((tryIt) => ({ label: tryIt.label, results: [], presses: 0 })),
    }));
    this.nextStep = 0;
    this.stepStarts = [];
  }

  state(): LessonState {
    this.trace.sync();
    const state: LessonState = {
      runId: this.runId,
      lessonId: this.lesson.id,
      title: this.lesson.title,
      target: this.options.target,
      brokerUrl: this.brokerUrl,
      speed: this.speed,
      phase: this.phase,
      nextStep: this.nextStep,
      steps: this.steps.map((step) => ({ ...step, results: [...step.results], notes: [...step.notes], ...(step.noteWording ? { noteWording: [...step.noteWording] } : {}), tryIt: step.tryIt.map((tryIt) => ({ ...tryIt })) })),
      actors: [...this.actors.values()].map((runtime) => this.actorState(runtime)),
      claims: countClaims(this.steps),
      traceSize: this.trace.packets.length,
    };
    if (this.error !== undefined) state.error = this.error;
    return state;
  }

  /** The trace as it stands (brought up to date first). */
  traceNow(): LessonTraceRecorder {
    this.trace.sync();
    return this.trace;
  }

  /** The lesson broker's bytes of one packet, while its log keeps them. */
  brokerFrame(seq: number): { bytes: Uint8Array; protocolVersion: 3 | 4 | 5 } | undefined {
    return this.broker?.packetFrame(seq);
  }

  /** The actor connection with this id, for the packet inspector. */
  connection(connectionId: string): Connection | undefined {
    return [...this.actors.values()].find((runtime) => runtime.connection.id === connectionId)?.connection;
  }

  next(): Promise<void> {
    return this.command(async () => {
      if (this.nextStep >= this.steps.length) throw new AppError('invalid_input', msg('lessons.error.over'));
      await this.runStep(this.nextStep);
    });
  }

  /** Runs every step left, one after another. */
  play(): Promise<void> {
    return this.command(async () => {
      while (this.nextStep < this.steps.length && !this.closed()) await this.runStep(this.nextStep);
    });
  }

  /** Starts again with fresh actors (and a fresh broker), replays the steps before `step`, and stops before it. */
  restartFrom(step: number): Promise<void> {
    return this.command(async () => {
      if (step < 0 || step >= this.steps.length) throw new AppError('invalid_input', msg('lessons.error.noStep', { step: String(step), last: String(this.steps.length - 1) }));
      await this.disposeActors();
      await this.removeFaults(this.lessonFaults);
      this.lessonFaults = [];
      if (this.broker) {
        // A new broker run: the sessions, retained messages and queues of the last run are gone.
        await this.broker.stop();
        await this.broker.start();
      }
      this.reset();
      this.options.changed();
      for (let index = 0; index < step && !this.closed(); index++) await this.runStep(index);
    });
  }

  tryIt(stepIndex: number, buttonIndex: number): Promise<CheckResult[]> {
    return this.command(async () => {
      const step = this.lesson.steps[stepIndex];
      const tryIt = step?.tryIt[buttonIndex];
      const state = this.steps[stepIndex]?.tryIt[buttonIndex];
      if (!step || !tryIt || !state) throw new AppError('invalid_input', msg('lessons.error.noTryIt', { step: String(stepIndex), button: String(buttonIndex) }));
      if (!this.builtIn && usesFaults(tryIt)) throw new AppError('invalid_input', msg('lessons.error.tryItNeedsBroker', { label: pickText(tryIt.label, 'en') }));
      this.phase = 'running';
      this.trace.sync();
      this.trace.step = stepIndex;
      const from = this.trace.packets.length;
      const eventsFrom = this.trace.events.length;
      const note = this.noteTo(this.steps[stepIndex]);
      for (const action of tryIt.actions) await this.actSafely(action, note, from, eventsFrom);
      state.results = await this.settle(tryIt.expect, from, eventsFrom);
      state.presses++;
      this.phase = this.nextStep >= this.steps.length ? 'finished' : 'ready';
      this.options.changed();
      return state.results;
    });
  }

  setSpeed(speed: LessonSpeed): Promise<void> {
    return this.command(async () => {
      this.speed = speed;
      await this.applySpeed();
      this.options.changed();
    });
  }

  /** Disconnects and disposes every actor and stops the lesson broker: nothing of the lesson is left running. */
  async close(): Promise<void> {
    this.phase = 'closed';
    await this.disposeActors();
    this.trace?.close();
    await this.broker?.close();
    this.unsubscribeBus?.();
  }

  private closed(): boolean {
    return this.phase === 'closed';
  }

  private command<T>(run: () => Promise<T>): Promise<T> {
    const done = this.commands.then(() => {
      if (this.closed()) throw new AppError('invalid_input', msg('lessons.error.closed'));
      return run();
    });
    this.commands = done.catch(() => undefined);
    return done;
  }

  private async runStep(index: number): Promise<void> {
    const step = this.lesson.steps[index];
    const state = this.steps[index];
    if (!step || !state) return;
    this.trace.sync();
    this.trace.step = index;
    this.nextStep = index + 1;
    if (!this.builtIn && step.needsBuiltInBroker) {
      state.status = 'skipped';
      state.skippedMessage = msg('lessons.step.skipped', { url: this.brokerUrl });
      state.skippedReason = english('lessons.step.skipped', { url: this.brokerUrl });
      this.options.changed();
      return;
    }
    this.phase = 'running';
    state.status = 'running';
    state.startedAt = this.trace.now();
    this.options.changed();
    const from = this.trace.packets.length;
    const eventsFrom = this.trace.events.length;
    this.stepStarts[index] = { packets: from, events: eventsFrom };
    for (const action of step.actions) {
      if (this.closed()) return;
      await this.actSafely(action, this.noteTo(state), from, eventsFrom);
      this.options.changed();
    }
    state.results = await this.settle(step.expect, from, eventsFrom);
    state.status = 'done';
    state.endedAt = this.trace.now();
    this.phase = this.nextStep >= this.steps.length ? 'finished' : 'ready';
    this.options.changed();
  }

  /** Checks the expectations against the packets since `from`, waiting a little for packets still on their way. */
  private async settle(expectations: readonly Expectation[], from: number, eventsFrom: number): Promise<CheckResult[]> {
    if (expectations.length === 0) return [];
    const slack = this.speed === 'slow' ? SLOW_MOTION_MS * 4 : 0;
    const deadline = Date.now() + SETTLE_MS + slack;
    for (;;) {
      const results = this.check(expectations, from, eventsFrom);
      if (results.every((result) => result.ok || result.skipped)) {
        await delay(QUIET_MS + (this.speed === 'slow' ? SLOW_MOTION_MS : 0));
        return this.check(expectations, from, eventsFrom);
      }
      if (Date.now() > deadline || this.closed()) return results;
      await delay(POLL_MS);
    }
  }

  private check(expectations: readonly Expectation[], from: number, eventsFrom: number): CheckResult[] {
    return expectations.map((expectation) => {
      const since = 'since' in expectation && expectation.since !== undefined ? this.stepStarts[expectation.since] : undefined;
      const context = this.checkContext(Math.min(from, since?.packets ?? from), Math.min(eventsFrom, since?.events ?? eventsFrom));
      if (!this.builtIn && expectation.kind === 'packet' && expectation.at === 'broker') {
        const wording = wordAll((t) => t('lessons.check.notChecked', { url: this.brokerUrl }));
        return { ok: false, skipped: true, text: wording.en ?? '', wording, packets: [] };
      }
      return checkExpectation(expectation, context);
    });
  }

  private checkContext(from: number, eventsFrom: number): CheckContext {
    this.trace.sync();
    return {
      packets: this.trace.packets.slice(from),
      allPackets: this.trace.packets,
      events: this.trace.events.slice(eventsFrom),
      actors: this.lesson.actors,
      connected: Object.fromEntries([...this.actors.values()].map((runtime) => [runtime.actor.name, runtime.state.state === 'connected'])),
      now: this.trace.now(),
    };
  }

  /** Notes of a step: the English in `notes` (logs, CLI, tests), every language in `noteWording` beside it. */
  private noteTo(state: StepState | undefined): Note {
    return (word) => {
      if (!state) return;
      const wording = wordAll(word);
      state.notes.push(wording.en ?? '');
      state.noteWording = [...(state.noteWording ?? []), wording];
    };
  }

  private async actSafely(action: Action, note: Note, from: number, eventsFrom: number): Promise<void> {
    try {
      await this.act(action, note, from, eventsFrom);
    } catch (error) {
      note((t) => t('lessons.note.actionFailed', { action: describeAction(action), error: errorIn(t, error) }));
    }
  }

  private async act(action: Action, note: Note, from: number, eventsFrom: number): Promise<void> {
    switch (action.do) {
      case 'fault': {
        const broker = this.requireBroker();
        const snapshot = broker.addFault(faultInputOf(action.fault, (name) => this.actor(name).clientId));
        const added = snapshot.faults.at(-1);
        if (added) this.lessonFaults.push(added.id);
        return;
      }
      case 'clear-faults':
        this.requireBroker();
        await this.removeFaults(this.lessonFaults);
        this.lessonFaults = [];
        return;
      case 'wait':
        await delay(action.seconds * 1000);
        return;
      case 'wait-until': {
        const deadline = Date.now() + action.timeoutSeconds * 1000;
        for (;;) {
          const [result] = this.check([action.expect], from, eventsFrom);
          if (result?.ok || result?.skipped) return;
          if (Date.now() > deadline || this.closed()) {
            note((t) => t('lessons.note.waitedInVain', { seconds: String(action.timeoutSeconds), result: result?.wording?.[t.locale] ?? result?.text ?? '' }));
            return;
          }
          await delay(POLL_MS);
        }
      }
      default:
        await actOnActor(action, this.actor(action.actor), note, { slow: this.speed === 'slow', waitFor: (condition, timeoutMs) => this.waitFor(condition, timeoutMs), trace: () => this.tracePackets() });
    }
  }

  private tracePackets(): readonly TracePacket[] {
    this.trace.sync();
    return this.trace.packets;
  }

  private requireBroker(): BrokerService {
    if (!this.broker) throw new AppError('invalid_input', msg('lessons.error.needsBuiltIn'));
    return this.broker;
  }

  private async applySpeed(): Promise<void> {
    if (!this.broker) return;
    await this.removeFaults(this.speedFaults);
    this.speedFaults = [];
    if (this.speed !== 'slow') return;
    for (const what of ['acks', 'deliveries'] as const) {
      const added = this.broker.addFault({ kind: 'delay', target: '*', what, ms: SLOW_MOTION_MS }).faults.at(-1);
      if (added) this.speedFaults.push(added.id);
    }
  }

  private async removeFaults(ids: readonly number[]): Promise<void> {
    for (const id of ids) {
      try {
        this.broker?.removeFault(id);
      } catch {
        // Already gone: nothing to undo.
      }
    }
  }

  private actor(name: string): ActorRuntime {
    const runtime = this.actors.get(name);
    if (!runtime) throw new AppError('invalid_input', msg('lessons.error.noActor', { name: JSON.stringify(name) }));
    return runtime;
  }

  private actorState(runtime: ActorRuntime): LessonActorState {
    const { state, reason } = runtime.state;
    return { name: runtime.actor.name, connectionId: runtime.connection.id, clientId: runtime.clientId, connected: state === 'connected', status: reason ? `${state}: ${reason}` : state };
  }

  private onStatus(snapshot: ConnectionSnapshot): void {
    const runtime = [...this.actors.values()].find((each) => each.connection.id === snapshot.connectionId);
    if (!runtime) return;
    const was = runtime.state.state;
    runtime.state = snapshot.status;
    const now = snapshot.status.state;
    if (now === 'connected' && was !== 'connected') {
      runtime.closing = undefined;
      this.trace.event({ kind: 'connected', actor: runtime.actor.name });
    } else if (was === 'connected' && now !== 'connected') {
      // A close the lesson asked for is said in our words (worded where shown); any other in the connection's own.
      const closing = runtime.closing;
      const reason = closing ? english(closing.key, closing.params) : snapshot.status.reason;
      this.trace.event({ kind: 'closed', actor: runtime.actor.name, closedBy: closing ? 'actor' : 'broker', ...(reason ? { reason } : {}), ...(closing ? { reasonMessage: closing } : {}) });
    }
    if (was !== now) this.options.changed();
  }

  private async waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline || this.closed()) return false;
      await delay(POLL_MS / 2);
    }
    return true;
  }

  private async disposeActors(): Promise<void> {
    const runtimes = [...this.actors.values()];
    this.actors.clear();
    await Promise.all(runtimes.map((runtime) => runtime.connection.dispose().catch(() => undefined)));
  }
}

function countClaims(steps: readonly StepState[]): LessonState['claims'] {
  const results = steps.flatMap((step) => [...step.results, ...step.tryIt.flatMap((tryIt) => tryIt.results)]);
  const notChecked = results.filter((result) => result.skipped).length;
  const met = results.filter((result) => result.ok).length;
  return { met, notMet: results.length - met - notChecked, notChecked };
}

function usesFaults(tryIt: TryIt): boolean {
  return tryIt.actions.some((action) => action.do === 'fault' || action.do === 'clear-faults');
}

function describeAction(action: Action): string {
  return 'actor' in action ? `${action.do} (${action.actor})` : action.do;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
