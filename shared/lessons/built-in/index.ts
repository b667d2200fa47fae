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
import { qos2ExactlyOnceLesson } from './qos2-exactly-once';
import { sessionExpiryLesson } from './session-expiry';
import { reasonCodesLesson } from './reason-codes';
import { requestResponseLesson } from './request-response';
import { sharedSubscriptionsLesson } from './shared-subscriptions';
import { topicAliasLesson } from './topic-alias';
import { flowControlLesson } from './flow-control';
import { messageExpiryLesson } from './message-expiry';

/** The lessons that ship with the app, in teaching order; each is checked by the same schema as a teacher's file. */
export const builtInLessons: readonly LessonInput[] = [
  publishSubscribeLesson,
  packetAnatomyLesson,
  packetTypesLesson,
  qos0AtMostOnceLesson,
  qos1AtLeastOnceLesson,
  qos2ExactlyOnceLesson,
  retainedMessagesLesson,
  lastWillLesson,
  sessionsLesson,
  keepaliveLesson,
  sessionExpiryLesson,
  reasonCodesLesson,
  requestResponseLesson,
  sharedSubscriptionsLesson,
  topicAliasLesson,
  flowControlLesson,
  messageExpiryLesson,
];
