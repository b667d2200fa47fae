import { useEffect, useId, useState } from 'react';
import type { MessageProperties, MessageRow } from '../../../shared/domain/message';
import { base64ToBytes } from '../../../shared/payload/preview';
import { api } from '../../api';
import { useAppStore } from '../../store/app-store';
import { CopyButtons } from './detail/CopyButtons';
import { DiffPanel } from './detail/DiffPanel';
import { PayloadSource } from './detail/payload-source';
import { PropertiesView } from './detail/PropertiesView';
import './detail/detail.css';
import { formatSize, formatTime } from './format';
import { PayloadViewer } from './PayloadView';
import { visibleName } from '../../../shared/text/invisible-characters';
import { MatchedSubscriptions } from '../subscriptions/MatchedSubscriptions';

type Loaded = { row: MessageRow; source: PayloadSource; properties: MessageProperties | undefined } | { error: string } | undefined;

const sections = [
  { id: 'payload', label: 'Payload' },
  { id: 'properties', label: 'Properties' },
  { id: 'diff', label: 'Diff' },
] as const;
type SectionId = (typeof sections)[number]['id'];

/**
 * The selected message, fetched by id: its head arrives with it and the rest of a large payload is
 * read in slices when a view needs it. Payloads are rendered as text, never as HTML.
 */
export function MessageDetail({ connectionId }: { connectionId: string }) {
  const messageId = useAppStore((state) => state.selectedMessage[connectionId]);
  const [loaded, setLoaded] = useState<Loaded>();
  // Kept across messages: someone reading properties or diffs usually wants the same for the next one.
  const [section, setSection] = useState<SectionId>('payload');
  const tabsId = useId();

  useEffect(() => {
    setLoaded(undefined);
    if (messageId === undefined) return;
    let current = true;
    api
      .invoke('message.get', { connectionId, messageId })
      .then(
        (detail) =>
          current &&
          setLoaded({
            row: detail.row,
            source: new PayloadSource(connectionId, messageId, base64ToBytes(detail.payloadBase64), detail.payloadSize, detail.decoded),
            properties: detail.properties,
          }),
      )
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
  const { row, source, properties } = loaded;
  const propertyCount = properties ? Object.keys(properties).length : 0;
  return (
    <section className="panel message-detail" aria-label="Message details">
      <div className="detail-header">
        <h3 className="detail-topic">
          <span className="detail-id">#{row.id}</span> <code>{visibleName(row.topic)}</code>
        </h3>
        <CopyButtons connectionId={connectionId} row={row} source={source} properties={properties} />
      </div>
      <dl className="detail-meta">
        <div>
          <dt>Time</dt>
          <dd>
            {new Date(row.time).toLocaleDateString()} {formatTime(row.time)}
          </dd>
        </div>
        <div>
          <dt>Direction</dt>
          <dd>{row.direction === 'in' ? 'received' : 'sent by you'}</dd>
        </div>
        <div>
          <dt>QoS</dt>
          <dd>{row.qos}</dd>
        </div>
        <div>
          <dt>Flags</dt>
          <dd>{[row.retain && 'retained', row.dup && 'DUP'].filter(Boolean).join(', ') || 'none'}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            {formatSize(source.size)} ({source.size} bytes)
          </dd>
        </div>
        <MatchedSubscriptions connectionId={connectionId} row={row} properties={properties} />
      </dl>
      <div role="tablist" aria-label="Message detail sections" className="detail-tabs">
        {sections.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            id={`${tabsId}-${entry.id}`}
            aria-selected={section === entry.id}
            aria-controls={`${tabsId}-panel`}
            onClick={() => setSection(entry.id)}
          >
            {entry.label}
            {entry.id === 'properties' && propertyCount > 0 ? ` (${propertyCount})` : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${section}`} className="detail-section">
        {section === 'payload' && <PayloadViewer key={row.id} source={source} />}
        {section === 'properties' && <PropertiesView properties={properties} />}
        {section === 'diff' && <DiffPanel key={row.id} connectionId={connectionId} row={row} source={source} />}
      </div>
    </section>
  );
}
