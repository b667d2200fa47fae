import { useCallback, useEffect, useState } from 'react';
import type { RetainedView } from '../../../shared/domain/broker';
import { api } from '../../api';
import { formatSize, formatTime } from '../messages/format';
import { useT } from '../../i18n/use-t';

/** The broker's retained messages; refreshed when the retained count changes. */
export function RetainedPanel({ retainedCount, onError }: { retainedCount: number; onError(error: unknown): void }) {
  const t = useT();
  const [retained, setRetained] = useState<RetainedView[]>([]);
  const load = useCallback(async () => {
    try {
      setRetained((await api.invoke('broker.retained.list', {})).retained);
    } catch (error) {
      onError(error);
    }
  }, [onError]);
  useEffect(() => {
    void load();
  }, [load, retainedCount]);

  const remove = async (topic: string) => {
    if (!window.confirm(t('broker.retained.confirmDelete', { topic }))) return;
    await api.invoke('broker.retained.delete', { topic }).catch((error: unknown) => onError(error));
    await load();
  };
  const clear = async () => {
    if (!window.confirm(t('broker.retained.confirmClear', { count: String(retained.length) }))) return;
    await api.invoke('broker.retained.clear', {}).catch((error: unknown) => onError(error));
    await load();
  };

  return (
    <section className="broker-section" aria-labelledby="broker-retained">
      <div className="panel-header">
        <h3 id="broker-retained">{t('broker.retained.title')}</h3>
        <span className="count">{retained.length}</span>
        <button type="button" onClick={() => void load()}>
          {t('broker.retained.refresh')}
        </button>
        <button type="button" className="danger" disabled={retained.length === 0} onClick={() => void clear()}>
          {t('broker.retained.clear')}
        </button>
      </div>
      {retained.length === 0 ? (
        <p className="empty-note">{t('broker.retained.none')}</p>
      ) : (
        <table className="broker-table" aria-label={t('broker.retained.title')}>
          <thead>
            <tr>
              <th scope="col">{t('broker.retained.topic')}</th>
              <th scope="col">{t('broker.retained.qos')}</th>
              <th scope="col">{t('broker.retained.size')}</th>
              <th scope="col">{t('broker.retained.stored')}</th>
              <th scope="col">{t('broker.retained.payload')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('broker.clients.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {retained.map((message) => (
              <tr key={message.topic} aria-label={t('broker.retained.rowLabel', { topic: message.topic })}>
                <td className="mono">{message.topic}</td>
                <td>{message.qos}</td>
                <td>{formatSize(message.size)}</td>
                <td>{formatTime(message.time)}</td>
                <td className="mono preview">{message.preview}</td>
                <td>
                  <div className="actions">
                    <button type="button" aria-label={t('broker.retained.deleteLabel', { topic: message.topic })} onClick={() => void remove(message.topic)}>
                      {t('broker.retained.delete')}
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
