import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { formatSize } from '../messages/format';

/** Messages published while the connection was down: shown until they go out, never dropped silently. */
export function PendingList({ connectionId }: { connectionId: string }) {
  const pending = useAppStore(useShallow((state) => state.connections[connectionId]?.pending ?? []));
  if (pending.length === 0) return null;
  const discard = async () => {
    if (!window.confirm(`Discard ${pending.length} message${pending.length === 1 ? '' : 's'} waiting to be sent?`)) return;
    await api.invoke('connection.discardPending', { connectionId });
  };
  return (
    <section className="pending" aria-label="Waiting to send">
      <div className="row">
        <h4>Waiting to send ({pending.length})</h4>
        <button type="button" onClick={() => void discard()}>
          Discard all
        </button>
      </div>
      <ul aria-label="Messages waiting to send">
        {pending.map((item) => (
          <li key={item.id}>
            <span className="topic">{item.topic}</span> · QoS {item.qos}
            {item.retain ? ' · retain' : ''} · {formatSize(item.size)} · <span className="preview">{item.preview}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
