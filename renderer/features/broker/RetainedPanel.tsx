import { errorText } from '../../components/use-action-error';
import { useCallback, useEffect, useState } from 'react';
import type { RetainedView } from '../../../shared/domain/broker';
import { api } from '../../api';
import { formatSize, formatTime } from '../messages/format';

/** The broker's retained messages; refreshed when the retained count changes. */
export function RetainedPanel({ retainedCount, onError }: { retainedCount: number; onError(message: string): void }) {
  const [retained, setRetained] = useState<RetainedView[]>([]);
  const load = useCallback(async () => {
    try {
      setRetained((await api.invoke('broker.retained.list', {})).retained);
    } catch (error) {
      onError(errorText(error));
    }
  }, [onError]);
  useEffect(() => {
    void load();
  }, [load, retainedCount]);

  const remove = async (topic: string) => {
    if (!window.confirm(`Delete the retained message on ${topic}?`)) return;
    await api.invoke('broker.retained.delete', { topic }).catch((error: unknown) => onError(String(error)));
    await load();
  };
  const clear = async () => {
    if (!window.confirm(`Delete all ${retained.length} retained messages?`)) return;
    await api.invoke('broker.retained.clear', {}).catch((error: unknown) => onError(String(error)));
    await load();
  };

  return (
    <section className="broker-section" aria-labelledby="broker-retained">
      <div className="panel-header">
        <h3 id="broker-retained">Retained messages</h3>
        <span className="count">{retained.length}</span>
        <button type="button" onClick={() => void load()}>
          Refresh
        </button>
        <button type="button" className="danger" disabled={retained.length === 0} onClick={() => void clear()}>
          Clear all
        </button>
      </div>
      {retained.length === 0 ? (
        <p className="empty-note">No retained messages.</p>
      ) : (
        <table className="broker-table" aria-label="Retained messages">
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">QoS</th>
              <th scope="col">Size</th>
              <th scope="col">Stored</th>
              <th scope="col">Payload</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {retained.map((message) => (
              <tr key={message.topic} aria-label={`Retained ${message.topic}`}>
                <td className="mono">{message.topic}</td>
                <td>{message.qos}</td>
                <td>{formatSize(message.size)}</td>
                <td>{formatTime(message.time)}</td>
                <td className="mono preview">{message.preview}</td>
                <td>
                  <div className="actions">
                    <button type="button" aria-label={`Delete retained ${message.topic}`} onClick={() => void remove(message.topic)}>
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
