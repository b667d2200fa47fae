import { randomUUID } from 'node:crypto';
import { englishNested, nested, type NestedMessage } from '../../../shared/i18n/nested';
import { readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import type { KeyValue, PemFile, ProtocolVersion, Transport } from '../../../shared/domain/profile';
import { defaultPorts, defaultProfileFields, usesTls } from '../../../shared/domain/profile';
import { errorCode } from './profile-file';

/**
 * MQTTX's connection export: the JSON it writes for one connection (an object) or for all (an
 * array), with field names from MQTTX's ConnectionModel. TLS files are paths on the machine that
 * exported them, read here if they exist.
 */

/** One profile to be checked against the schema, with what the user should know about it. */
export interface ImportCandidate {
  label: string;
  /** The label as warnings word it: the entry's own name as it is, or our "connection 3" in the user's language. */
  labelText: NestedMessage;
  /** ProfileFields plus id and secrets, not yet validated. */
  value: Record<string, unknown>;
  warnings: NestedMessage[];
  /** Set when the entry is not a profile at all. */
  problem?: NestedMessage;
}

/** Reads a PEM file named by an import; throws with a short reason when it cannot. */
export type PemReader = (path: string) => string;

const MAX_PEM_BYTES = 1_000_000;

export const readPemFromDisk: PemReader = (path) => {
  if (!isAbsolute(path)) throw new Error('it is not a full path');
  const stats = statSync(path);
  if (!stats.isFile()) throw new Error('it is not a file');
  if (stats.size > MAX_PEM_BYTES) throw new Error('it is larger than 1 MB');
  return readFileSync(path, 'utf8');
};

type Json = Record<string, unknown>;

/** The id the file gives, when it could be ours; otherwise a new one, as the profile is still wanted. */
export function importedId(value: unknown): string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 100 ? value : randomUUID();
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeConnection(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (value.isCollection === true && Array.isArray(value.children)) return true;
  return typeof value.host === 'string' && ['clientId', 'mqttVersion', 'protocol', 'port'].some((key) => key in value);
}

/** Newer MQTTX groups connections in collections (folders); their connections are imported, not the folders. */
function flatten(items: readonly unknown[]): unknown[] {
  return items.flatMap((item) => (isRecord(item) && item.isCollection === true && Array.isArray(item.children) ? flatten(item.children) : [item]));
}

/** The connections in an MQTTX export, or undefined when the document is not one. */
export function findMqttxConnections(document: unknown): unknown[] | undefined {
  if (Array.isArray(document)) return document.length === 0 || document.some(looksLikeConnection) ? flatten(document) : undefined;
  if (!isRecord(document)) return undefined;
  if (looksLikeConnection(document)) return flatten([document]);
  // An object wrapping the list, as some tools and older exports write it.
  for (const value of Object.values(document)) {
    if (Array.isArray(value) && value.some(looksLikeConnection)) return flatten(value);
  }
  if (Array.isArray(document.connections)) return flatten(document.connections);
  return undefined;
}

/** Things MQTTX keeps that a profile does not, said once per import. */
export function mqttxNotes(connections: readonly unknown[]): NestedMessage[] {
  const withSubscriptions = connections.some((item) => isRecord(item) && Array.isArray(item.subscriptions) && item.subscriptions.length > 0);
  return withSubscriptions ? [nested('connections.import.noSubscriptions')] : [];
}

const schemeTransports: Record<string, Transport> = { mqtt: 'mqtt', tcp: 'mqtt', mqtts: 'mqtts', ssl: 'mqtts', tls: 'mqtts', ws: 'ws', wss: 'wss' };
const mqttVersions: Record<string, ProtocolVersion> = { '3.1': 3, '3.1.1': 4, '5.0': 5, '5': 5 };

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** MQTTX's CSV and XML round trips turn numbers into strings, so numeric strings count too. */
function number(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** An MQTT 5 property: null or absent is "not sent". */
function optionalNumber(value: unknown): number | null {
  return number(value) ?? null;
}

/** MQTTX writes user properties as an object, a repeated key as an array of values. */
function keyValues(value: unknown): KeyValue[] {
  if (Array.isArray(value)) {
    return value.filter(isRecord).map((pair) => ({ key: String(pair.key ?? ''), value: String(pair.value ?? '') }));
  }
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, entry]) => (Array.isArray(entry) ? entry : [entry]).map((item) => ({ key, value: String(item ?? '') })));
}

/** Correlation data is a string, or a Node Buffer as JSON ({ type: 'Buffer', data: [...] }). */
function correlation(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isRecord(value) && value.type === 'Buffer' && Array.isArray(value.data)) {
    return Buffer.from(value.data.filter((byte): byte is number => typeof byte === 'number')).toString('utf8');
  }
  return '';
}

/** "mqtt://broker.emqx.io/mqtt" → host "broker.emqx.io" and the transport its scheme names. */
function splitHost(raw: string): { host: string; scheme: Transport | undefined } {
  const trimmed = raw.trim();
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  const rest = match ? trimmed.slice(match[0].length) : trimmed;
  return { host: rest.split('/')[0] ?? '', scheme: match?.[1] ? schemeTransports[match[1].toLowerCase()] : undefined };
}

function transportOf(raw: Json, scheme: Transport | undefined): Transport {
  const protocol = text(raw.protocol)?.toLowerCase();
  let transport: Transport = (protocol && schemeTransports[protocol]) || scheme || 'mqtt';
  // MQTTX stores "mqtt" or "ws" with ssl: true for the secure variants.
  if (raw.ssl === true && !usesTls(transport)) transport = transport === 'ws' ? 'wss' : 'mqtts';
  return transport;
}

export function mqttxCandidate(raw: unknown, index: number, readPem: PemReader = readPemFromDisk): ImportCandidate {
  if (!isRecord(raw)) return { ...fallbackLabel('connections.import.entryLabel', index), value: {}, warnings: [], problem: nested('connections.import.notConnection') };
  const defaults = defaultProfileFields();
  const named = text(raw.name)?.trim();
  // An unnamed connection keeps the English "connection 3" as its profile name: a name is stored, not worded.
  const { label, labelText } = named ? givenLabel(named) : fallbackLabel('connections.import.connectionLabel', index);
  const warnings: NestedMessage[] = [];
  const { host, scheme } = splitHost(text(raw.host) ?? '');
  const transport = transportOf(raw, scheme);

  const versionText = text(raw.mqttVersion) ?? (typeof raw.mqttVersion === 'number' ? raw.mqttVersion.toFixed(1) : undefined);
  // Early MQTTX spoke only MQTT 3.1.1 and wrote no mqttVersion.
  let protocolVersion: ProtocolVersion = 4;
  if (versionText !== undefined) {
    const known = mqttVersions[versionText];
    if (known) protocolVersion = known;
    else {
      protocolVersion = 5;
      warnings.push(nested('connections.import.unknownVersion', { label, version: versionText }, { label: labelText }));
    }
  }

  // MQTTX's connect timeout is in seconds; a value above the schema's 300 s can only be milliseconds.
  const timeout = number(raw.connectTimeout);
  const connectTimeoutSeconds = timeout === undefined ? defaults.connectTimeoutSeconds : timeout > 300 ? Math.round(timeout / 1000) : timeout;

  // MQTTX retries at one fixed period; here that period is the first delay of the backoff.
  const period = number(raw.reconnectPeriod);
  const initialDelayMs = period === undefined || period <= 0 ? defaults.reconnect.initialDelayMs : period;
  const reconnect = {
    ...defaults.reconnect,
    enabled: (flag(raw.reconnect) ?? true) && period !== 0,
    initialDelayMs,
    maxDelayMs: Math.max(initialDelayMs, defaults.reconnect.maxDelayMs),
  };

  const rawPath = text(raw.path)?.trim();
  const path = rawPath === undefined ? defaults.path : rawPath.startsWith('/') ? rawPath : `/${rawPath}`;

  const tlsFiles = usesTls(transport) ? readTlsFiles(raw, labelText, readPem, warnings) : { ca: null, cert: null, keyName: '', clientKey: '' };
  const alpn = Array.isArray(raw.ALPNProtocols)
    ? raw.ALPNProtocols.filter((item): item is string => typeof item === 'string')
    : (text(raw.ALPNProtocols) ?? '').split(',');

  const will = isRecord(raw.will) ? raw.will : {};
  const willProperties = isRecord(will.properties) ? will.properties : {};
  const willTopic = text(will.lastWillTopic) ?? '';
  const willQos = number(will.lastWillQos);
  // Older MQTTX wrote the MQTT 5 connect properties beside the other fields, newer ones in `properties`.
  const properties = isRecord(raw.properties) ? raw.properties : raw;

  const password = text(raw.password) ?? '';
  const value = {
    ...defaults,
    name: label,
    transport,
    host,
    port: number(raw.port) ?? defaultPorts[transport],
    path,
    protocolVersion,
    clientId: text(raw.clientId) ?? '',
    username: text(raw.username) ?? '',
    clean: flag(raw.clean) ?? true,
    keepalive: number(raw.keepalive) ?? defaults.keepalive,
    connectTimeoutSeconds,
    tls: {
      ...defaults.tls,
      ca: tlsFiles.ca,
      cert: tlsFiles.cert,
      keyName: tlsFiles.keyName,
      verifyServer: flag(raw.rejectUnauthorized) ?? true,
      alpn: alpn.map((item) => item.trim()).filter((item) => item !== ''),
    },
    will: {
      ...defaults.will,
      enabled: willTopic !== '',
      topic: willTopic,
      payload: text(will.lastWillPayload) ?? '',
      qos: willQos === 1 || willQos === 2 ? willQos : 0,
      retain: flag(will.lastWillRetain) ?? false,
      delayInterval: optionalNumber(willProperties.willDelayInterval),
      messageExpiry: optionalNumber(willProperties.messageExpiryInterval),
      contentType: text(willProperties.contentType) ?? '',
      responseTopic: text(willProperties.responseTopic) ?? '',
      correlationData: correlation(willProperties.correlationData),
      userProperties: keyValues(willProperties.userProperties),
    },
    properties: {
      sessionExpiryInterval: optionalNumber(properties.sessionExpiryInterval),
      receiveMaximum: optionalNumber(properties.receiveMaximum),
      maximumPacketSize: optionalNumber(properties.maximumPacketSize),
      topicAliasMaximum: optionalNumber(properties.topicAliasMaximum),
      requestResponseInformation: flag(properties.requestResponseInformation) ?? defaults.properties.requestResponseInformation,
      requestProblemInformation: flag(properties.requestProblemInformation) ?? defaults.properties.requestProblemInformation,
      userProperties: keyValues(properties.userProperties),
    },
    reconnect,
    id: importedId(raw.id),
    secrets: { password, keyPassphrase: '', clientKey: tlsFiles.clientKey },
  };
  return { label, labelText, value, warnings };
}

interface TlsFiles {
  ca: PemFile | null;
  cert: PemFile | null;
  keyName: string;
  clientKey: string;
}

/**
 * certType "server" trusts the system's authorities; "self" (and exports older than certType)
 * name a CA, certificate and key file. Only certificates are taken as certificates and only keys
 * as keys, so a crafted export cannot pull some other private file into a profile.
 */
function readTlsFiles(raw: Json, label: NestedMessage, readPem: PemReader, warnings: NestedMessage[]): TlsFiles {
  const none: TlsFiles = { ca: null, cert: null, keyName: '', clientKey: '' };
  if (raw.certType === 'server') return none;
  const read = (field: 'ca' | 'cert' | 'key', accept: (pem: string) => boolean, expected: 'certificate' | 'key'): PemFile | null => {
    const source = text(raw[field])?.trim() ?? '';
    if (source === '') return null;
    // Some versions keep the PEM text itself rather than a path.
    const inline = source.includes('-----BEGIN ');
    let pem: string;
    try {
      pem = inline ? source : readPem(source);
    } catch (error) {
      warnings.push(nested('connections.import.unreadable', { what: field, source, code: errorCode(error) }, { label }));
      return null;
    }
    if (!accept(pem)) {
      warnings.push(nested(inline ? 'connections.import.wrongInline' : 'connections.import.wrongFile', { what: field, source, expected }, { label }));
      return null;
    }
    return { name: inline ? `${field}.pem` : basename(source), pem };
  };
  const isCertificate = (pem: string) => /-----BEGIN (TRUSTED |X509 )?CERTIFICATE-----/.test(pem) && !pem.includes('PRIVATE KEY-----');
  const isKey = (pem: string) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem) && !pem.includes('CERTIFICATE-----');

  const ca = read('ca', isCertificate, 'certificate');
  const cert = read('cert', isCertificate, 'certificate');
  const key = read('key', isKey, 'key');
  if (cert && key) return { ca, cert, keyName: key.name, clientKey: key.pem };
  if (cert || key) {
    warnings.push(nested('connections.import.unpaired', undefined, { label }));
  }
  return { ...none, ca };
}

/** A label that is the entry's own name: shown as it is in every language. */
export function givenLabel(name: string): Pick<ImportCandidate, 'label' | 'labelText'> {
  return { label: name, labelText: nested('connections.error.raw', { text: name }) };
}

/** A label of ours for an entry without a name ("entry 3"): English in `label`, worded in `labelText`. */
export function fallbackLabel(key: 'connections.import.entryLabel' | 'connections.import.connectionLabel' | 'connections.import.profileLabel', index: number): Pick<ImportCandidate, 'label' | 'labelText'> {
  const labelText = nested(key, { index: String(index + 1) });
  return { label: englishNested(labelText), labelText };
}
