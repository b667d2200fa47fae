import { useEffect, useState } from 'react';
import type { RepeatedMessage, ScheduleStatus } from '../../../shared/domain/schedule';
import { MIN_SCHEDULE_INTERVAL_MS } from '../../../shared/domain/schedule';
import { api } from '../../api';
import { errorText } from '../../components/use-action-error';
import { useAppStore } from '../../store/app-store';
import './publisher-tools.css';

/** Every schedule the core runs, as it announces them. */
function useSchedules(): ScheduleStatus[] {
  const linkOpen = useAppStore((state) => state.link.state === 'open');
  const [schedules, setSchedules] = useState<ScheduleStatus[]>([]);
  useEffect(() => api.on('schedule.updated', (update) => setSchedules(update.schedules)), []);
  useEffect(() => {
    if (!linkOpen) return;
    api.invoke('schedule.list', {}).then((list) => setSchedules(list.schedules), () => undefined);
  }, [linkOpen]);
  return schedules;
}

function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** "Publish every N ms": the publisher's message sent on a timer, and this connection's schedules with their figures. */
export function ScheduleSection({ connectionId, message, canPublish }: { connectionId: string; message: () => { ok: true; message: RepeatedMessage } | { ok: false; message: string }; canPublish: boolean }) {
  const [interval, setIntervalText] = useState('1000');
  const [count, setCount] = useState('');
  const [jitter, setJitter] = useState('0');
  const [error, setError] = useState<string>();
  const schedules = useSchedules().filter((schedule) => schedule.connectionId === connectionId);

  const start = async () => {
    setError(undefined);
    const intervalMs = wholeNumber(interval);
    const countValue = count.trim() === '' ? undefined : wholeNumber(count);
    const jitterMs = jitter.trim() === '' ? 0 : wholeNumber(jitter);
    if (intervalMs === undefined || intervalMs < MIN_SCHEDULE_INTERVAL_MS) return setError(`The interval is a whole number of milliseconds, at least ${MIN_SCHEDULE_INTERVAL_MS}.`);
    if (count.trim() !== '' && (countValue === undefined || countValue < 1)) return setError('The count is a whole number from 1, or empty to send until stopped.');
    if (jitterMs === undefined || jitterMs > intervalMs) return setError('The jitter is a whole number of milliseconds, at most the interval.');
    const built = message();
    if (!built.ok) return setError(`Not started: ${built.message}`);
    try {
      await api.invoke('schedule.start', { connectionId, message: built.message, plan: { intervalMs, jitterMs, ...(countValue !== undefined ? { count: countValue } : {}) } });
    } catch (failure) {
      setError(`Not started: ${errorText(failure)}`);
    }
  };

  return (
    <details className="schedule-section" open={schedules.length > 0 ? true : undefined}>
      <summary>Publish repeatedly</summary>
      <div className="row">
        <label className="inline-field">
          Every (ms)
          <input inputMode="numeric" size={6} value={interval} onChange={(event) => setIntervalText(event.target.value)} />
        </label>
        <label className="inline-field">
          Send count
          <input inputMode="numeric" size={6} placeholder="until stopped" value={count} onChange={(event) => setCount(event.target.value)} />
        </label>
        <label className="inline-field">
          Jitter (ms)
          <input inputMode="numeric" size={4} value={jitter} onChange={(event) => setJitter(event.target.value)} />
        </label>
        <button type="button" disabled={!canPublish} onClick={() => void start()}>
          Start schedule
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {schedules.some((schedule) => schedule.state !== 'running') && (
        <button type="button" className="schedule-clear" onClick={() => void api.invoke('schedule.clearEnded', {}).catch(() => undefined)}>
          Clear ended schedules
        </button>
      )}
      {schedules.length > 0 && (
        <ul className="schedule-list" aria-label="Schedules">
          {schedules.map((schedule) => (
            <ScheduleRow key={schedule.scheduleId} schedule={schedule} />
          ))}
        </ul>
      )}
    </details>
  );
}

function ScheduleRow({ schedule }: { schedule: ScheduleStatus }) {
  const running = schedule.state === 'running';
  const every = `every ${schedule.intervalMs} ms${schedule.jitterMs ? ` (+ up to ${schedule.jitterMs} ms)` : ''}${schedule.count !== undefined ? `, ${schedule.count.toLocaleString('en-US')} in all` : ''}`;
  return (
    <li aria-label={`Schedule ${schedule.scheduleId}`}>
      <div className="row">
        <strong>{running ? 'Running' : schedule.state === 'finished' ? 'Finished' : 'Stopped'}</strong>
        <code>{schedule.topic}</code>
        <span className="empty-note">{every}</span>
        {running && (
          <button type="button" onClick={() => void api.invoke('schedule.stop', { scheduleId: schedule.scheduleId }).catch(() => undefined)} aria-label={`Stop schedule ${schedule.scheduleId}`}>
            Stop
          </button>
        )}
      </div>
      <p className="schedule-figures" aria-label={`Schedule ${schedule.scheduleId} figures`}>
        sent {schedule.sent.toLocaleString('en-US')} · acknowledged {schedule.acknowledged.toLocaleString('en-US')} · failed {schedule.failed.toLocaleString('en-US')} · {schedule.rate.toLocaleString('en-US')} msg/s
        {schedule.timing && <> · late by {schedule.timing.medianMs} ms (median), {schedule.timing.p99Ms} ms (p99)</>}
      </p>
      {schedule.reason && schedule.state === 'stopped' && <p className="empty-note">Stopped: {schedule.reason}</p>}
      {schedule.lastError && <p className="field-error">Last failure: {schedule.lastError}</p>}
    </li>
  );
}
