import type { LocalizedText } from '../lessons/localized-text';
/** Requests and events of Lessons, spread into `requests` and `events` in `contract.ts`. */
import { z } from 'zod';
import type { PacketBytes } from '../packets/packet-row';
import type { Lesson, LessonInput } from '../lessons/lesson-format';
import type { LessonState, LessonUpdate } from '../lessons/lesson-state';
import type { CheckResult, TraceConnectionEvent, TracePacket } from '../lessons/lesson-trace';
import { MAX_LESSON_FILE_CHARS, type LessonParse } from '../lessons/lesson-validation';

/** A built-in lesson by id, or a lesson file's text (checked by the lesson schema in the main process). */
export const LessonSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('built-in'), lessonId: z.string().min(1).max(60) }),
  z.object({ kind: z.literal('file'), text: z.string().max(MAX_LESSON_FILE_CHARS, 'lessons.request.fileTooLarge') }),
]);
export type LessonSource = z.infer<typeof LessonSource>;

/** The lesson's own built-in broker (on a free port, apart from the user's), or a broker URL the teacher gives. */
export const LessonTargetInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('built-in') }),
  z.object({ kind: z.literal('url'), url: z.string().trim().min(1, 'lessons.request.urlNeeded').max(2000) }),
]);

export const LessonSpeedInput = z.enum(['real', 'slow']);

export interface LessonSummary {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  steps: number;
  actors: string[];
  /** Steps skipped when the lesson runs against another broker. */
  stepsNeedingBuiltInBroker: number;
}

/** A lesson and its current run, as the stage needs them: the narration comes from `lesson`. */
export interface LessonView {
  lesson: Lesson;
  state: LessonState;
}

const StepIndex = z.number().int().min(0).max(1000);

export const lessonRequests = {
  'lesson.list': { input: z.object({}), output: z.custom<{ lessons: LessonSummary[] }>() },
  /** Checks a lesson file's text: the lesson with defaults filled in, or every problem, naming the step and field. */
  'lesson.load': { input: z.object({ text: z.string().max(MAX_LESSON_FILE_CHARS, 'lessons.request.fileTooLarge') }), output: z.custom<LessonParse>() },
  /** The lesson as a file: the same JSON format, read back equal. */
  'lesson.export': { input: z.object({ source: LessonSource }), output: z.custom<{ fileName: string; content: string; lesson: LessonInput }>() },
  /** Closes any lesson running, starts its broker and actors; no step runs yet. */
  'lesson.start': { input: z.object({ source: LessonSource, target: LessonTargetInput.default({ kind: 'built-in' }), speed: LessonSpeedInput.default('real') }), output: z.custom<LessonView>() },
  /** Runs the next step and answers once its checks are done. */
  'lesson.next': { input: z.object({}), output: z.custom<LessonState>() },
  /** Runs every step left; answers at the end (the events show each step as it goes). */
  'lesson.play': { input: z.object({}), output: z.custom<LessonState>() },
  /** Fresh broker and actors, the steps before `step` run again, and the lesson stops before `step`. */
  'lesson.restart': { input: z.object({ step: StepIndex }), output: z.custom<LessonState>() },
  /** Presses a step's "try it yourself" button; answers with its checks. */
  'lesson.tryIt': { input: z.object({ step: StepIndex, button: z.number().int().min(0).max(100) }), output: z.custom<{ results: CheckResult[]; state: LessonState }>() },
  'lesson.speed': { input: z.object({ speed: LessonSpeedInput }), output: z.custom<LessonState>() },
  /** Closes the lesson: actors disconnected and disposed, its broker stopped. Nothing is left running. */
  'lesson.stop': { input: z.object({}), output: z.object({}) },
  'lesson.state': { input: z.object({}), output: z.custom<LessonView | null>() },
  /** Trace packets from index `fromIndex` (up to `limit`) and every connection event of the run. */
  'lesson.trace': {
    input: z.object({ fromIndex: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(5000) }),
    output: z.custom<{ runId: string; packets: TracePacket[]; events: TraceConnectionEvent[]; total: number }>(),
  },
  /** The bytes of one trace packet, for the packet inspector (actor or lesson-broker side alike). */
  'lesson.packet': { input: z.object({ index: z.number().int().min(0) }), output: z.custom<PacketBytes>() },
} as const;

export const lessonEvents = {
  /** At most ~7 a second: the state, and the trace packets and events added since the last one. */
  'lesson.updated': z.custom<LessonUpdate>(),
} as const;
