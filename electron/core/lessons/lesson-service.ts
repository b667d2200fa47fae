import type { Lesson, LessonInput } from '../../../shared/lessons/lesson-format';
import type { LessonSpeed, LessonState, LessonTarget } from '../../../shared/lessons/lesson-state';
import { builtInLessons } from '../../../shared/lessons/built-in';
import { parseLesson, parseLessonText } from '../../../shared/lessons/lesson-validation';
import type { LessonSource, LessonSummary, LessonView } from '../../../shared/requests/lessons';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import type { EventBus } from '../event-bus';
import type { Connection } from '../connections/connection';
import { LessonRun } from './lesson-run';

/** lesson.updated at most this often; the trace is looked at this often too while a lesson is open. */
const UPDATE_INTERVAL_MS = 150;

/**
 * The lesson open in this app (one at a time): starting another closes it. Emits `lesson.updated`
 * with the state and the trace packets added since the last event, never one event per packet.
 */
export class LessonService {
  private run: LessonRun | undefined;
  private starting: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private sent = { runId: '', packets: 0, events: 0 };

  constructor(private readonly bus: EventBus) {}

  list(): LessonSummary[] {
    return builtInLessons.map((input) => {
      const lesson = checkedBuiltIn(input);
      return {
        id: lesson.id,
        title: lesson.title,
        summary: lesson.summary,
        steps: lesson.steps.length,
        actors: lesson.actors.map((actor) => actor.name),
        stepsNeedingBuiltInBroker: lesson.steps.filter((step) => step.needsBuiltInBroker).length,
      };
    });
  }

  /** The lesson a source names, checked; a file that does not validate throws every problem, one a line. */
  lessonOf(source: LessonSource): Lesson {
    if (source.kind === 'built-in') {
      const input = builtInLessons.find((lesson) => lesson.id === source.lessonId);
      if (!input) throw new AppError('not_found', msg('lessons.error.noBuiltIn', { id: JSON.stringify(source.lessonId), ids: builtInLessons.map((lesson) => lesson.id).join(', ') }));
      return checkedBuiltIn(input);
    }
    const parsed = parseLessonText(source.text);
    if (!parsed.ok) throw new AppError('invalid_input', msg('lessons.error.invalidFile', { problems: parsed.problems.join('\n') }));
    return parsed.lesson;
  }

  start(source: LessonSource, target: LessonTarget, speed: LessonSpeed): Promise<LessonView> {
    const lesson = this.lessonOf(source);
    const started = this.starting.then(async () => {
      await this.stop();
      this.run = await LessonRun.start({ lesson, target, speed, changed: () => this.changed() });
      this.timer = setInterval(() => this.flush(), UPDATE_INTERVAL_MS);
      this.timer.unref();
      this.changed();
      return { lesson, state: this.run.state() };
    });
    this.starting = started.catch(() => undefined);
    return started;
  }

  current(): LessonRun {
    if (!this.run) throw new AppError('not_found', msg('lessons.error.noLesson'));
    return this.run;
  }

  view(): LessonView | null {
    return this.run ? { lesson: this.run.lesson, state: this.run.state() } : null;
  }

  state(): LessonState {
    return this.current().state();
  }

  /** An actor connection of the open lesson, so the packet inspector and flows can read it like any connection. */
  session(connectionId: string): Connection | undefined {
    return this.run?.connection(connectionId);
  }

  async stop(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
    await run.close();
    this.bus.emit('lesson.updated', { state: { ...run.state(), phase: 'closed' }, fromIndex: 0, packets: [], events: [] });
  }

  close(): Promise<void> {
    return this.stop();
  }

  private changed(): void {
    this.dirty = true;
  }

  /** Sends an update when the state changed or the trace grew since the last one. */
  private flush(): void {
    const run = this.run;
    if (!run) return;
    const trace = run.traceNow();
    if (this.sent.runId !== run.runId) this.sent = { runId: run.runId, packets: 0, events: 0 };
    const grew = trace.packets.length > this.sent.packets || trace.events.length > this.sent.events;
    if (!this.dirty && !grew) return;
    this.dirty = false;
    const fromIndex = this.sent.packets;
    const packets = trace.packets.slice(fromIndex);
    const events = trace.events.slice(this.sent.events);
    this.sent = { runId: run.runId, packets: trace.packets.length, events: trace.events.length };
    this.bus.emit('lesson.updated', { state: run.state(), fromIndex, packets, events });
  }
}

/** Built-in lessons are checked by the same schema as a teacher's file: one that fails is a bug here, said plainly. */
function checkedBuiltIn(input: LessonInput): Lesson {
  const parsed = parseLesson(input);
  if (!parsed.ok) throw new AppError('internal', `The built-in lesson ${input.id} does not validate:\n${parsed.problems.join('\n')}`);
  return parsed.lesson;
}
