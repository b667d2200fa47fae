import { errorText } from '../../components/use-action-error';
import type { BrokerClientView } from '../../../shared/domain/broker';
import { api } from '../../api';
import { formatTime } from '../messages/format';

/** The clients connected right now, with one-click kick (polite) and cut (abrupt: the will fires). */
export function ClientsTable({ clients, onError }: { clients: BrokerClientView[]; onError(message: string): void }) {
  const act = async (channel: 'broker.kick' | 'broker.cut', clientId: string) => {
    try {
      await api.invoke(channel, { clientId });
    } catch (error) {
      onError(errorText(error));
    }
  };
  if (clients.length === 0) return <p className="empty-note">No clients connected.</p>;
  return (
    <table className="broker-table" aria-label="Connected clients">
      <thead>
        <tr>
          <th scope="col">Client id</th>
          <th scope="col">Address</th>
          <th scope="col">MQTT</th>
          <th scope="col">Keepalive</th>
          <th scope="col">Session</th>
          <th scope="col">Since</th>
          <th scope="col">In / out</th>
          <th scope="col">Subscriptions</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {clients.map((client) => (
          <tr key={client.clientId} aria-label={`Client ${client.clientId}`}>
            <td className="mono">{client.clientId}</td>
            <td className="mono">{client.address}</td>
            <td>{client.protocolVersion === 3 ? '3.1' : client.protocolVersion === 4 ? '3.1.1' : client.protocolVersion === 5 ? '5.0' : client.protocolVersion}</td>
            <td>{client.keepalive} s</td>
            <td>{describeSession(client)}</td>
            <td className="nowrap">{formatTime(client.connectedAt)}</td>
            <td>
              {client.messagesIn} / {client.messagesOut}
            </td>
            <td className="mono">{client.subscriptions.length === 0 ? '—' : client.subscriptions.map((sub) => `${sub.filter} (QoS ${sub.qos})`).join(', ')}</td>
            <td>
              <div className="actions">
                <button type="button" aria-label={`Kick ${client.clientId}`} title="Close its connection (no will)" onClick={() => void act('broker.kick', client.clientId)}>
                  Kick
                </button>
                <button type="button" aria-label={`Cut ${client.clientId}`} title="Drop the socket without DISCONNECT: its will is published" onClick={() => void act('broker.cut', client.clientId)}>
                  Cut
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 3.1.1 has one flag; MQTT 5 splits it into Clean Start and a Session Expiry Interval. */
function describeSession(client: BrokerClientView): string {
  if (client.protocolVersion !== 5) return client.clean ? 'clean' : 'persistent';
  return `clean start ${client.clean ? 1 : 0}, expiry ${client.sessionExpiryInterval ?? 0} s`;
}
