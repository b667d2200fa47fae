/**
 * The running lesson as the stage sees it: the lesson (narration), its state, and the trace so far.
 * The trace grows from `lesson.updated` events; a new runId (start, restart) starts it again.
 */
import { create } from 'zustand';
import type { Lesson } from '../../../shared/lessons/lesson-format';
import type { LessonState, LessonUpdate } from '../../../shared/lessons/lesson-state';
import type { TraceConnectionEvent, TracePacket } from '../../../shared/lessons/lesson-trace';
import type { LessonSource } from '../../../shared/requests/lessons';
import { api } from '../../api';

export interface LessonStageState {
  lesson: Lesson | undefined;
  /** What started it, kept to start it again with another target. */
  source: LessonSource | undefined;
  state: LessonState | undefined;
  packets: TracePacket[];
  events: TraceConnectionEvent[];
}

export const useLessonStore = create<LessonStageState>()(() => ({ lesson: undefined, source: undefined, state: undefined, packets: [], events: [] }));

export function lessonStarted(lesson: Lesson, source: LessonSource, state: LessonState): void {
  useLessonStore.setState((current) => (current.state?.runId === state.runId ? { lesson, source, state } : { lesson, source, state, packets: [], events: [] }));
}

export function lessonClosed(): void {
  useLessonStore.setState({ lesson: undefined, source: undefined, state: undefined, packets: [], events: [] });
}

/** Fills a gap in the trace (an update missed while the stage was away) from `lesson.trace`. */
async function refetchTrace(runId: string): Promise<void> {
  const trace = await api.invoke('lesson.trace', { fromIndex: 0 });
  if (trace.runId !== runId) return;
  useLessonStore.setState((current) => (current.state?.runId === runId ? { packets: trace.packets, events: trace.events } : {}));
}

export function applyLessonUpdate(update: LessonUpdate): void {
  const current = useLessonStore.getState();
  // Another lesson started elsewhere (another window): its packets are not this stage's.
  if (!current.lesson || update.state.lessonId !== current.lesson.id) return;
  if (update.state.phase === 'closed') {
    useLessonStore.setState({ state: update.state });
    return;
  }
  const sameRun = current.state?.runId === update.state.runId;
  const known = sameRun ? current.packets : [];
  const events = sameRun ? current.events : [];
  if (update.fromIndex > known.length) {
    useLessonStore.setState({ state: update.state, packets: known, events });
    void refetchTrace(update.state.runId).catch(() => undefined);
    return;
  }
  const fresh = update.packets.filter((packet) => packet.index >= known.length);
  useLessonStore.setState({ state: update.state, packets: fresh.length ? [...known, ...fresh] : known, events: update.events.length ? [...events, ...update.events] : events });
}

/** Takes lesson updates while the stage is open; returns the unsubscribe. */
export function followLessonUpdates(): () => void {
  return api.on('lesson.updated', applyLessonUpdate);
}
