import { useEffect, useSyncExternalStore } from 'react';
import type { MessageCollection, PublisherContent, SavedMessage } from '../../../shared/domain/saved-messages';
import type { Message } from '../../../shared/i18n';
import { api } from '../../api';

/** A file notice from the core: its English, and its Message worded at render time in the language on screen. */
export interface SavedMessagesNotice {
  english: string;
  text: Message | undefined;
}

/**
 * The saved-message collections as the main process keeps them, outside React. Every edit sends
 * the whole new list (small, and edits are rare) and the core writes it to disk before answering.
 */
let collections: MessageCollection[] = [];
let notices: SavedMessagesNotice[] = [];
let loaded = false;
const listeners = new Set<() => void>();
let following: (() => void) | undefined;

function changed(next: MessageCollection[]): void {
  collections = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSavedMessages(): { collections: MessageCollection[]; notices: SavedMessagesNotice[] } {
  useEffect(() => {
    following ??= api.on('savedMessages.updated', (update) => changed(update.collections));
    if (!loaded) {
      loaded = true;
      api.invoke('savedMessages.list', {}).then(
        (list) => {
          notices = list.notices.map((english, index) => ({ english, text: list.noticeTexts?.[index] }));
          changed(list.collections);
        },
        () => {
          loaded = false;
        },
      );
    }
  }, []);
  const current = useSyncExternalStore(subscribe, () => collections);
  return { collections: current, notices };
}

async function put(next: MessageCollection[]): Promise<void> {
  const result = await api.invoke('savedMessages.put', { collections: next });
  changed(result.collections);
}

const newId = () => crypto.randomUUID();

function editCollection(collectionId: string, edit: (messages: SavedMessage[]) => SavedMessage[]): Promise<void> {
  return put(collections.map((collection) => (collection.id === collectionId ? { ...collection, messages: edit(collection.messages) } : collection)));
}

export function addCollection(name: string, connectionId: string | undefined): Promise<string> {
  const id = newId();
  return put([...collections, { id, name, messages: [], ...(connectionId ? { connectionId } : {}) }]).then(() => id);
}

export function removeCollection(collectionId: string): Promise<void> {
  return put(collections.filter((collection) => collection.id !== collectionId));
}

export function saveMessage(collectionId: string, name: string, content: PublisherContent): Promise<void> {
  return editCollection(collectionId, (messages) => [...messages, { id: newId(), name, content }]);
}

export function renameMessage(collectionId: string, messageId: string, name: string): Promise<void> {
  return editCollection(collectionId, (messages) => messages.map((message) => (message.id === messageId ? { ...message, name } : message)));
}

/** `copyName`: the copy's name, worded by the caller in the user's language ("a (copy)"). */
export function duplicateMessage(collectionId: string, messageId: string, copyName: string): Promise<void> {
  return editCollection(collectionId, (messages) => {
    const index = messages.findIndex((message) => message.id === messageId);
    const original = messages[index];
    if (!original) return messages;
    return [...messages.slice(0, index + 1), { ...original, id: newId(), name: copyName }, ...messages.slice(index + 1)];
  });
}

/** Moves a message one place up (-1) or down (+1) in its collection. */
export function moveMessage(collectionId: string, messageId: string, by: -1 | 1): Promise<void> {
  return editCollection(collectionId, (messages) => {
    const index = messages.findIndex((message) => message.id === messageId);
    const target = index + by;
    const moving = messages[index];
    const other = messages[target];
    if (!moving || !other) return messages;
    const next = [...messages];
    next[index] = other;
    next[target] = moving;
    return next;
  });
}

export function deleteMessage(collectionId: string, messageId: string): Promise<void> {
  return editCollection(collectionId, (messages) => messages.filter((message) => message.id !== messageId));
}
