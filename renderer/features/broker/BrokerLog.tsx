import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/app-store';
import { formatTime } from '../messages/format';

/** Connects, disconnects with their reason, wills fired, refusals and faults, newest first. */
export function BrokerLog() {
  const entries = useAppStore(useShallow((state) => state.brokerLog));
  return (
    <section className="broker-section" aria-labelledby="broker-log">
      <div className="panel-header">
        <h3 id="broker-log">Log</h3>
        <span className="count">{entries.length}</span>
      </div>
      {entries.length === 0 ? (
        <p className="empty-note">Nothing yet.</p>
      ) : (
        <ol className="broker-log" aria-label="Broker log" reversed>
          {[...entries].reverse().map((entry) => (
            <li key={entry.seq} className={`log-${entry.kind}`}>
              <span className="mono">{formatTime(entry.time)}</span>
              <span className="log-kind">{entry.kind}</span>
              <span>{entry.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
