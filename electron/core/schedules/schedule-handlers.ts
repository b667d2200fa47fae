import type { Router } from '../../ipc/router';
import type { ScheduleService } from './schedule-service';

export function registerScheduleHandlers(router: Router, schedules: ScheduleService): void {
  router.handle('schedule.start', ({ connectionId, message, plan }) => schedules.start(connectionId, message, plan));
  router.handle('schedule.stop', ({ scheduleId }) => schedules.stop(scheduleId));
  router.handle('schedule.list', () => ({ schedules: schedules.list() }));
  router.handle('schedule.clearEnded', () => ({ schedules: schedules.clearEnded() }));
}
