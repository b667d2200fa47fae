import { useState } from 'react';
import type { MessageCollection, PublisherContent, SavedMessage } from '../../../shared/domain/saved-messages';
import { api } from '../../api';
import { downloadText } from '../../components/download';
import { FileButton } from '../../components/FileButton';
import { NEW_PUBLISH_DRAFT, updatePublishDraft, useAppStore, type Worded } from '../../store/app-store';
import { contentFromDraft, draftPatchFromContent } from './publisher-content';
import { NotPublished, publishSaved } from './publish-saved';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';
import { rememberPublish, useRecentPublishes } from './recent-publishes';
import { addCollection, deleteMessage, duplicateMessage, moveMessage, removeCollection, renameMessage, saveMessage, useSavedMessages } from './saved-messages-store';
import './saved-messages.css';

/** Worded when shown, so a language switch rewords the last report too. */
/** A recent publish's time of day, as the list and its labels show it. */
const TIME_OF_DAY: Intl.DateTimeFormatOptions = { timeStyle: 'medium' };

type Report = { kind: 'ok' | 'error'; text: Worded } | undefined;

function matches(message: SavedMessage, search: string): boolean {
  if (search === '') return true;
  const needle = search.toLowerCase();
  return message.name.toLowerCase().includes(needle) || message.content.topic.toLowerCase().includes(needle) || message.content.payload.slice(0, 10_000).toLowerCase().includes(needle);
}

/** The saved messages beside the publisher: this connection's collections and the global ones, searchable, with the recent publishes. */
export function SavedMessagesSection({ connectionId }: { connectionId: string }) {
  const t = useT();
  const { collections, notices } = useSavedMessages();
  const v5 = useAppStore((store) => store.connections[connectionId]?.profile.protocolVersion === 5);
  const aliasMaximum = useAppStore((store) => store.connections[connectionId]?.broker?.properties.topicAliasMaximum);
  const [search, setSearch] = useState('');
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [newCollection, setNewCollection] = useState('');
  const [scope, setScope] = useState<'connection' | 'global'>('global');
  const [report, setReport] = useState<Report>();
  const visible = collections.filter((collection) => collection.connectionId === undefined || collection.connectionId === connectionId);
  const chosen = visible.find((collection) => collection.id === target) ?? visible[0];

  const act = async (action: () => Promise<unknown>, success?: Worded) => {
    try {
      const result = await action();
      setReport(success ? { kind: 'ok', text: success } : typeof result === 'function' ? { kind: 'ok', text: result as Worded } : undefined);
    } catch (error) {
      setReport({ kind: 'error', text: error instanceof NotPublished ? error.words : (tr) => describeError(tr, error) });
    }
  };
  const current = (): PublisherContent => contentFromDraft(useAppStore.getState().publishDrafts[connectionId] ?? NEW_PUBLISH_DRAFT);
  /** `what`: a saved message's name, or undefined for a recent publish. */
  const load = (content: PublisherContent, what: string | undefined) => {
    updatePublishDraft(connectionId, { ...draftPatchFromContent(content, t('savedMessages.section.unnamedFile')), result: undefined });
    setReport({ kind: 'ok', text: (tr) => (what === undefined ? tr('savedMessages.report.loadedRecent') : tr('savedMessages.report.loaded', { name: what })) });
  };
  const noCollection: Report = { kind: 'error', text: (tr) => tr('savedMessages.report.addCollectionFirst') };

  const save = () => {
    if (!chosen) return setReport(noCollection);
    const messageName = name.trim();
    if (messageName === '') return setReport({ kind: 'error', text: (tr) => tr('savedMessages.report.nameMessage') });
    void act(() => saveMessage(chosen.id, messageName, current()), (tr) => tr('savedMessages.report.saved', { name: messageName, collection: chosen.name })).then(() => setName(''));
  };
  const add = () => {
    const collectionName = newCollection.trim();
    if (collectionName === '') return setReport({ kind: 'error', text: (tr) => tr('savedMessages.report.nameCollection') });
    void act(
      async () => {
        setTarget(await addCollection(collectionName, scope === 'connection' ? connectionId : undefined));
        setNewCollection('');
      },
      (tr) => tr('savedMessages.report.added', { name: collectionName }),
    );
  };
  const doImport = (file: File) =>
    void act(async (): Promise<Worded> => {
      const { imported, warnings, warningTexts } = await api.invoke('savedMessages.import', { fileName: file.name, content: await file.text() });
      return (tr) => [tr('savedMessages.report.imported', { count: imported, file: file.name }), ...warnings.map((warning, index) => { const text = warningTexts?.[index]; return text ? tr.msg(text, warning) : warning; })].join(tr.locale === 'zh-CN' ? '' : ' ');
    });
  const doExport = (collection: MessageCollection) =>
    void act(async (): Promise<Worded> => {
      const { fileName, content } = await api.invoke('savedMessages.export', { collectionIds: [collection.id] });
      downloadText(fileName, content);
      return (tr) => tr('savedMessages.report.exported', { name: collection.name, file: fileName });
    });

  return (
    <section className="saved-messages" aria-label={t('savedMessages.section.title')}>
      <div className="row saved-title">
        <h4>{t('savedMessages.section.title')}</h4>
        <FileButton text={t('savedMessages.section.import')} label={t('savedMessages.section.importLabel')} accept=".json,application/json" onFile={doImport} />
      </div>
      {notices.map((notice) => (
        <p key={notice.english} className="warning" role="alert">
          {notice.text ? t.msg(notice.text, notice.english) : notice.english}
        </p>
      ))}
      <input aria-label={t('savedMessages.section.messageName')} placeholder={t('savedMessages.section.messageNamePlaceholder')} value={name} onChange={(event) => setName(event.target.value)} />
      <div className="row saved-form">
        <select aria-label={t('savedMessages.section.saveIn')} value={chosen?.id ?? ''} onChange={(event) => setTarget(event.target.value)}>
          {visible.length === 0 && <option value="">{t('savedMessages.section.noCollection')}</option>}
          {visible.map((collection) => (
            <option key={collection.id} value={collection.id}>
              {collection.connectionId ? t('savedMessages.section.thisConnectionOption', { name: collection.name }) : collection.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={save}>
          {t('savedMessages.section.save')}
        </button>
      </div>
      <input aria-label={t('savedMessages.section.newCollection')} placeholder={t('savedMessages.section.newCollectionPlaceholder')} value={newCollection} onChange={(event) => setNewCollection(event.target.value)} />
      <div className="row saved-form">
        <select aria-label={t('savedMessages.section.belongsTo')} value={scope} onChange={(event) => setScope(event.target.value as 'connection' | 'global')}>
          <option value="global">{t('savedMessages.section.everyConnection')}</option>
          <option value="connection">{t('savedMessages.section.thisConnection')}</option>
        </select>
        <button type="button" onClick={add}>
          {t('savedMessages.section.addCollection')}
        </button>
      </div>
      <input type="search" aria-label={t('savedMessages.section.search')} placeholder={t('savedMessages.section.searchPlaceholder')} value={search} onChange={(event) => setSearch(event.target.value)} />
      {report && (
        <p className={`saved-report ${report.kind === 'error' ? 'field-error' : ''}`} role="status" aria-label={t('savedMessages.section.result')}>
          {report.text(t)}
        </p>
      )}
      {visible.map((collection) => (
        <CollectionView
          key={collection.id}
          collection={collection}
          search={search}
          onLoad={(message) => load(message.content, message.name)}
          onPublish={(message) => {
            rememberPublish(connectionId, message.content);
            void act(() => publishSaved(connectionId, message.content, v5, aliasMaximum));
          }}
          onAction={(action) => void act(action)}
          onExport={() => doExport(collection)}
        />
      ))}
      <RecentPublishes connectionId={connectionId} onRecall={(content) => load(content, undefined)} onSave={(content) => (chosen ? void act(() => saveMessage(chosen.id, content.topic, content), (tr) => tr('savedMessages.report.saved', { name: content.topic, collection: chosen.name })) : setReport(noCollection))} />
    </section>
  );
}

interface CollectionProps {
  collection: MessageCollection;
  search: string;
  onLoad(message: SavedMessage): void;
  onPublish(message: SavedMessage): void;
  onAction(action: () => Promise<unknown>): void;
  onExport(): void;
}

function CollectionView({ collection, search, onLoad, onPublish, onAction, onExport }: CollectionProps) {
  const t = useT();
  const [renaming, setRenaming] = useState<{ id: string; name: string }>();
  const [confirming, setConfirming] = useState(false);
  const shown = collection.messages.filter((message) => matches(message, search));
  return (
    <div className="saved-collection" role="group" aria-label={t('savedMessages.collection.label', { name: collection.name })}>
      <div className="row saved-collection-head">
        <strong>{collection.name}</strong>
        <span className="saved-scope">{t(collection.connectionId ? 'savedMessages.collection.scopeConnection' : 'savedMessages.collection.scopeGlobal')}</span>
        <button type="button" className="small" onClick={onExport} aria-label={t('savedMessages.collection.exportLabel', { name: collection.name })}>
          {t('savedMessages.collection.export')}
        </button>
        {/* A whole collection goes at once, so it asks first. */}
        {confirming ? (
          <button type="button" className="danger small" onClick={() => onAction(() => removeCollection(collection.id))} onBlur={() => setConfirming(false)} aria-label={t('savedMessages.collection.confirmDeleteLabel', { name: collection.name })}>
            {t('savedMessages.collection.confirmDelete', { count: collection.messages.length })}
          </button>
        ) : (
          <button type="button" className="danger small" onClick={() => setConfirming(true)} aria-label={t('savedMessages.collection.deleteLabel', { name: collection.name })}>
            {t('savedMessages.collection.delete')}
          </button>
        )}
      </div>
      {shown.length === 0 && <p className="empty-note">{t(collection.messages.length === 0 ? 'savedMessages.collection.empty' : 'savedMessages.collection.noMatch')}</p>}
      <ul className="saved-list">
        {shown.map((message, index) => (
          <li key={message.id}>
            {renaming?.id === message.id ? (
              <form
                className="row"
                onSubmit={(event) => {
                  event.preventDefault();
                  const next = renaming.name.trim();
                  if (next !== '') onAction(() => renameMessage(collection.id, message.id, next));
                  setRenaming(undefined);
                }}
              >
                <input aria-label={t('savedMessages.message.newName', { name: message.name })} value={renaming.name} autoFocus onChange={(event) => setRenaming({ id: message.id, name: event.target.value })} />
                <button type="submit">{t('savedMessages.message.rename')}</button>
                <button type="button" onClick={() => setRenaming(undefined)}>
                  {t('savedMessages.message.cancel')}
                </button>
              </form>
            ) : (
              <div className="row">
                <button type="button" className="saved-load" title={t('savedMessages.message.loadTitle', { topic: message.content.topic })} onClick={() => onLoad(message)} aria-label={t('savedMessages.message.loadLabel', { name: message.name })}>
                  <span>{message.name}</span>
                  <code>{message.content.topic}</code>
                </button>
                <button type="button" className="primary" onClick={() => onPublish(message)} aria-label={t('savedMessages.message.publishLabel', { name: message.name })}>
                  {t('savedMessages.message.publish')}
                </button>
                <details className="saved-more">
                  {/* eslint-disable-next-line i18next/no-literal-string -- the ⋯ symbol is language-free; the name is in its label */}
                  <summary aria-label={t('savedMessages.message.moreLabel', { name: message.name })}>⋯</summary>
                  {/* A choice closes the menu, as menus do; the click reaches here after the button's own handler. */}
                  <div className="saved-more-menu" onClick={(event) => event.currentTarget.parentElement?.removeAttribute('open')}>
                    <button type="button" onClick={() => setRenaming({ id: message.id, name: message.name })} aria-label={t('savedMessages.message.renameLabel', { name: message.name })}>
                      {t('savedMessages.message.rename')}
                    </button>
                    <button type="button" onClick={() => onAction(() => duplicateMessage(collection.id, message.id, t('savedMessages.message.copyName', { name: message.name })))} aria-label={t('savedMessages.message.duplicateLabel', { name: message.name })}>
                      {t('savedMessages.message.duplicate')}
                    </button>
                    <button type="button" disabled={search !== '' || index === 0} onClick={() => onAction(() => moveMessage(collection.id, message.id, -1))} aria-label={t('savedMessages.message.upLabel', { name: message.name })}>
                      {t('savedMessages.message.up')}
                    </button>
                    <button type="button" disabled={search !== '' || index === shown.length - 1} onClick={() => onAction(() => moveMessage(collection.id, message.id, 1))} aria-label={t('savedMessages.message.downLabel', { name: message.name })}>
                      {t('savedMessages.message.down')}
                    </button>
                    <button type="button" className="danger" onClick={() => onAction(() => deleteMessage(collection.id, message.id))} aria-label={t('savedMessages.message.deleteLabel', { name: message.name })}>
                      {t('savedMessages.message.delete')}
                    </button>
                  </div>
                </details>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RecentPublishes({ connectionId, onRecall, onSave }: { connectionId: string; onRecall(content: PublisherContent): void; onSave(content: PublisherContent): void }) {
  const t = useT();
  const recent = useRecentPublishes(connectionId);
  return (
    <details className="saved-recent">
      <summary>{t('savedMessages.recent.title', { count: recent.length })}</summary>
      {recent.length === 0 ? (
        <p className="empty-note">{t('savedMessages.recent.empty')}</p>
      ) : (
        <ul className="saved-list" aria-label={t('savedMessages.recent.list')}>
          {recent.map((entry) => {
            const time = t.date(entry.at, TIME_OF_DAY);
            return (
              <li key={entry.at} className="row">
                <button type="button" className="saved-load" onClick={() => onRecall(entry.content)} title={t('savedMessages.recent.loadTitle')} aria-label={t('savedMessages.recent.loadLabel', { topic: entry.content.topic, time })}>
                  <span>{time}</span>
                  <code>{entry.content.topic}</code>
                </button>
                <button type="button" onClick={() => onSave(entry.content)} aria-label={t('savedMessages.recent.saveLabel', { topic: entry.content.topic, time })}>
                  {t('savedMessages.recent.save')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </details>
  );
}
