import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { ExchangeList } from './ExchangeList';
import { useExchange } from './exchange-store';
import { PublisherModeSwitch } from './PublisherModeSwitch';
import { RequesterForm } from './RequesterForm';
import { ResponderSection } from './ResponderSection';
import './exchange.css';

const versionNames: Record<number, string> = { 3: '3.1', 4: '3.1.1', 5: '5.0' };

/** The publisher's Request mode: MQTT 5 request/response, the requesting side and the answering side. */
export function RequestPanel({ connectionId }: { connectionId: string }) {
  const version = useAppStore((store) => store.connections[connectionId]?.profile.protocolVersion);
  const snapshot = useExchange(connectionId);
  return (
    <section className="panel publish request-panel" aria-labelledby={`request-${connectionId}`}>
      <h3 id={`request-${connectionId}`}>Request</h3>
      <PublisherModeSwitch connectionId={connectionId} />
      {version !== 5 ? (
        <p className="warning">
          Request/response needs MQTT 5: a request carries its Response Topic and Correlation Data as MQTT 5 properties, which MQTT {versionNames[version ?? 4] ?? version} does not have. Edit the
          connection and choose MQTT 5.0 to use it.
        </p>
      ) : (
        <div className="request-body">
          <RequesterForm connectionId={connectionId} />
          {snapshot && (
            <>
              <div className="row exchange-bar">
                <h4>Requests</h4>
                <button type="button" disabled={snapshot.requests.length === 0 && snapshot.unmatched.length === 0} onClick={() => void api.invoke('request.clear', { connectionId })}>
                  Clear requests
                </button>
              </div>
              <ExchangeList snapshot={snapshot} />
              <ResponderSection connectionId={connectionId} rules={snapshot.rules} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
