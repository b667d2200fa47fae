import type { ReplayStatus } from '../../../shared/domain/replay';
import { fileName, formatMs } from './recording-format';
import { ErrorNote } from '../../components/ErrorNote';

const stateLabels: Record<ReplayStatus['state'], string> = {
  idle: 'Idle',
  loading: 'Reading the recording…',
  running: 'Replaying',
  paused: 'Paused',
  settling: 'All sent, waiting for acknowledgements',
  finished: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
};

/** The replay's progress bar and its report: what was sent, acknowledged and failed, and how well the timing held. */
export function ReplayProgress({ status, connectionName }: { status: ReplayStatus; connectionName: string | undefined }) {
  const percent = status.total > 0 ? Math.min(100, (status.sent / status.total) * 100) : 0;
  return (
    <div className="replay-progress">
      <p role="status" aria-label="Replay state">
        <strong>{stateLabels[status.state]}</strong>
        {status.path && <> · {fileName(status.path)}</>}
        {connectionName && <> through {connectionName}</>}
        {/* Only a loop gets past one pass; a single replay needs no pass number. */}
        {(status.passes > 1 || (status.passes > 0 && (status.state === 'running' || status.state === 'paused'))) && (
          <> · pass {status.passes + (status.state === 'running' || status.state === 'paused' ? 1 : 0)}</>
        )}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-label="Replay progress"
        aria-valuemin={0}
        aria-valuemax={status.total}
        aria-valuenow={status.sent}
        aria-valuetext={`${status.sent} of ${status.total} sent`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <ErrorNote message={status.error} />
      <section aria-label="Replay report">
        <dl className="replay-report">
          <dt>Sent</dt>
          <dd aria-label="Sent">
            {status.sent} of {status.total}
          </dd>
          <dt>Acknowledged</dt>
          <dd aria-label="Acknowledged">{status.acked}</dd>
          <dt>Awaiting acknowledgement</dt>
          <dd aria-label="Awaiting acknowledgement">{status.awaitingAck}</dd>
          <dt>Failed</dt>
          <dd aria-label="Failed">{status.failed}</dd>
          {status.queued > 0 && (
            <>
              <dt>Queued while offline</dt>
              <dd aria-label="Queued while offline">{status.queued}</dd>
            </>
          )}
          <dt>Whole passes</dt>
          <dd aria-label="Whole passes">{status.passes}</dd>
          <dt>Timing error</dt>
          <dd aria-label="Timing error">
            {status.timing ? `median ${formatMs(status.timing.medianMs)}, p99 ${formatMs(status.timing.p99Ms)}, max ${formatMs(status.timing.maxMs)}` : 'none measured (sent as fast as possible, or nothing sent yet)'}
          </dd>
        </dl>
        {status.failures.length > 0 && (
          <ul className="replay-failures" aria-label="Failure reasons">
            {status.failures.map((failure) => (
              <li key={failure.reason}>
                {failure.count} × {failure.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
