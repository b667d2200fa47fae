import type { LessonInput } from '../lesson-format';
import { publishSubscribeLesson } from './publish-subscribe';
import { packetAnatomyLesson } from './packet-anatomy';
import { packetTypesLesson } from './packet-types';
import { qos0AtMostOnceLesson } from './qos0-at-most-once';
import { qos1AtLeastOnceLesson } from './qos1-at-least-once';
import { retainedMessagesLesson } from './retained-messages';
import { lastWillLesson } from './last-will';
import { sessionsLesson } from './clean-and-persistent-sessions';
import { keepaliveLesson } from './keepalive';

/** The lessons that ship with the app, in teaching order; each is checked by the same schema as a teacher's file. */
export const builtInLessons: readonly LessonInput[] = [
  publishSubscribeLesson,
  packetAnatomyLesson,
  packetTypesLesson,
  qos0AtMostOnceLesson,
  qos1AtLeastOnceLesson,
  retainedMessagesLesson,
  lastWillLesson,
  sessionsLesson,
  keepaliveLesson,
];
