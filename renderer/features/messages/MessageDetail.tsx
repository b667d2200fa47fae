import { useEffect, useState } from 'react';
import type { MessageRow } from '../../../shared/domain/message';
import { base64ToBytes } from '../../../shared/payload/preview';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { formatSize, formatTime } from './format';
import { PayloadViewer } from './PayloadView';

type Loaded = { row: MessageRow; bytes: Uint8Array } | { error: string } | undefined;

/** The whole payload of the selected message, fetched by id. It is rendered as text, never as HTML. */
export function MessageDetail({ connectionId }: { connectionId: string }) {
  const messageId = useAppStore((state) => state.selectedMessage[connectionId]);
  const [loaded, setLoaded] = useState<Loaded>();

  useEffect(() => {
    setLoaded(undefined);
    if (messageId === undefined) return;
    let current = true;
    api
      .invoke('message.get', { connectionId, messageId })
      .then(({ row, payloadBase64 }) => current && setLoaded({ row, bytes: base64ToBytes(payloadBase64) }))
      .catch((error: Error) => current && setLoaded({ error: error.message }));
    return () => {
      current = false;
    };
  }, [connectionId, messageId]);

  if (messageId === undefined) {
    return (
      <section className="panel message-detail" aria-label="Message details">
        <p className="empty-note">Select a message to see its whole payload.</p>
      </section>
    );
  }
  if (!loaded) return <section className="panel message-detail" aria-label="Message details" aria-busy="true" />;
  if ('error' in loaded) {
    return (
      <section className="panel message-detail" aria-label="Message details">
        <p className="form-error" role="alert">
          {loaded.error}
        </p>
      </section>
    );
  }
  const { row, bytes } = loaded;
  return (
    <section className="panel message-detail" aria-label="Message details">
      <dl className="message-meta">
        <dt>Topic</dt>
        <dd>
          <code>{row.topic}</code>
        </dd>
        <dt>Time</dt>
        <dd>
          {new Date(row.time).toLocaleDateString()} {formatTime(row.time)}
        </dd>
        <dt>Direction</dt>
        <dd>{row.direction === 'in' ? 'received' : 'sent by you'}</dd>
        <dt>QoS</dt>
        <dd>{row.qos}</dd>
        <dt>Flags</dt>
        <dd>{[row.retain && 'retained', row.dup && 'DUP'].filter(Boolean).join(', ') || 'none'}</dd>
        <dt>Size</dt>
        <dd>
          {formatSize(row.size)} ({row.size} bytes)
        </dd>
      </dl>
      <PayloadViewer key={row.id} bytes={bytes} />
    </section>
  );
}
