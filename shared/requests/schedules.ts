import { z } from 'zod';
import { RepeatedMessage, SchedulePlan } from '../domain/schedule';
import type { ScheduleStatus } from '../domain/schedule';
import { ConnectionRef } from '../schemas';

/** Timed and repeated publishing, spread into `requests` in `contract.ts`. */
export const scheduleRequests = {
  /** Starts sending `message` every `plan.intervalMs`; several schedules may run at once, on any connections. */
  'schedule.start': { input: ConnectionRef.extend({ message: RepeatedMessage, plan: SchedulePlan }), output: z.custom<ScheduleStatus>() },
  'schedule.stop': { input: z.object({ scheduleId: z.number().int().min(1) }), output: z.custom<ScheduleStatus>() },
  /** Running schedules and the most recent ended ones. */
  'schedule.list': { input: z.object({}), output: z.custom<{ schedules: ScheduleStatus[] }>() },
  /** Forgets the ended schedules. */
  'schedule.clearEnded': { input: z.object({}), output: z.custom<{ schedules: ScheduleStatus[] }>() },
} as const;

export const scheduleEvents = {
  /** Four times a second while any runs, and when one starts or ends. */
  'schedule.updated': z.custom<{ schedules: ScheduleStatus[] }>(),
} as const;
