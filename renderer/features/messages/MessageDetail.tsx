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
import type { MessageKey } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

type Loaded = { row: MessageRow; source: PayloadSource; properties: MessageProperties | undefined } | { error: unknown } | undefined;

const sections = [
  { id: 'payload', label: 'messages.detail.payload' },
  { id: 'properties', label: 'messages.detail.properties' },
  { id: 'diff', label: 'messages.detail.diff' },
] as const satisfies readonly { id: string; label: MessageKey }[];

/** The PUBLISH flag's name in the MQTT spec: the same in every language. */
const DUP_FLAG = 'DUP';
type SectionId = (typeof sections)[number]['id'];

/**
 * The selected message, fetched by id: its head arrives with it and the rest of a large payload is
 * read in slices when a view needs it. Payloads are rendered as text, never as HTML.
 */
export function MessageDetail({ connectionId }: { connectionId: string }) {
  const t = useT();
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
      .catch((error: unknown) => current && setLoaded({ error }));
    return () => {
      current = false;
    };
  }, [connectionId, messageId]);

  if (messageId === undefined) {
    return (
      <section className="panel message-detail" aria-label={t('messages.detail.label')}>
        <p className="empty-note">{t('messages.detail.selectPrompt')}</p>
      </section>
    );
  }
  if (!loaded) return <section className="panel message-detail" aria-label={t('messages.detail.label')} aria-busy="true" />;
  if ('error' in loaded) {
    return (
      <section className="panel message-detail" aria-label={t('messages.detail.label')}>
        <p className="form-error" role="alert">
          {describeError(t, loaded.error)}
        </p>
      </section>
    );
  }
  const { row, source, properties } = loaded;
  const propertyCount = properties ? Object.keys(properties).length : 0;
  return (
    <section className="panel message-detail" aria-label={t('messages.detail.label')}>
      <div className="detail-header">
        <h3 className="detail-topic">
          <span className="detail-id">{t('messages.detail.number', { id: row.id })}</span> <code>{visibleName(row.topic)}</code>
        </h3>
        <CopyButtons connectionId={connectionId} row={row} source={source} properties={properties} />
      </div>
      <dl className="detail-meta">
        <div>
          <dt>{t('messages.detail.time')}</dt>
          <dd>
            {t.date(row.time)} {formatTime(row.time)}
          </dd>
        </div>
        <div>
          <dt>{t('messages.detail.direction')}</dt>
          <dd>{t(row.direction === 'in' ? 'messages.direction.received' : 'messages.direction.sentByYou')}</dd>
        </div>
        <div>
          <dt>{t('messages.detail.qos')}</dt>
          <dd>{row.qos}</dd>
        </div>
        <div>
          <dt>{t('messages.detail.flags')}</dt>
          <dd>{[row.retain && t('messages.list.retained'), row.dup && DUP_FLAG].filter(Boolean).join(t('messages.detail.flagSeparator')) || t('messages.detail.noFlags')}</dd>
        </div>
        <div>
          <dt>{t('messages.detail.size')}</dt>
          <dd>{t('messages.detail.sizeValue', { size: formatSize(source.size), bytes: source.size })}</dd>
        </div>
        <MatchedSubscriptions connectionId={connectionId} row={row} properties={properties} />
      </dl>
      <div role="tablist" aria-label={t('messages.detail.sections')} className="detail-tabs">
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
            {entry.id === 'properties' && propertyCount > 0 ? t('messages.detail.propertiesCount', { count: propertyCount }) : t(entry.label)}
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
