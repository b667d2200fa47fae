import type { ReplayStatus } from '../../../shared/domain/replay';
import { fileName, formatMs } from './recording-format';
import { ErrorNote } from '../../components/ErrorNote';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';

const stateLabels: Record<ReplayStatus['state'], MessageKey> = {
  idle: 'recordings.progress.idle',
  loading: 'recordings.progress.loading',
  running: 'recordings.progress.running',
  paused: 'recordings.progress.paused',
  settling: 'recordings.progress.settling',
  finished: 'recordings.progress.finished',
  stopped: 'recordings.progress.stopped',
  failed: 'recordings.progress.failed',
};

/** The replay's progress bar and its report: what was sent, acknowledged and failed, and how well the timing held. */
export function ReplayProgress({ status, connectionName }: { status: ReplayStatus; connectionName: string | undefined }) {
  const t = useT();
  const percent = status.total > 0 ? Math.min(100, (status.sent / status.total) * 100) : 0;
  return (
    <div className="replay-progress">
      <p role="status" aria-label={t('recordings.progress.stateLabel')}>
        <strong>{t(stateLabels[status.state])}</strong>
        {status.path && t('recordings.progress.file', { name: fileName(status.path) })}
        {connectionName && t('recordings.progress.through', { name: connectionName })}
        {/* Only a loop gets past one pass; a single replay needs no pass number. */}
        {(status.passes > 1 || (status.passes > 0 && (status.state === 'running' || status.state === 'paused'))) && (
          t('recordings.progress.pass', { pass: String(status.passes + (status.state === 'running' || status.state === 'paused' ? 1 : 0)) })
        )}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-label={t('recordings.progress.label')}
        aria-valuemin={0}
        aria-valuemax={status.total}
        aria-valuenow={status.sent}
        aria-valuetext={t('recordings.progress.valueText', { sent: String(status.sent), total: String(status.total) })}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <ErrorNote message={status.errorText ? t.msg(status.errorText, status.error) : status.error} />
      <section aria-label={t('recordings.progress.report')}>
        <dl className="replay-report">
          <dt>{t('recordings.progress.sent')}</dt>
          <dd aria-label={t('recordings.progress.sent')}>{t('recordings.progress.sentValue', { sent: String(status.sent), total: String(status.total) })}</dd>
          <dt>{t('recordings.progress.acked')}</dt>
          <dd aria-label={t('recordings.progress.acked')}>{status.acked}</dd>
          <dt>{t('recordings.progress.awaiting')}</dt>
          <dd aria-label={t('recordings.progress.awaiting')}>{status.awaitingAck}</dd>
          <dt>{t('recordings.progress.failedCount')}</dt>
          <dd aria-label={t('recordings.progress.failedCount')}>{status.failed}</dd>
          {status.queued > 0 && (
            <>
              <dt>{t('recordings.progress.queued')}</dt>
              <dd aria-label={t('recordings.progress.queued')}>{status.queued}</dd>
            </>
          )}
          <dt>{t('recordings.progress.passes')}</dt>
          <dd aria-label={t('recordings.progress.passes')}>{status.passes}</dd>
          <dt>{t('recordings.progress.timing')}</dt>
          <dd aria-label={t('recordings.progress.timing')}>
            {status.timing
              ? t('recordings.progress.timingValue', { median: formatMs(status.timing.medianMs), p99: formatMs(status.timing.p99Ms), max: formatMs(status.timing.maxMs) })
              : t('recordings.progress.timingNone')}
          </dd>
        </dl>
        {status.failures.length > 0 && (
          <ul className="replay-failures" aria-label={t('recordings.progress.failures')}>
            {status.failures.map((failure) => (
              <li key={failure.reason}>
                {t('recordings.progress.failure', { count: String(failure.count), reason: failure.text ? t.msg(failure.text, failure.reason) : failure.reason })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
