import { useActionError } from '../../components/use-action-error';
import { api } from '../../api';
import { showView, upsertConnection, useAppStore } from '../../store/app-store';
import { useT } from '../../i18n/use-t';
import { wordText } from '../../../shared/broker/broker-text';
import type { MessageKey } from '../../../shared/i18n';
import { BrokerLog } from './BrokerLog';
import { BrokerSettingsForm } from './BrokerSettingsForm';
import { ClientsTable } from './ClientsTable';
import { SharedGroupsTable } from './SharedGroupsTable';
import { FaultsPanel } from './FaultsPanel';
import { PacketsPanel } from './PacketsPanel';
import { RetainedPanel } from './RetainedPanel';
import { ErrorNote } from '../../components/ErrorNote';

const stateLabels = {
  stopped: 'broker.state.stopped',
  starting: 'broker.state.starting',
  running: 'broker.state.running',
  stopping: 'broker.state.stopping',
  failed: 'broker.state.failed',
} as const satisfies Record<string, MessageKey>;

/** The built-in broker: settings, start/stop, who is connected, what is retained, and its faults. */
export function BrokerPage() {
  const t = useT();
  const broker = useAppStore((state) => state.broker);
  const { error, fail: onError, run } = useActionError();
  if (!broker) return <p className="empty-note">{t('broker.page.loading')}</p>;
  const running = broker.state === 'running';

  const start = () => run(async () => void (await api.invoke('broker.start', {})));
  const stop = () => run(async () => void (await api.invoke('broker.stop', {})));
  const connect = () =>
    run(async () => {
      const snapshot = await api.invoke('broker.connectProfile', {});
      upsertConnection(snapshot);
      upsertConnection(await api.invoke('connection.connect', { connectionId: snapshot.connectionId }));
      showView({ kind: 'workspace', connectionId: snapshot.connectionId });
    });
  const protocols = broker.engine.protocols.join(', ');
  const reason = broker.reasonText ? wordText(t, broker.reasonText) : broker.reason;

  return (
    <div className="broker-page">
      <header className="workspace-header">
        <div className="workspace-title">
          <h2>{t('broker.page.title')}</h2>
          <span className="endpoint">{t('broker.page.engine', { name: broker.engine.name, version: broker.engine.version, protocols })}</span>
        </div>
        <div className="workspace-status">
          <div role="status" aria-label={t('broker.page.statusLabel')}>
            <span className={`status status-${running ? 'connected' : broker.state === 'failed' ? 'failed' : broker.state === 'stopped' ? 'idle' : 'connecting'}`}>
              <span className="status-dot" aria-hidden="true" />
              <span className="status-label">{t(stateLabels[broker.state])}</span>
              {reason && <span className="status-reason">{t('broker.page.reason', { reason })}</span>}
            </span>
          </div>
        </div>
        <div className="workspace-actions">
          {running ? (
            <>
              <button type="button" className="primary" onClick={() => void connect()}>
                {t('broker.page.connect')}
              </button>
              <button type="button" onClick={() => void stop()}>
                {t('broker.page.stop')}
              </button>
            </>
          ) : (
            <button type="button" className="primary" onClick={() => void start()} disabled={broker.state === 'starting' || broker.state === 'stopping'}>
              {t('broker.page.start')}
            </button>
          )}
        </div>
      </header>
      <ErrorNote message={error} className="page-error" />
      <div className="broker-body">
        <section className="broker-section" aria-labelledby="broker-settings">
          <h3 id="broker-settings">{t('broker.page.settings')}</h3>
          <BrokerSettingsForm broker={broker} />
          <details className="engine-notes">
            <summary>{t('broker.page.supports', { protocols })}</summary>
            {(broker.engine.noteTexts ?? []).map((note) => (
              <p key={note.key} className="field-hint">
                {wordText(t, note)}
              </p>
            ))}
            {!broker.engine.noteTexts &&
              broker.engine.notes.map((note) => (
                <p key={note} className="field-hint">
                  {note}
                </p>
              ))}
          </details>
        </section>
        <FaultsPanel broker={broker} />
        <section className="broker-section wide" aria-labelledby="broker-listeners">
          <div className="panel-header">
            <h3 id="broker-listeners">{t('broker.listeners.title')}</h3>
            {running && (
              <span className="rates" aria-label={t('broker.listeners.ratesLabel')}>
                {t('broker.listeners.rates', { in: String(broker.rates.inPerSecond), out: String(broker.rates.outPerSecond) })}
              </span>
            )}
          </div>
          {broker.listeners.length === 0 ? (
            <p className="empty-note">{t('broker.listeners.none')}</p>
          ) : (
            <ul className="listener-list" aria-label={t('broker.listeners.label')}>
              {broker.listeners.flatMap((listener) => listener.urls.map((url) => <li key={url} className="mono">{url}</li>))}
            </ul>
          )}
          <div className="panel-header">
            <h3>{t('broker.clients.title')}</h3>
            <span className="count">{broker.clients.length}</span>
          </div>
          <ClientsTable clients={broker.clients} onError={onError} />
          <div className="panel-header">
            <h3 id="broker-shared-groups">{t('broker.shared.title')}</h3>
            <span className="count">{broker.sharedGroups?.length ?? 0}</span>
          </div>
          <SharedGroupsTable groups={broker.sharedGroups ?? []} />
        </section>
        <RetainedPanel retainedCount={broker.retainedCount} onError={onError} />
        <BrokerLog />
        <PacketsPanel running={running} />
      </div>
    </div>
  );
}
