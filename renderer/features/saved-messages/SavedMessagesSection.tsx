import { useState } from 'react';
import type { MessageCollection, PublisherContent, SavedMessage } from '../../../shared/domain/saved-messages';
import { api } from '../../api';
import { downloadText } from '../../components/download';
import { FileButton } from '../../components/FileButton';
import { errorText } from '../../components/use-action-error';
import { NEW_PUBLISH_DRAFT, updatePublishDraft, useAppStore } from '../../store/app-store';
import { contentFromDraft, draftPatchFromContent } from './publisher-content';
import { publishSaved } from './publish-saved';
import { rememberPublish, useRecentPublishes } from './recent-publishes';
import { addCollection, deleteMessage, duplicateMessage, moveMessage, removeCollection, renameMessage, saveMessage, useSavedMessages } from './saved-messages-store';
import './saved-messages.css';

type Report = { kind: 'ok' | 'error'; text: string } | undefined;

function matches(message: SavedMessage, search: string): boolean {
  if (search === '') return true;
  const needle = search.toLowerCase();
  return message.name.toLowerCase().includes(needle) || message.content.topic.toLowerCase().includes(needle) || message.content.payload.slice(0, 10_000).toLowerCase().includes(needle);
}

/** The saved messages beside the publisher: this connection's collections and the global ones, searchable, with the recent publishes. */
export function SavedMessagesSection({ connectionId }: { connectionId: string }) {
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

  const act = async (action: () => Promise<unknown>, success?: string) => {
    try {
      const result = await action();
      setReport(success ? { kind: 'ok', text: success } : typeof result === 'string' ? { kind: 'ok', text: result } : undefined);
    } catch (error) {
      setReport({ kind: 'error', text: errorText(error) });
    }
  };
  const current = (): PublisherContent => contentFromDraft(useAppStore.getState().publishDrafts[connectionId] ?? NEW_PUBLISH_DRAFT);
  const load = (content: PublisherContent, what: string) => {
    updatePublishDraft(connectionId, { ...draftPatchFromContent(content), result: undefined });
    setReport({ kind: 'ok', text: `Loaded ${what} into the publisher.` });
  };

  const save = () => {
    if (!chosen) return setReport({ kind: 'error', text: 'Add a collection first.' });
    const messageName = name.trim();
    if (messageName === '') return setReport({ kind: 'error', text: 'Name the message to save it.' });
    void act(() => saveMessage(chosen.id, messageName, current()), `Saved "${messageName}" in ${chosen.name}.`).then(() => setName(''));
  };
  const add = () => {
    const collectionName = newCollection.trim();
    if (collectionName === '') return setReport({ kind: 'error', text: 'Name the collection to add it.' });
    void act(async () => {
      setTarget(await addCollection(collectionName, scope === 'connection' ? connectionId : undefined));
      setNewCollection('');
    }, `Added the collection ${collectionName}.`);
  };
  const doImport = (file: File) =>
    void act(async () => {
      const { imported, warnings } = await api.invoke('savedMessages.import', { fileName: file.name, content: await file.text() });
      return [`Imported ${imported} collection${imported === 1 ? '' : 's'} from ${file.name}.`, ...warnings].join(' ');
    });
  const doExport = (collection: MessageCollection) =>
    void act(async () => {
      const { fileName, content } = await api.invoke('savedMessages.export', { collectionIds: [collection.id] });
      downloadText(fileName, content);
      return `Exported ${collection.name} to ${fileName}.`;
    });

  return (
    <section className="saved-messages" aria-label="Saved messages">
      <div className="row saved-title">
        <h4>Saved messages</h4>
        <FileButton text="Import…" label="Import saved messages" accept=".json,application/json" onFile={doImport} />
      </div>
      {notices.map((notice) => (
        <p key={notice} className="warning" role="alert">
          {notice}
        </p>
      ))}
      <input aria-label="Message name" placeholder="Name of the message to save" value={name} onChange={(event) => setName(event.target.value)} />
      <div className="row saved-form">
        <select aria-label="Save in collection" value={chosen?.id ?? ''} onChange={(event) => setTarget(event.target.value)}>
          {visible.length === 0 && <option value="">No collection yet</option>}
          {visible.map((collection) => (
            <option key={collection.id} value={collection.id}>
              {collection.name}
              {collection.connectionId ? ' (this connection)' : ''}
            </option>
          ))}
        </select>
        <button type="button" onClick={save}>
          Save message
        </button>
      </div>
      <input aria-label="New collection name" placeholder="Name of a new collection" value={newCollection} onChange={(event) => setNewCollection(event.target.value)} />
      <div className="row saved-form">
        <select aria-label="New collection belongs to" value={scope} onChange={(event) => setScope(event.target.value as 'connection' | 'global')}>
          <option value="global">Every connection</option>
          <option value="connection">This connection</option>
        </select>
        <button type="button" onClick={add}>
          Add collection
        </button>
      </div>
      <input type="search" aria-label="Search saved messages" placeholder="Search names, topics, payloads" value={search} onChange={(event) => setSearch(event.target.value)} />
      {report && (
        <p className={`saved-report ${report.kind === 'error' ? 'field-error' : ''}`} role="status" aria-label="Saved messages result">
          {report.text}
        </p>
      )}
      {visible.map((collection) => (
        <CollectionView
          key={collection.id}
          collection={collection}
          search={search}
          onLoad={(message) => load(message.content, `"${message.name}"`)}
          onPublish={(message) => {
            rememberPublish(connectionId, message.content);
            void act(() => publishSaved(connectionId, message.content, v5, aliasMaximum));
          }}
          onAction={(action) => void act(action)}
          onExport={() => doExport(collection)}
        />
      ))}
      <RecentPublishes connectionId={connectionId} onRecall={(content) => load(content, 'a recent publish')} onSave={(content) => (chosen ? void act(() => saveMessage(chosen.id, content.topic, content), `Saved "${content.topic}" in ${chosen.name}.`) : setReport({ kind: 'error', text: 'Add a collection first.' }))} />
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
  const [renaming, setRenaming] = useState<{ id: string; name: string }>();
  const [confirming, setConfirming] = useState(false);
  const shown = collection.messages.filter((message) => matches(message, search));
  return (
    <div className="saved-collection" role="group" aria-label={`Collection ${collection.name}`}>
      <div className="row saved-collection-head">
        <strong>{collection.name}</strong>
        <span className="saved-scope">{collection.connectionId ? 'this connection' : 'global'}</span>
        <button type="button" className="small" onClick={onExport} aria-label={`Export ${collection.name}`}>
          Export
        </button>
        {/* A whole collection goes at once, so it asks first. */}
        {confirming ? (
          <button type="button" className="danger small" onClick={() => onAction(() => removeCollection(collection.id))} onBlur={() => setConfirming(false)} aria-label={`Confirm deleting collection ${collection.name}`}>
            Delete {collection.messages.length} message{collection.messages.length === 1 ? '' : 's'}?
          </button>
        ) : (
          <button type="button" className="danger small" onClick={() => setConfirming(true)} aria-label={`Delete collection ${collection.name}`}>
            Delete
          </button>
        )}
      </div>
      {shown.length === 0 && <p className="empty-note">{collection.messages.length === 0 ? 'No messages yet.' : 'None matches the search.'}</p>}
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
                <input aria-label={`New name for ${message.name}`} value={renaming.name} autoFocus onChange={(event) => setRenaming({ id: message.id, name: event.target.value })} />
                <button type="submit">Rename</button>
                <button type="button" onClick={() => setRenaming(undefined)}>
                  Cancel
                </button>
              </form>
            ) : (
              <div className="row">
                <button type="button" className="saved-load" title={`Load into the publisher: ${message.content.topic}`} onClick={() => onLoad(message)} aria-label={`Load ${message.name}`}>
                  <span>{message.name}</span>
                  <code>{message.content.topic}</code>
                </button>
                <button type="button" className="primary" onClick={() => onPublish(message)} aria-label={`Publish ${message.name}`}>
                  Publish
                </button>
                <details className="saved-more">
                  <summary aria-label={`More for ${message.name}`}>⋯</summary>
                  {/* A choice closes the menu, as menus do; the click reaches here after the button's own handler. */}
                  <div className="saved-more-menu" onClick={(event) => event.currentTarget.parentElement?.removeAttribute('open')}>
                    <button type="button" onClick={() => setRenaming({ id: message.id, name: message.name })} aria-label={`Rename ${message.name}`}>
                      Rename
                    </button>
                    <button type="button" onClick={() => onAction(() => duplicateMessage(collection.id, message.id))} aria-label={`Duplicate ${message.name}`}>
                      Duplicate
                    </button>
                    <button type="button" disabled={search !== '' || index === 0} onClick={() => onAction(() => moveMessage(collection.id, message.id, -1))} aria-label={`Move ${message.name} up`}>
                      Up
                    </button>
                    <button type="button" disabled={search !== '' || index === shown.length - 1} onClick={() => onAction(() => moveMessage(collection.id, message.id, 1))} aria-label={`Move ${message.name} down`}>
                      Down
                    </button>
                    <button type="button" className="danger" onClick={() => onAction(() => deleteMessage(collection.id, message.id))} aria-label={`Delete ${message.name}`}>
                      Delete
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
  const recent = useRecentPublishes(connectionId);
  return (
    <details className="saved-recent">
      <summary>Recent publishes ({recent.length})</summary>
      {recent.length === 0 ? (
        <p className="empty-note">What this window publishes here is listed, the last 100.</p>
      ) : (
        <ul className="saved-list" aria-label="Recent publishes">
          {recent.map((entry) => (
            <li key={entry.at} className="row">
              <button type="button" className="saved-load" onClick={() => onRecall(entry.content)} title="Load into the publisher" aria-label={`Load the publish to ${entry.content.topic} of ${new Date(entry.at).toLocaleTimeString()}`}>
                <span>{new Date(entry.at).toLocaleTimeString()}</span>
                <code>{entry.content.topic}</code>
              </button>
              <button type="button" onClick={() => onSave(entry.content)} aria-label={`Save the publish to ${entry.content.topic} of ${new Date(entry.at).toLocaleTimeString()}`}>
                Save
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
