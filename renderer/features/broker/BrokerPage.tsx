import { useCallback } from 'react';
import { api } from '../../api';
import { useActionError } from '../../components/use-action-error';
import { showView, upsertConnection, useAppStore } from '../../store/app-store';
import { BrokerLog } from './BrokerLog';
import { BrokerSettingsForm } from './BrokerSettingsForm';
import { ClientsTable } from './ClientsTable';
import { SharedGroupsTable } from './SharedGroupsTable';
import { FaultsPanel } from './FaultsPanel';
import { PacketsPanel } from './PacketsPanel';
import { RetainedPanel } from './RetainedPanel';
import { ErrorNote } from '../../components/ErrorNote';

const stateLabels = { stopped: 'Stopped', starting: 'Starting', running: 'Running', stopping: 'Stopping', failed: 'Failed' } as const;

/** The built-in broker: settings, start/stop, who is connected, what is retained, and its faults. */
export function BrokerPage() {
  const broker = useAppStore((state) => state.broker);
  const { error, setError, run } = useActionError();
  const onError = useCallback((message: string) => setError(message), [setError]);
  if (!broker) return <p className="empty-note">Loading the broker…</p>;
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

  return (
    <div className="broker-page">
      <header className="workspace-header">
        <div className="workspace-title">
          <h2>Built-in broker</h2>
          <span className="endpoint">
            {broker.engine.name} {broker.engine.version} · MQTT {broker.engine.protocols.join(', ')}
          </span>
        </div>
        <div className="workspace-status">
          <div role="status" aria-label="Broker status">
            <span className={`status status-${running ? 'connected' : broker.state === 'failed' ? 'failed' : broker.state === 'stopped' ? 'idle' : 'connecting'}`}>
              <span className="status-dot" aria-hidden="true" />
              <span className="status-label">{stateLabels[broker.state]}</span>
              {broker.reason && <span className="status-reason">: {broker.reason}</span>}
            </span>
          </div>
        </div>
        <div className="workspace-actions">
          {running ? (
            <>
              <button type="button" className="primary" onClick={connect}>
                Connect to this broker
              </button>
              <button type="button" onClick={stop}>
                Stop broker
              </button>
            </>
          ) : (
            <button type="button" className="primary" onClick={start} disabled={broker.state === 'starting' || broker.state === 'stopping'}>
              Start broker
            </button>
          )}
        </div>
      </header>
      <ErrorNote message={error} className="page-error" />
      <div className="broker-body">
        <section className="broker-section" aria-labelledby="broker-settings">
          <h3 id="broker-settings">Settings</h3>
          <BrokerSettingsForm broker={broker} />
          <details className="engine-notes">
            <summary>
              What this broker supports: MQTT {broker.engine.protocols.join(', ')}
            </summary>
            {broker.engine.notes.map((note) => (
              <p key={note} className="field-hint">
                {note}
              </p>
            ))}
          </details>
        </section>
        <FaultsPanel broker={broker} />
        <section className="broker-section wide" aria-labelledby="broker-listeners">
          <div className="panel-header">
            <h3 id="broker-listeners">Listening</h3>
            {running && (
              <span className="rates" aria-label="Message rates">
                {broker.rates.inPerSecond} msg/s in · {broker.rates.outPerSecond} msg/s out
              </span>
            )}
          </div>
          {broker.listeners.length === 0 ? (
            <p className="empty-note">Not listening. Start the broker.</p>
          ) : (
            <ul className="listener-list" aria-label="Listeners">
              {broker.listeners.flatMap((listener) => listener.urls.map((url) => <li key={url} className="mono">{url}</li>))}
            </ul>
          )}
          <div className="panel-header">
            <h3>Clients</h3>
            <span className="count">{broker.clients.length}</span>
          </div>
          <ClientsTable clients={broker.clients} onError={onError} />
          <div className="panel-header">
            <h3 id="broker-shared-groups">Shared subscriptions</h3>
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
