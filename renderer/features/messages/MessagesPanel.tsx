import { useSyncExternalStore } from 'react';
import { api } from '../../api';
import { selectMessage } from '../../store/app-store';
import { LowerPane } from './LowerPane';
import { MessageList } from './MessageList';
import { messageBuffer } from './message-buffers';

export function MessagesPanel({ connectionId }: { connectionId: string }) {
  const buffer = messageBuffer(connectionId);
  const count = useSyncExternalStore(buffer.subscribe, () => buffer.rows.length);
  const clear = async () => {
    selectMessage(connectionId, undefined);
    await api.invoke('message.clear', { connectionId });
  };
  return (
    <section className="panel messages" aria-labelledby={`messages-${connectionId}`}>
      <header className="panel-header">
        <h3 id={`messages-${connectionId}`}>Messages</h3>
        <span className="count" aria-label="Message count">
          {count.toLocaleString()}
        </span>
        <button type="button" onClick={clear} disabled={count === 0}>
          Clear
        </button>
      </header>
      <MessageList connectionId={connectionId} />
      <LowerPane connectionId={connectionId} />
    </section>
  );
}
