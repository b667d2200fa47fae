import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { ExchangeList } from './ExchangeList';
import { useExchange } from './exchange-store';
import { PublisherModeSwitch } from './PublisherModeSwitch';
import { RequesterForm } from './RequesterForm';
import { ResponderSection } from './ResponderSection';
import './exchange.css';
import { useT } from '../../i18n/use-t';

const versionNames: Record<number, string> = { 3: '3.1', 4: '3.1.1', 5: '5.0' };

/** The publisher's Request mode: MQTT 5 request/response, the requesting side and the answering side. */
export function RequestPanel({ connectionId }: { connectionId: string }) {
  const t = useT();
  const version = useAppStore((store) => store.connections[connectionId]?.profile.protocolVersion);
  const snapshot = useExchange(connectionId);
  return (
    <section className="panel publish request-panel" aria-labelledby={`request-${connectionId}`}>
      <h3 id={`request-${connectionId}`}>{t('exchange.panel.title')}</h3>
      <PublisherModeSwitch connectionId={connectionId} />
      {version !== 5 ? (
        <p className="warning">{t('exchange.panel.needsV5', { version: versionNames[version ?? 4] ?? String(version) })}</p>
      ) : (
        <div className="request-body">
          <RequesterForm connectionId={connectionId} />
          {snapshot && (
            <>
              <div className="row exchange-bar">
                <h4>{t('exchange.panel.requests')}</h4>
                <button type="button" disabled={snapshot.requests.length === 0 && snapshot.unmatched.length === 0} onClick={() => void api.invoke('request.clear', { connectionId })}>
                  {t('exchange.panel.clear')}
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
