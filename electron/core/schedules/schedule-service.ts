import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import type { RepeatedMessage, SchedulePlan, ScheduleStatus } from '../../../shared/domain/schedule';
import { AppError } from '../app-error';
import { msg, type Message } from '../../../shared/i18n';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { EventBus } from '../event-bus';
import { Schedule } from './schedule';

const STATUS_INTERVAL_MS = 250;
/** Ended schedules kept for their figures until cleared. */
const KEEP_ENDED = 20;
const GONE_STATES: ReadonlySet<string> = new Set(['disconnected', 'failed', 'idle']);

/** Every timed publish, on any connections; a connection that goes takes its schedules with it. */
export class ScheduleService {
  private readonly schedules = new Map<number, Schedule>();
  private lastId = 0;
  private statusTimer: ReturnType<typeof setInterval> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly bus: EventBus,
  ) {
    this.unsubscribe = bus.subscribe((envelope) => {
      if (envelope.name === 'connection.removed') this.stopFor((envelope.payload as { connectionId: string }).connectionId, msg('publish.scheduleCore.removed'));
      else if (envelope.name === 'connection.updated') {
        const snapshot = envelope.payload as ConnectionSnapshot;
        if (GONE_STATES.has(snapshot.status.state)) this.stopFor(snapshot.profile.id, msg('publish.scheduleCore.connectionWent', { state: snapshot.status.state }));
      }
    });
  }

  start(connectionId: string, message: RepeatedMessage, plan: SchedulePlan): ScheduleStatus {
    const connection = this.connections.get(connectionId);
    const state = connection.snapshot().status.state;
    if (state !== 'connected' && state !== 'reconnecting') throw new AppError('not_connected', msg('publish.scheduleCore.notConnected'));
    const schedule = new Schedule(++this.lastId, connection, message, plan, () => this.ended());
    this.schedules.set(schedule.scheduleId, schedule);
    schedule.start();
    this.trim();
    this.emit();
    if (schedule.running && !this.statusTimer) this.statusTimer = setInterval(() => this.tick(), STATUS_INTERVAL_MS);
    return schedule.current();
  }

  stop(scheduleId: number): ScheduleStatus {
    const schedule = this.schedules.get(scheduleId);
    if (!schedule) throw new AppError('not_found', msg('publish.scheduleCore.notFound', { id: scheduleId }));
    schedule.stop(msg('publish.scheduleCore.byUser'));
    return schedule.current();
  }

  list(): ScheduleStatus[] {
    return [...this.schedules.values()].map((schedule) => schedule.current());
  }

  clearEnded(): ScheduleStatus[] {
    for (const [scheduleId, schedule] of this.schedules) if (!schedule.running) this.schedules.delete(scheduleId);
    this.emit();
    return this.list();
  }

  close(): void {
    this.unsubscribe();
    for (const schedule of this.schedules.values()) schedule.stop(msg('publish.scheduleCore.closing'));
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = undefined;
  }

  private stopFor(connectionId: string, reason: Message): void {
    for (const schedule of this.schedules.values()) if (schedule.running && schedule.current().connectionId === connectionId) schedule.stop(reason);
  }

  private ended(): void {
    // After the schedule's own bookkeeping, which follows in the same turn.
    queueMicrotask(() => {
      this.emit();
      if (![...this.schedules.values()].some((schedule) => schedule.running) && this.statusTimer) {
        clearInterval(this.statusTimer);
        this.statusTimer = undefined;
      }
    });
  }

  private tick(): void {
    for (const schedule of this.schedules.values()) schedule.sample();
    this.emit();
  }

  private trim(): void {
    const ended = [...this.schedules.values()].filter((schedule) => !schedule.running);
    for (const schedule of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) this.schedules.delete(schedule.scheduleId);
  }

  private emit(): void {
    this.bus.emit('schedule.updated', { schedules: this.list() });
  }
}
