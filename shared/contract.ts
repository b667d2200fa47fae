/**
 * The contract between the main-process core and the renderer: every request channel with its
 * input and output schema, and every event with its payload. Both transports (Electron IPC and the
 * web-mode WebSocket) carry exactly this, and the main process parses every input with these schemas.
 *
 * Outputs and events are produced by our own core, so their schemas are typed markers (`z.custom`)
 * rather than parsers: the renderer trusts the main process, the main process trusts no request.
 */
import type { NestedMessage } from './i18n/nested';
import { z } from 'zod';
import type { Message } from './i18n/message';
import { locales } from './i18n/locales';
import type { ConnectionSnapshot, PendingPublish, SubscriptionView, UnsubscribeResult } from './domain/connection';
import { DisconnectOptions } from './mqtt/disconnect-options';
import { SubscriptionOptions } from './mqtt/subscription-options';
import { ProfileInput, QoS } from './domain/profile';
import { AppSettings } from './domain/settings';
import { BrokerSettingsInput, FaultInput } from './domain/broker';
import type { BrokerLogEntry, BrokerPacketRow, BrokerSettingsView, BrokerSnapshot, RetainedView } from './domain/broker';
import type { HistoryUpdate, MessageDetail, MessageRow, PublishOutcome } from './domain/message';
import { PublishProperties, TopicAliasRequest } from './mqtt/publish-options';
import { ConnectionId, ConnectionRef, TopicFilter, TopicName, messageCriteria, withValidRegex } from './schemas';
import { messageViewEvents, messageViewRequests } from './requests/message-views';
import { recordingEvents, recordingRequests } from './requests/recording';
import { recordingSessionEvents, recordingSessionRequests } from './requests/recording-sessions';
import { replayEvents, replayRequests } from './requests/replay';
import { seriesExportRequests } from './requests/series-export';
import { payloadDecoderRequests } from './requests/payload-decoders';
import { topicTreeEvents, topicTreeRequests } from './requests/topic-tree';
import { lifelineEvents, lifelineRequests } from './requests/lifeline';
import { packetRequests } from './requests/packets';
import { flowEvents, flowRequests } from './requests/flows';
import { exchangeEvents, exchangeRequests } from './requests/exchange';
import { scheduleEvents, scheduleRequests } from './requests/schedules';
import { savedMessageEvents, savedMessageRequests } from './requests/saved-messages';
import { lessonEvents, lessonRequests } from './requests/lessons';
import { simulatorEvents, simulatorRequests } from './requests/simulator';

/** Large enough for any realistic payload while keeping a hostile request from exhausting memory. */
export const MAX_PAYLOAD_CHARS = 64 * 1024 * 1024;
const MAX_IMPORT_CHARS = 20 * 1024 * 1024;

export const AppInfo = z.object({
  mode: z.enum(['electron', 'web']),
  version: z.string(),
  /** The system's language (Electron's app.getLocale()); absent in web mode, where the browser's navigator.languages speaks for the user. */
  systemLocale: z.string().optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const requests = {
  ...recordingRequests,
  ...recordingSessionRequests,
  ...replayRequests,
  ...messageViewRequests,
  ...seriesExportRequests,
  ...payloadDecoderRequests,
  ...topicTreeRequests,
  ...lifelineRequests,
  ...packetRequests,
  ...flowRequests,
  ...exchangeRequests,
  ...scheduleRequests,
  ...savedMessageRequests,
  ...lessonRequests,
  ...simulatorRequests,
  'app.info': { input: z.object({}), output: AppInfo },
  /** notices: things the user must hear about the stored profiles, such as a damaged file moved aside. */
  // noticeTexts: the same notices as messages, in the same order, for the renderer to word; notices stay English.
  'connection.list': { input: z.object({}), output: z.custom<{ connections: ConnectionSnapshot[]; notices: string[]; noticeTexts?: NestedMessage[] }>() },
  'connection.save': { input: z.object({ profile: ProfileInput }), output: z.custom<ConnectionSnapshot>() },
  'connection.duplicate': { input: ConnectionRef, output: z.custom<ConnectionSnapshot>() },
  /** Drops the messages published while disconnected that still wait for the connection to return. */
  'connection.discardPending': { input: ConnectionRef, output: z.object({ discarded: z.number() }) },
  /** A page of the messages waiting to be sent, oldest first, and how many wait in all. */
  'connection.pending': {
    input: ConnectionRef.extend({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }),
    output: z.custom<{ rows: PendingPublish[]; total: number }>(),
  },
  /** connectionIds empty: every profile. Secrets are written in clear text only when asked for. */
  'profiles.export': {
    input: z.object({ connectionIds: z.array(ConnectionId).max(10_000), includeSecrets: z.boolean() }),
    output: z.object({ fileName: z.string(), content: z.string(), count: z.number() }),
  },
  /** Takes an MQTT Lab export or an MQTTX connection export. */
  'profiles.import': {
    input: z.object({ fileName: z.string().max(1000), content: z.string().max(MAX_IMPORT_CHARS, 'The file is larger than 20 MB; that is not a profile export.') }),
    // warningTexts: the same warnings as messages, in order, for the renderer to word; warnings stay English.
    output: z.custom<{ imported: ConnectionSnapshot[]; warnings: string[]; warningTexts?: NestedMessage[] }>(),
  },
  'connection.connect': { input: ConnectionRef, output: z.custom<ConnectionSnapshot>() },
  /** reasonCode and sessionExpiryInterval: MQTT 5 only; absent, a plain DISCONNECT (0x00). */
  'connection.disconnect': { input: ConnectionRef.extend(DisconnectOptions.shape), output: z.custom<ConnectionSnapshot>() },
  'connection.remove': { input: ConnectionRef, output: z.object({}) },
  'subscription.add': {
    input: ConnectionRef.extend({ filter: TopicFilter, qos: QoS, options: SubscriptionOptions.optional() }),
    output: z.custom<SubscriptionView>(),
  },
  'subscription.remove': { input: ConnectionRef.extend({ filter: z.string().min(1) }), output: z.custom<UnsubscribeResult>() },
  'message.publish': {
    input: ConnectionRef.extend({
      topic: TopicName,
      qos: QoS,
      retain: z.boolean(),
      payload: z.string().max(MAX_PAYLOAD_CHARS),
      /** utf8: the payload is text; base64: the payload is binary, base64-encoded. */
      encoding: z.enum(['utf8', 'base64']),
      /** MQTT 5 only: each property is sent only when present. */
      properties: PublishProperties.optional(),
      /** MQTT 5 only: send the topic with an alias (auto or the user's number). */
      topicAlias: TopicAliasRequest.optional(),
    }),
    output: z.custom<{ outcome: PublishOutcome; elapsedMs: number }>(),
  },
  'message.list': {
    input: ConnectionRef.extend({ from: z.number().int().min(0), count: z.number().int().min(1).max(50_000) }),
    output: z.custom<{ rows: MessageRow[]; total: number; evicted?: number }>(),
  },
  /**
   * The messages held that pass every given criterion: how many, and the rows of matches
   * [from, from + count). Runs in the main process, so the renderer never holds the whole history.
   */
  /**
   * The messages held that pass every given criterion: how many, and the rows of matches
   * [from, from + count). Runs in the main process, so the renderer never holds the whole history.
   */
  'message.query': {
    input: withValidRegex(ConnectionRef.extend({ ...messageCriteria, from: z.number().int().min(0), count: z.number().int().min(0).max(50_000) })),
    output: z.custom<{ total: number; rows: MessageRow[]; evicted?: number }>(),
  },
  /** The counters and the newest rows, as a `messages.appended` update would carry them. */
  'message.history': { input: ConnectionRef, output: z.custom<HistoryUpdate>() },
  /** Rows by id, for the part of a list on screen; ids no longer held are left out. */
  'message.rows': {
    input: ConnectionRef.extend({ ids: z.array(z.number().int().min(1)).max(5000) }),
    output: z.custom<{ rows: MessageRow[] }>(),
  },
  /**
   * Ids of the messages after `afterId` that pass the criteria, oldest first, at most `limit`. A
   * live filtered view asks again with the last id it scanned, so only new messages are looked at.
   * `scannedTo` is the newest id looked at; `more` says the limit cut the answer short.
   */
  'message.matches': {
    input: withValidRegex(
      ConnectionRef.extend({ ...messageCriteria, afterId: z.number().int().min(0), limit: z.number().int().min(1).max(200_000) }),
    ),
    output: z.custom<{ ids: number[]; scannedTo: number; more: boolean }>(),
  },
  'message.get': {
    input: ConnectionRef.extend({ messageId: z.number().int().min(1) }),
    output: z.custom<MessageDetail>(),
  },
  'message.clear': { input: ConnectionRef, output: z.object({}) },

  /** App-wide settings, kept in settings.json; the history budget applies to every connection at once. */
  'settings.get': { input: z.object({}), output: z.custom<AppSettings>() },
  'settings.save': { input: z.object({ settings: AppSettings }), output: z.custom<AppSettings>() },
  /** The language switch: kept in settings.json so the choice survives a restart in either mode (web mode's origin, and so its localStorage, changes with its port). */
  'settings.setLanguage': { input: z.object({ language: z.enum(locales) }), output: z.custom<AppSettings>() },

  // The in-process broker.
  'broker.get': { input: z.object({}), output: z.custom<BrokerSnapshot>() },
  /** Takes effect at the next start; a running broker keeps its listeners. */
  'broker.saveSettings': { input: z.object({ settings: BrokerSettingsInput }), output: z.custom<BrokerSettingsView>() },
  'broker.start': { input: z.object({}), output: z.custom<BrokerSnapshot>() },
  'broker.stop': { input: z.object({}), output: z.custom<BrokerSnapshot>() },
  /** Closes a client's connection politely (the broker's side of a kick: no will). */
  'broker.kick': { input: z.object({ clientId: z.string().max(65535) }), output: z.object({}) },
  /** Cuts a client's socket abruptly, without DISCONNECT, so its will is published. */
  'broker.cut': { input: z.object({ clientId: z.string().max(65535) }), output: z.object({}) },
  'broker.retained.list': { input: z.object({}), output: z.custom<{ retained: RetainedView[] }>() },
  'broker.retained.delete': { input: z.object({ topic: z.string().min(1).max(65535) }), output: z.object({}) },
  'broker.retained.clear': { input: z.object({}), output: z.object({ cleared: z.number() }) },
  'broker.log.list': { input: z.object({}), output: z.custom<{ entries: BrokerLogEntry[] }>() },
  'broker.packets.list': {
    input: z.object({ afterSeq: z.number().int().min(0), limit: z.number().int().min(1).max(5000) }),
    output: z.custom<{ packets: BrokerPacketRow[]; lastSeq: number }>(),
  },
  'broker.faults.add': { input: z.object({ fault: FaultInput }), output: z.custom<BrokerSnapshot>() },
  'broker.faults.remove': { input: z.object({ faultId: z.number().int().min(1) }), output: z.custom<BrokerSnapshot>() },
  /** Creates, or reuses, a connection profile pointing at the running broker. */
  'broker.connectProfile': { input: z.object({}), output: z.custom<ConnectionSnapshot>() },
} as const;

export const events = {
  ...recordingEvents,
  ...recordingSessionEvents,
  ...replayEvents,
  ...messageViewEvents,
  ...topicTreeEvents,
  ...lifelineEvents,
  ...flowEvents,
  ...exchangeEvents,
  ...scheduleEvents,
  ...savedMessageEvents,
  ...lessonEvents,
  ...simulatorEvents,
  'connection.updated': z.custom<ConnectionSnapshot>(),
  'connection.removed': z.custom<{ connectionId: string }>(),
  /** At most one per connection every ~50 ms: never one per MQTT message. */
  'messages.appended': z.custom<HistoryUpdate>(),
  'messages.cleared': z.custom<{ connectionId: string }>(),
  /** Settings saved from any window, so every window shows and applies the same. */
  'settings.updated': z.custom<AppSettings>(),
  /** At most a few times a second: state, clients, rates and faults. */
  'broker.updated': z.custom<BrokerSnapshot>(),
  'broker.log': z.custom<{ entries: BrokerLogEntry[] }>(),
} as const;

export type RequestName = keyof typeof requests;
export type RequestInput<N extends RequestName> = z.input<(typeof requests)[N]['input']>;
export type ParsedInput<N extends RequestName> = z.output<(typeof requests)[N]['input']>;
export type RequestOutput<N extends RequestName> = z.output<(typeof requests)[N]['output']>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

export const errorCodes = [
  'invalid_input',
  'unknown_channel',
  'not_found',
  'not_connected',
  'mqtt_error',
  'storage_error',
  'broker_error',
  /** The offline queue is at its limit; the message was not taken. */
  'queue_full',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ContractError {
  code: ErrorCode;
  /** English wording, always present: the CLI's JSON, logs, and a renderer that does not know `text.key`. */
  message: string;
  /** The same sentence as a catalogue key with parameters, for the renderer to word in the user's language. */
  text?: Message;
  /** For invalid_input: which field, as a dotted path, so a form can show the message beside it. */
  field?: string;
}

export type RequestResult<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** The envelope both transports carry for an event. */
export interface EventEnvelope<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}
