import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/app-store';
import { useT } from '../../i18n/use-t';
import { wordText } from '../../../shared/broker/broker-text';
import type { BrokerLogEntry } from '../../../shared/domain/broker';
import type { MessageKey } from '../../../shared/i18n';
import { formatTime } from '../messages/format';

const kindLabels = {
  start: 'broker.log.kind.start',
  stop: 'broker.log.kind.stop',
  connect: 'broker.log.kind.connect',
  disconnect: 'broker.log.kind.disconnect',
  refused: 'broker.log.kind.refused',
  will: 'broker.log.kind.will',
  kick: 'broker.log.kind.kick',
  cut: 'broker.log.kind.cut',
  fault: 'broker.log.kind.fault',
  error: 'broker.log.kind.error',
  dropped: 'broker.log.kind.dropped',
} as const satisfies Record<BrokerLogEntry['kind'], MessageKey>;

/** Connects, disconnects with their reason, wills fired, refusals and faults, newest first. */
export function BrokerLog() {
  const t = useT();
  const entries = useAppStore(useShallow((state) => state.brokerLog));
  return (
    <section className="broker-section" aria-labelledby="broker-log">
      <div className="panel-header">
        <h3 id="broker-log">{t('broker.log.title')}</h3>
        <span className="count">{entries.length}</span>
      </div>
      {entries.length === 0 ? (
        <p className="empty-note">{t('broker.log.empty')}</p>
      ) : (
        <ol className="broker-log" aria-label={t('broker.log.label')} reversed>
          {[...entries].reverse().map((entry) => (
            <li key={entry.seq} className={`log-${entry.kind}`}>
              <span className="mono">{formatTime(entry.time)}</span>
              <span className="log-kind">{t(kindLabels[entry.kind])}</span>
              {/* Worded here from the core's message, so a language switch rewords the whole log. */}
              <span>{entry.message ? wordText(t, entry.message) : entry.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
