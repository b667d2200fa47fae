import type { BrokerClientView } from '../../../shared/domain/broker';
import type { Translator } from '../../../shared/i18n';
import { api } from '../../api';
import { useT } from '../../i18n/use-t';
import { formatTime } from '../messages/format';

/** The clients connected right now, with one-click kick (polite) and cut (abrupt: the will fires). */
export function ClientsTable({ clients, onError }: { clients: BrokerClientView[]; onError(error: unknown): void }) {
  const t = useT();
  const act = async (channel: 'broker.kick' | 'broker.cut', clientId: string) => {
    try {
      await api.invoke(channel, { clientId });
    } catch (error) {
      onError(error);
    }
  };
  if (clients.length === 0) return <p className="empty-note">{t('broker.clients.none')}</p>;
  return (
    <table className="broker-table" aria-label={t('broker.clients.label')}>
      <thead>
        <tr>
          <th scope="col">{t('broker.clients.clientId')}</th>
          <th scope="col">{t('broker.clients.address')}</th>
          <th scope="col">{t('broker.clients.mqtt')}</th>
          <th scope="col">{t('broker.clients.keepalive')}</th>
          <th scope="col">{t('broker.clients.session')}</th>
          <th scope="col">{t('broker.clients.since')}</th>
          <th scope="col">{t('broker.clients.inOut')}</th>
          <th scope="col">{t('broker.clients.subscriptions')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('broker.clients.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {clients.map((client) => (
          <tr key={client.clientId} aria-label={t('broker.clients.rowLabel', { clientId: client.clientId })}>
            <td className="mono">{client.clientId}</td>
            <td className="mono">{client.address}</td>
            <td>{versionNames[client.protocolVersion] ?? client.protocolVersion}</td>
            <td>{t('broker.clients.seconds', { seconds: String(client.keepalive) })}</td>
            <td>{describeSession(t, client)}</td>
            <td className="nowrap">{formatTime(client.connectedAt)}</td>
            <td>{t('broker.clients.counts', { in: String(client.messagesIn), out: String(client.messagesOut) })}</td>
            <td className="mono">{subscriptionsText(t, client)}</td>
            <td>
              <div className="actions">
                <button type="button" aria-label={t('broker.clients.kickLabel', { clientId: client.clientId })} title={t('broker.clients.kickTitle')} onClick={() => void act('broker.kick', client.clientId)}>
                  {t('broker.clients.kick')}
                </button>
                <button type="button" aria-label={t('broker.clients.cutLabel', { clientId: client.clientId })} title={t('broker.clients.cutTitle')} onClick={() => void act('broker.cut', client.clientId)}>
                  {t('broker.clients.cut')}
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** MQTT version numbers as the spec names them. */
const versionNames: Record<number, string> = { 3: '3.1', 4: '3.1.1', 5: '5.0' };

/** Filters are the client's own words; only the QoS note around each is ours. */
function subscriptionsText(t: Translator, client: BrokerClientView): string {
  if (client.subscriptions.length === 0) return '—';
  return client.subscriptions.map((sub) => t('broker.clients.subscription', { filter: sub.filter, qos: sub.qos })).join(', ');
}

/** 3.1.1 has one flag; MQTT 5 splits it into Clean Start and a Session Expiry Interval. */
export function describeSession(t: Translator, client: BrokerClientView): string {
  if (client.protocolVersion !== 5) return t(client.clean ? 'broker.clients.sessionClean' : 'broker.clients.sessionPersistent');
  return t('broker.clients.session5', { clean: client.clean ? 1 : 0, expiry: String(client.sessionExpiryInterval ?? 0) });
}
