/** What the stage shows of a running lesson: sent with every `lesson.updated` event. */
import type { CheckResult, TraceConnectionEvent, TracePacket } from './lesson-trace';
import type { LocalizedText } from './localized-text';
import type { Message } from '../i18n/message';

export type LessonSpeed = 'real' | 'slow';
export type LessonTarget = { kind: 'built-in' } | { kind: 'url'; url: string };

export type StepStatus = 'pending' | 'running' | 'done' | 'skipped';

export interface TryItState {
  label: LocalizedText;
  /** Results of its latest press; empty until pressed. */
  results: CheckResult[];
  presses: number;
}

export interface StepState {
  index: number;
  title: LocalizedText;
  status: StepStatus;
  /** Why it was skipped: it needs the built-in broker and the lesson runs against another. */
  skippedReason?: string;
  /** The same reason, for the stage to word in the language on screen. */
  skippedMessage?: Message;
  results: CheckResult[];
  /** What went wrong while acting (a refused subscribe, a publish error), in plain English words. */
  notes: string[];
  /** The same notes, one by one, in every language the app speaks (locale → text). */
  noteWording?: Readonly<Record<string, string>>[];
  tryIt: TryItState[];
  /** ms since the run started, when the step began and ended. */
  startedAt?: number;
  endedAt?: number;
}

export interface LessonActorState {
  name: string;
  /** The connection the packet inspector, flows and packet list take (`packets.get` source client). */
  connectionId: string;
  clientId: string;
  connected: boolean;
  /** The connection's status words: "connected", "reconnecting", or why it closed. */
  status: string;
}

export type LessonPhase = 'starting' | 'ready' | 'running' | 'finished' | 'failed' | 'closed';

export interface LessonState {
  /** Changes at every start and restart: the trace starts again at index 0 then. */
  runId: string;
  lessonId: string;
  title: LocalizedText;
  target: LessonTarget;
  /** The URL the actors connect to. */
  brokerUrl: string;
  speed: LessonSpeed;
  phase: LessonPhase;
  /** The step Next runs; steps.length once all ran. */
  nextStep: number;
  steps: StepState[];
  actors: LessonActorState[];
  /** Over every step and try-it checked so far: against another broker, which claims it meets. */
  claims: { met: number; notMet: number; notChecked: number };
  /** Packets in the trace so far; `lesson.trace` reads them. */
  traceSize: number;
  error?: string;
}

/** The `lesson.updated` payload: the state, and the trace packets and events added since the last one. */
export interface LessonUpdate {
  state: LessonState;
  /** Trace index of the first packet in `packets`. */
  fromIndex: number;
  packets: TracePacket[];
  events: TraceConnectionEvent[];
}
