/**
 * A connection profile: everything needed to open one MQTT connection. The same schema checks the
 * form in the renderer, every save request in the main process, the profile file and imports, so a
 * value the form refuses can never arrive by another door.
 */
import { z } from 'zod';
import type { MessageKey } from '../i18n/catalog';
import { checkTopicFilter, checkTopicName } from '../mqtt/topics';
import { SubscriptionOptions } from '../mqtt/subscription-options';
import { ProtobufSettings } from '../payload/protobuf-settings';
import { isRecordingSessionId, RECORDING_SESSION_PREFIX } from './recording-session';

export const Transport = z.enum(['mqtt', 'mqtts', 'ws', 'wss']);
export type Transport = z.infer<typeof Transport>;

export const defaultPorts: Record<Transport, number> = { mqtt: 1883, mqtts: 8883, ws: 8083, wss: 8084 };

/** Ports brokers commonly use besides the defaults (EMQX and HiveMQ use 8083/8084, others 8080/8443). */
export const knownPorts: Record<Transport, readonly number[]> = {
  mqtt: [1883],
  mqtts: [8883],
  ws: [8083, 8080, 80],
  wss: [8084, 8443, 443],
};

export function usesTls(transport: Transport): boolean {
  return transport === 'mqtts' || transport === 'wss';
}

export function usesWebSocket(transport: Transport): boolean {
  return transport === 'ws' || transport === 'wss';
}

/** The protocol level byte of CONNECT: 3 is MQTT 3.1, 4 is MQTT 3.1.1, 5 is MQTT 5.0. */
export const ProtocolVersion = z.union([z.literal(3), z.literal(4), z.literal(5)]);
export type ProtocolVersion = z.infer<typeof ProtocolVersion>;

export const protocolNames: Record<ProtocolVersion, string> = { 3: '3.1', 4: '3.1.1', 5: '5.0' };

export const QoS = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type QoS = z.infer<typeof QoS>;

const hostPattern = /^[A-Za-z0-9.\-:[\]_%]+$/;
/** RFC 9110 token characters: anything else cannot be a header name. */
const headerNamePattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The numbers of a profile; each has its own messages, whose ranges are written out in the catalogue. */
type NumberField =
  | 'willDelay'
  | 'messageExpiry'
  | 'sessionExpiry'
  | 'receiveMaximum'
  | 'maximumPacketSize'
  | 'topicAliasMaximum'
  | 'firstDelay'
  | 'longestDelay'
  | 'jitter'
  | 'attempts'
  | 'port'
  | 'keepalive'
  | 'connectTimeout';

/** Its messages are catalogue keys (see the router and validateDraft), so the form words them in the language on screen. */
function wholeNumber(field: NumberField, min: number, max: number) {
  const range: MessageKey = `connections.profile.${field}.range`;
  return z.number({ error: `connections.profile.${field}.notNumber` satisfies MessageKey }).int(`connections.profile.${field}.notWhole` satisfies MessageKey).min(min, range).max(max, range);
}

/** An MQTT 5 property the user may leave out: null means "not sent". */
function optionalProperty(field: NumberField, min: number, max: number) {
  return wholeNumber(field, min, max).nullable();
}

const UINT32_MAX = 4_294_967_295;

// Its messages are catalogue keys (the same sentences the publish and subscription forms use); forms word them.
export const KeyValue = z.object({
  key: z.string().min(1, 'mqtt.userProperty.nameNeeded').max(65535),
  value: z.string().max(65535),
});
export type KeyValue = z.infer<typeof KeyValue>;

const UserProperties = z.array(KeyValue).max(100, 'mqtt.subscription.userPropertiesMax');

const HttpHeader = z.object({
  key: z.string().regex(headerNamePattern, 'connections.profile.headerName'),
  value: z.string().max(8192).refine((value) => !/[\r\n]/.test(value), 'connections.profile.headerValue'),
});

/** A PEM file read when the user chose it, kept with the profile so moving the file breaks nothing. */
export const PemFile = z.object({
  name: z.string().max(500),
  pem: z
    .string()
    .max(1_000_000, 'connections.profile.pemTooLarge')
    .refine((pem) => pem.includes('-----BEGIN '), 'connections.profile.notPem'),
});
export type PemFile = z.infer<typeof PemFile>;

export const TlsOptions = z.object({
  /** null: trust the system's certificate authorities. */
  ca: PemFile.nullable(),
  cert: PemFile.nullable(),
  /** The file name of the client key; the key itself is a secret, stored encrypted. */
  keyName: z.string().max(500),
  verifyServer: z.boolean(),
  /** SNI and the name the certificate is checked against; empty means the host. */
  servername: z.string().trim().max(253),
  alpn: z.array(z.string().min(1).max(255)).max(16),
});
export type TlsOptions = z.infer<typeof TlsOptions>;

export const WillOptions = z.object({
  enabled: z.boolean(),
  topic: z.string().max(65535),
  payload: z.string().max(1_000_000),
  qos: QoS,
  retain: z.boolean(),
  // MQTT 5 will properties.
  delayInterval: optionalProperty('willDelay', 0, UINT32_MAX),
  messageExpiry: optionalProperty('messageExpiry', 0, UINT32_MAX),
  contentType: z.string().max(65535),
  responseTopic: z.string().max(65535),
  correlationData: z.string().max(65535),
  userProperties: UserProperties,
});
export type WillOptions = z.infer<typeof WillOptions>;

export const ConnectProperties = z.object({
  sessionExpiryInterval: optionalProperty('sessionExpiry', 0, UINT32_MAX),
  receiveMaximum: optionalProperty('receiveMaximum', 1, 65535),
  maximumPacketSize: optionalProperty('maximumPacketSize', 1, 268_435_455),
  topicAliasMaximum: optionalProperty('topicAliasMaximum', 0, 65535),
  requestResponseInformation: z.boolean(),
  requestProblemInformation: z.boolean(),
  userProperties: UserProperties,
});
export type ConnectProperties = z.infer<typeof ConnectProperties>;

export const ReconnectOptions = z.object({
  enabled: z.boolean(),
  initialDelayMs: wholeNumber('firstDelay', 100, 3_600_000),
  maxDelayMs: wholeNumber('longestDelay', 100, 3_600_000),
  /** How much of each delay is random, in percent, so many clients do not retry in step. */
  jitterPercent: wholeNumber('jitter', 0, 100),
  /** 0 means no limit. */
  maxAttempts: wholeNumber('attempts', 0, 1_000_000),
});
export type ReconnectOptions = z.infer<typeof ReconnectOptions>;

export const ProfileFields = z.object({
  name: z.string().trim().min(1, 'connections.profile.nameNeeded').max(200),
  transport: Transport,
  host: z
    .string()
    .trim()
    .min(1, 'connections.profile.hostNeeded')
    .max(253)
    .refine((host) => !host.includes('://'), 'connections.profile.hostScheme')
    .refine((host) => hostPattern.test(host), 'connections.profile.hostChars'),
  port: wholeNumber('port', 1, 65535),
  /** The HTTP path of a WebSocket endpoint, ignored for plain MQTT. */
  path: z.string().max(1000).regex(/^\//, 'connections.profile.pathSlash'),
  /** Extra HTTP headers on the WebSocket upgrade request, for proxies that want them. */
  headers: z.array(HttpHeader).max(50),
  protocolVersion: ProtocolVersion,
  clientId: z.string().max(65535),
  username: z.string().max(65535),
  clean: z.boolean(),
  keepalive: wholeNumber('keepalive', 0, 65535),
  connectTimeoutSeconds: wholeNumber('connectTimeout', 1, 300),
  tls: TlsOptions,
  will: WillOptions,
  properties: ConnectProperties,
  reconnect: ReconnectOptions,
  /** Ask again on connect for the subscriptions saved with the profile. Absent in files from before it existed: on. */
  restoreSubscriptions: z.boolean().default(true),
  /** .proto files and topic filter → message type mappings; absent in files from before it existed. */
  protobuf: ProtobufSettings.optional(),
});
export type ProfileFields = z.infer<typeof ProfileFields>;

/**
 * A subscription the broker granted, kept with the profile so it is asked for again after a
 * restart. Only granted ones are kept: a refused one would be refused again on every connect.
 */
export const SavedSubscription = z.object({
  filter: z.string().superRefine((filter, context) => {
    const check = checkTopicFilter(filter);
    if (!check.ok) context.addIssue({ code: 'custom', message: check.message });
  }),
  qos: QoS,
  /** Absent in files from before MQTT 5 options could be set, and when none was. */
  options: SubscriptionOptions.optional(),
});
export type SavedSubscription = z.infer<typeof SavedSubscription>;

/** The saved subscriptions of a profile, in the order the user made them. */
export const SavedSubscriptions = z.array(SavedSubscription).max(10_000, 'At most 10,000 saved subscriptions.');

export const secretNames = ['password', 'keyPassphrase', 'clientKey'] as const;
export type SecretName = (typeof secretNames)[number];
export type Secrets = Record<SecretName, string>;

/** A new value for each secret, or nothing to keep the stored one; '' clears it. */
export const SecretsInput = z.object({
  password: z.string().max(65535).optional(),
  keyPassphrase: z.string().max(65535).optional(),
  clientKey: z
    .string()
    .max(1_000_000)
    .refine((pem) => pem === '' || pem.includes('-----BEGIN '), 'connections.profile.keyNotPem')
    .optional(),
});
export type SecretsInput = z.infer<typeof SecretsInput>;

function addIssue(context: z.RefinementCtx, path: (string | number)[], message: string): void {
  context.addIssue({ code: 'custom', path, message });
}

/** Rules that tie fields together; shared by the save request and the stored file. */
export function checkProfileRules(profile: ProfileFields, context: z.RefinementCtx): void {
  const { protocolVersion, clientId, clean } = profile;
  if (protocolVersion === 3 && (clientId.length < 1 || clientId.length > 23)) {
    addIssue(context, ['clientId'], 'connections.profile.clientId31');
  }
  // MQTT 3.1.1 §3.1.3.1: a server must reject a zero-length client id unless the session is clean.
  if (protocolVersion === 4 && clientId === '' && !clean) {
    addIssue(context, ['clientId'], 'connections.profile.clientId311');
  }
  if (profile.reconnect.maxDelayMs < profile.reconnect.initialDelayMs) {
    addIssue(context, ['reconnect', 'maxDelayMs'], 'connections.profile.delayOrder');
  }
  if (profile.will.enabled) {
    const topic = checkTopicName(profile.will.topic);
    if (!topic.ok) addIssue(context, ['will', 'topic'], topic.message);
    if (protocolVersion === 5 && profile.will.responseTopic !== '') {
      const response = checkTopicName(profile.will.responseTopic);
      if (!response.ok) addIssue(context, ['will', 'responseTopic'], response.message);
    }
  }
  if (usesTls(profile.transport)) {
    if (profile.tls.cert && profile.tls.keyName === '') {
      addIssue(context, ['tls', 'keyName'], 'connections.profile.certNeedsKey');
    }
    if (!profile.tls.cert && profile.tls.keyName !== '') {
      addIssue(context, ['tls', 'cert'], 'connections.profile.keyNeedsCert');
    }
  }
}

/** What the renderer sends to save a profile. */
export const ProfileInput = ProfileFields.extend({
  // Opened recordings share the views' id space under their own prefix.
  id: z.string().min(1).max(100).refine((id) => !isRecordingSessionId(id), `A profile id may not start with "${RECORDING_SESSION_PREFIX}"; that is kept for opened recordings.`),
  secrets: SecretsInput,
}).superRefine(checkProfileRules);
export type ProfileInput = z.infer<typeof ProfileInput>;

/**
 * A profile as the main process keeps it, secrets included. Never sent to the renderer. The saved
 * subscriptions are not part of the form: a save request keeps the ones stored.
 */
export type Profile = ProfileFields & { id: string; secrets: Secrets; subscriptions: SavedSubscription[] };

/** What the renderer sees of a profile: everything but the secrets, and which of them are set. */
export type ProfileView = ProfileFields & { id: string; secretsSet: Record<SecretName, boolean> };

export function viewOfProfile(profile: Profile): ProfileView {
  const { secrets, subscriptions: _saved, ...fields } = profile;
  return {
    ...fields,
    secretsSet: { password: secrets.password !== '', keyPassphrase: secrets.keyPassphrase !== '', clientKey: secrets.clientKey !== '' },
  };
}

export const noSecrets: Secrets = { password: '', keyPassphrase: '', clientKey: '' };

/** The defaults a new profile starts from, and what an import fills in for fields its source lacks. */
export function defaultProfileFields(): ProfileFields {
  return {
    name: 'Local broker',
    transport: 'mqtt',
    host: '127.0.0.1',
    port: defaultPorts.mqtt,
    path: '/mqtt',
    headers: [],
    protocolVersion: 5,
    clientId: '',
    username: '',
    clean: true,
    keepalive: 60,
    connectTimeoutSeconds: 10,
    tls: { ca: null, cert: null, keyName: '', verifyServer: true, servername: '', alpn: [] },
    will: {
      enabled: false,
      topic: '',
      payload: '',
      qos: 0,
      retain: false,
      delayInterval: null,
      messageExpiry: null,
      contentType: '',
      responseTopic: '',
      correlationData: '',
      userProperties: [],
    },
    properties: {
      sessionExpiryInterval: null,
      receiveMaximum: null,
      maximumPacketSize: null,
      topicAliasMaximum: null,
      requestResponseInformation: false,
      requestProblemInformation: true,
      userProperties: [],
    },
    reconnect: { enabled: true, initialDelayMs: 1000, maxDelayMs: 30_000, jitterPercent: 20, maxAttempts: 0 },
    restoreSubscriptions: true,
  };
}
