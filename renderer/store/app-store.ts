import { create } from 'zustand';
import type { NestedMessage } from '../../shared/i18n/nested';
import type { Locale } from '../../shared/i18n';
import { initialLocale } from '../i18n/initial-locale';
import type { SchemaFormat } from '../features/publish/schema-payload';
import type { BrokerLogEntry, BrokerSnapshot } from '../../shared/domain/broker';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { AppInfo } from '../../shared/contract';
import type { MessageCriteria } from '../../shared/schemas';
import type { AppSettings } from '../../shared/domain/settings';
import type { QoS } from '../../shared/domain/profile';
import type { LinkState } from '../api/transport';
import type { PublishFormat } from '../../shared/payload/publish-payload';
import type { PublishOptionsDraft } from '../../shared/mqtt/publish-options';
import type { Translator } from '../../shared/i18n/translate';
import { EMPTY_PUBLISH_OPTIONS } from '../../shared/mqtt/publish-options';

export type Theme = 'dark' | 'light';

/** What the main area shows: a connection's workspace, or the form for a new or edited profile. */
export type View =
  | { kind: 'welcome' }
  | { kind: 'workspace'; connectionId: string }
  | { kind: 'form'; connectionId?: string }
  | { kind: 'broker' }
  | { kind: 'simulator' }
  | { kind: 'recordings-page' }
  | { kind: 'lesson' };

interface ConnectionsSlice {
  connections: Record<string, ConnectionSnapshot>;
  order: string[];
}

/** Words for the screen, worded when shown: a language switch rewords what the store keeps. */
export type Worded = (t: Translator) => string;

export type PublishResult = { kind: 'busy' } | { kind: 'done'; text: Worded } | { kind: 'error'; text: Worded } | undefined;

/** What the Publish panel holds for a connection, kept while the user visits other pages; not saved to disk. */
export interface PublishDraft {
  topic: string;
  qos: QoS;
  retain: boolean;
  /** A text format, or 'file': the bytes of a chosen file, sent as they are. */
  language: PublishFormat | 'file' | SchemaFormat;
  payload: string;
  /** The chosen file's bytes, Base64 as `message.publish` takes them. */
  file?: { name: string; size: number; base64: string } | undefined;
  /** MQTT 5 properties and topic alias, as typed. */
  options: PublishOptionsDraft;
  /** Placeholders such as {{seq}} are filled in only when this is on, so a literal {{ stays literal otherwise. */
  template?: boolean;
  topicError: Worded | undefined;
  result: PublishResult;
}

export const NEW_PUBLISH_DRAFT: PublishDraft = {
  topic: 'lab/hello',
  qos: 0,
  retain: false,
  language: 'json',
  payload: '{\n  "msg": "hello"\n}',
  options: EMPTY_PUBLISH_OPTIONS,
  topicError: undefined,
  result: undefined,
};

interface UiSlice {
  view: View;
  selectedMessage: Record<string, number | undefined>;
  /** What each connection's message list shows: set by the filter bar and by selecting a topic tree node. */
  messageFilters: Record<string, MessageCriteria>;
  publishDrafts: Record<string, PublishDraft>;
  theme: Theme;
  /** The language on screen; renderer/i18n/language.ts decides and changes it. */
  locale: Locale;
  link: LinkState;
  info: AppInfo | undefined;
  settings: AppSettings | undefined;
  /** Messages about stored profiles (a damaged file moved aside, a secret that could not be read). */
  /** What the core said about its files at start: English, and the message worded at render. */
  notices: Notice[];
}

interface BrokerSlice {
  broker: BrokerSnapshot | undefined;
  /** The newest last; capped, the core keeps its own longer ring. */
  brokerLog: BrokerLogEntry[];
}

export type AppState = ConnectionsSlice & UiSlice & BrokerSlice;

function initialTheme(): Theme {
  const saved = localStorage.getItem('mqtt-lab-theme');
  if (saved === 'dark' || saved === 'light') return saved;
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export const useAppStore = create<AppState>()(() => ({
  connections: {},
  order: [],
  view: { kind: 'welcome' },
  selectedMessage: {},
  messageFilters: {},
  publishDrafts: {},
  theme: initialTheme(),
  locale: initialLocale(),
  link: { state: 'closed', reason: 'connections.link.connecting' },
  info: undefined,
  notices: [],
  settings: undefined,
  broker: undefined,
  brokerLog: [],
}));

// Actions are plain functions: components call them without a hook.

export function upsertConnection(snapshot: ConnectionSnapshot): void {
  useAppStore.setState((state) => ({
    connections: { ...state.connections, [snapshot.connectionId]: snapshot },
    order: state.order.includes(snapshot.connectionId) ? state.order : [...state.order, snapshot.connectionId],
  }));
}

export function replaceConnections(snapshots: ConnectionSnapshot[]): void {
  useAppStore.setState({
    connections: Object.fromEntries(snapshots.map((snapshot) => [snapshot.connectionId, snapshot])),
    order: snapshots.map((snapshot) => snapshot.connectionId),
  });
}

export function dropConnection(connectionId: string): void {
  useAppStore.setState((state) => {
    const { [connectionId]: _removed, ...connections } = state.connections;
    const { [connectionId]: _draft, ...publishDrafts } = state.publishDrafts;
    const view = 'connectionId' in state.view && state.view.connectionId === connectionId ? { kind: 'welcome' as const } : state.view;
    return { connections, publishDrafts, order: state.order.filter((id) => id !== connectionId), view };
  });
}

export function showView(view: View): void {
  useAppStore.setState({ view });
}

export function selectMessage(connectionId: string, messageId: number | undefined): void {
  useAppStore.setState((state) => ({ selectedMessage: { ...state.selectedMessage, [connectionId]: messageId } }));
}

/** Merges into the connection's filter; a key set to undefined drops that criterion. */
export function setMessageFilter(connectionId: string, patch: Partial<MessageCriteria>): void {
  useAppStore.setState((state) => {
    const merged: Record<string, unknown> = { ...state.messageFilters[connectionId], ...patch };
    for (const key of Object.keys(merged)) if (merged[key] === undefined || merged[key] === '') delete merged[key];
    return { messageFilters: { ...state.messageFilters, [connectionId]: merged as MessageCriteria } };
  });
}

export function updatePublishDraft(connectionId: string, patch: Partial<PublishDraft>): void {
  useAppStore.setState((state) => ({
    publishDrafts: { ...state.publishDrafts, [connectionId]: { ...(state.publishDrafts[connectionId] ?? NEW_PUBLISH_DRAFT), ...patch } },
  }));
}

export function setTheme(theme: Theme): void {
  localStorage.setItem('mqtt-lab-theme', theme);
  useAppStore.setState({ theme });
}

export function setLink(link: LinkState): void {
  useAppStore.setState({ link });
}

export function setInfo(info: AppInfo): void {
  useAppStore.setState({ info });
}

export function setSettings(settings: AppSettings): void {
  useAppStore.setState({ settings });
}

export interface Notice {
  english: string;
  text?: NestedMessage | undefined;
}

export function setNotices(notices: string[], texts?: NestedMessage[]): void {
  useAppStore.setState({ notices: notices.map((english, index) => ({ english, text: texts?.[index] })) });
}

export function dismissNotice(notice: Notice): void {
  useAppStore.setState((state) => ({ notices: state.notices.filter((entry) => entry !== notice) }));
}

const BROKER_LOG_LIMIT = 1000;

export function setBroker(broker: BrokerSnapshot): void {
  useAppStore.setState({ broker });
}

export function appendBrokerLog(entries: BrokerLogEntry[], replace = false): void {
  useAppStore.setState((state) => {
    const known = replace ? [] : state.brokerLog;
    const lastSeq = known.at(-1)?.seq ?? 0;
    const fresh = entries.filter((entry) => entry.seq > lastSeq);
    return { brokerLog: [...known, ...fresh].slice(-BROKER_LOG_LIMIT) };
  });
}
