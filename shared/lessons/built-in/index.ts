import type { LessonInput } from '../lesson-format';
import { publishSubscribeLesson } from './publish-subscribe';
import { qos1AtLeastOnceLesson } from './qos1-at-least-once';

/** The lessons that ship with the app, in teaching order; each is checked by the same schema as a teacher's file. */
export const builtInLessons: readonly LessonInput[] = [publishSubscribeLesson, qos1AtLeastOnceLesson];
