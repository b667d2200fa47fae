import { useEffect, useState } from 'react';
import type { RepeatedMessage, ScheduleStatus } from '../../../shared/domain/schedule';
import { MIN_SCHEDULE_INTERVAL_MS } from '../../../shared/domain/schedule';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import type { Translator } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';
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
export function ScheduleSection({ connectionId, message, canPublish }: { connectionId: string; message: (t: Translator) => { ok: true; message: RepeatedMessage } | { ok: false; message: string }; canPublish: boolean }) {
  const t = useT();
  const [interval, setIntervalText] = useState('1000');
  const [count, setCount] = useState('');
  const [jitter, setJitter] = useState('0');
  // Worded when shown, so a language switch rewords an error already on screen.
  const [error, setWorded] = useState<(t: Translator) => string>();
  const setError = (worded: ((t: Translator) => string) | undefined) => setWorded(() => worded);
  const schedules = useSchedules().filter((schedule) => schedule.connectionId === connectionId);

  const start = async () => {
    setError(undefined);
    const intervalMs = wholeNumber(interval);
    const countValue = count.trim() === '' ? undefined : wholeNumber(count);
    const jitterMs = jitter.trim() === '' ? 0 : wholeNumber(jitter);
    if (intervalMs === undefined || intervalMs < MIN_SCHEDULE_INTERVAL_MS) return setError((tr) => tr('publish.schedule.intervalInvalid', { min: MIN_SCHEDULE_INTERVAL_MS }));
    if (count.trim() !== '' && (countValue === undefined || countValue < 1)) return setError((tr) => tr('publish.schedule.countInvalid'));
    if (jitterMs === undefined || jitterMs > intervalMs) return setError((tr) => tr('publish.schedule.jitterInvalid'));
    const built = message(t);
    if (!built.ok) return setError((tr) => tr('publish.schedule.notStarted', { reason: built.message }));
    try {
      await api.invoke('schedule.start', { connectionId, message: built.message, plan: { intervalMs, jitterMs, ...(countValue !== undefined ? { count: countValue } : {}) } });
    } catch (failure) {
      setError((tr) => tr('publish.schedule.notStarted', { reason: describeError(tr, failure) }));
    }
  };

  return (
    <details className="schedule-section" open={schedules.length > 0 ? true : undefined}>
      <summary>{t('publish.schedule.title')}</summary>
      <div className="row">
        <label className="inline-field">
          {t('publish.schedule.every')}
          <input inputMode="numeric" size={6} value={interval} onChange={(event) => setIntervalText(event.target.value)} />
        </label>
        <label className="inline-field">
          {t('publish.schedule.count')}
          <input inputMode="numeric" size={6} placeholder={t('publish.schedule.untilStopped')} value={count} onChange={(event) => setCount(event.target.value)} />
        </label>
        <label className="inline-field">
          {t('publish.schedule.jitter')}
          <input inputMode="numeric" size={4} value={jitter} onChange={(event) => setJitter(event.target.value)} />
        </label>
        <button type="button" disabled={!canPublish} onClick={() => void start()}>
          {t('publish.schedule.start')}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error(t)}
        </p>
      )}
      {schedules.some((schedule) => schedule.state !== 'running') && (
        <button type="button" className="schedule-clear" onClick={() => void api.invoke('schedule.clearEnded', {}).catch(() => undefined)}>
          {t('publish.schedule.clearEnded')}
        </button>
      )}
      {schedules.length > 0 && (
        <ul className="schedule-list" aria-label={t('publish.schedule.list')}>
          {schedules.map((schedule) => (
            <ScheduleRow key={schedule.scheduleId} schedule={schedule} />
          ))}
        </ul>
      )}
    </details>
  );
}

function ScheduleRow({ schedule }: { schedule: ScheduleStatus }) {
  const t = useT();
  const running = schedule.state === 'running';
  const every = t('publish.schedule.plan', {
    interval: schedule.intervalMs,
    hasJitter: schedule.jitterMs ? 'yes' : 'no',
    jitter: schedule.jitterMs,
    hasCount: schedule.count !== undefined ? 'yes' : 'no',
    count: schedule.count ?? 0,
  });
  const id = schedule.scheduleId;
  return (
    <li aria-label={t('publish.schedule.row', { id })}>
      <div className="row">
        <strong>{t(running ? 'publish.schedule.running' : schedule.state === 'finished' ? 'publish.schedule.finished' : 'publish.schedule.stopped')}</strong>
        <code>{schedule.topic}</code>
        <span className="empty-note">{every}</span>
        {running && (
          <button type="button" onClick={() => void api.invoke('schedule.stop', { scheduleId: id }).catch(() => undefined)} aria-label={t('publish.schedule.stopLabel', { id })}>
            {t('publish.schedule.stop')}
          </button>
        )}
      </div>
      <p className="schedule-figures" aria-label={t('publish.schedule.figuresLabel', { id })}>
        {t('publish.schedule.figures', { sent: schedule.sent, acknowledged: schedule.acknowledged, failed: schedule.failed, rate: schedule.rate })}
        {schedule.timing && t('publish.schedule.timing', { median: schedule.timing.medianMs, p99: schedule.timing.p99Ms })}
      </p>
      {schedule.reason && schedule.state === 'stopped' && <p className="empty-note">{t('publish.schedule.stoppedBecause', { reason: schedule.reasonText ? t.msg(schedule.reasonText, schedule.reason) : schedule.reason })}</p>}
      {schedule.lastError && <p className="field-error">{t('publish.schedule.lastFailure', { reason: schedule.lastErrorText ? t.msg(schedule.lastErrorText, schedule.lastError) : schedule.lastError })}</p>}
    </li>
  );
}
