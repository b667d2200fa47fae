import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import type { Profile, Transport } from '../../../shared/domain/profile';
import { defaultProfileFields, noSecrets } from '../../../shared/domain/profile';
import type { FaultInput } from '../../../shared/domain/broker';
import type { LessonActor, LessonFault, LessonPublishProperties } from '../../../shared/lessons/lesson-format';
import type { PublishOptions } from '../../../shared/mqtt/publish-options';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';

/** Where the actors connect: the lesson's own built-in broker, or a broker the teacher named by URL. */
export interface ActorEndpoint {
  transport: Transport;
  host: string;
  port: number;
  path: string;
}

const transports: Record<string, Transport> = { 'mqtt:': 'mqtt', 'tcp:': 'mqtt', 'mqtts:': 'mqtts', 'ssl:': 'mqtts', 'ws:': 'ws', 'wss:': 'wss' };
const defaultPorts: Record<Transport, number> = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 };

/** mqtt://host:port, mqtts://, ws://host:port/path or wss://; throws an AppError saying what is wrong. */
export function endpointOfUrl(text: string): ActorEndpoint {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AppError('invalid_input', msg('lessons.error.notUrl', { text: JSON.stringify(text) }));
  }
  const transport = transports[url.protocol];
  if (!transport) throw new AppError('invalid_input', msg('lessons.error.scheme', { scheme: url.protocol }));
  if (url.hostname === '') throw new AppError('invalid_input', msg('lessons.error.noHost'));
  const port = url.port === '' ? defaultPorts[transport] : Number(url.port);
  return { transport, host: url.hostname, port, path: url.pathname === '' || url.pathname === '/' ? '/mqtt' : url.pathname };
}

/** A client id unique to this run, recognisable in a broker's log: "lesson-sensor-1a2b3c". */
export function actorClientId(actor: LessonActor): string {
  if (actor.clientId !== undefined) return actor.clientId;
  const slug = actor.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 10) || 'actor';
  return `lesson-${slug}-${randomUUID().slice(0, 6)}`;
}

/** The connection profile of an actor: never saved, so it never shows among the user's connections. */
export function actorProfile(actor: LessonActor, clientId: string, endpoint: ActorEndpoint): Profile {
  const defaults = defaultProfileFields();
  const will = actor.will;
  return {
    ...defaults,
    id: `lesson-actor-${randomUUID()}`,
    name: actor.name,
    transport: endpoint.transport,
    host: endpoint.host,
    port: endpoint.port,
    path: endpoint.path,
    protocolVersion: actor.protocolVersion,
    clientId,
    username: actor.username ?? '',
    clean: actor.clean,
    keepalive: actor.keepaliveSeconds,
    connectTimeoutSeconds: 5,
    will: will
      ? { ...defaults.will, enabled: true, topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain, delayInterval: will.delaySeconds ?? null }
      : defaults.will,
    properties: {
      ...defaults.properties,
      sessionExpiryInterval: actor.sessionExpirySeconds ?? null,
      receiveMaximum: actor.receiveMaximum ?? null,
      topicAliasMaximum: actor.topicAliasMaximum ?? null,
    },
    reconnect: actor.reconnectAfterMs === undefined
      ? { ...defaults.reconnect, enabled: false }
      : { enabled: true, initialDelayMs: actor.reconnectAfterMs, maxDelayMs: Math.max(actor.reconnectAfterMs, 2000), jitterPercent: 0, maxAttempts: 0 },
    restoreSubscriptions: false,
    secrets: { ...noSecrets, password: actor.password ?? '' },
    subscriptions: [],
  };
}

export function publishOptionsOf(properties: LessonPublishProperties | undefined, topicAlias: 'auto' | number | undefined): PublishOptions | undefined {
  const options: PublishOptions = {};
  if (properties) {
    options.properties = {};
    if (properties.messageExpirySeconds !== undefined) options.properties.messageExpiryInterval = properties.messageExpirySeconds;
    if (properties.responseTopic !== undefined) options.properties.responseTopic = properties.responseTopic;
    if (properties.correlationData !== undefined) options.properties.correlationData = { encoding: 'text', value: properties.correlationData };
    if (properties.contentType !== undefined) options.properties.contentType = properties.contentType;
    if (properties.payloadFormatIndicator !== undefined) options.properties.payloadFormatIndicator = properties.payloadFormatIndicator;
    if (properties.userProperties) options.properties.userProperties = Object.entries(properties.userProperties).map(([key, value]) => ({ key, value }));
  }
  if (topicAlias !== undefined) options.topicAlias = topicAlias === 'auto' ? { mode: 'auto' } : { mode: 'manual', alias: topicAlias };
  return options.properties || options.topicAlias ? options : undefined;
}

/** Drops the socket without DISCONNECT, as a pulled cable would: the client sees it close and may reconnect. */
export function cutSocket(client: MqttClient): void {
  client.stream.destroy();
}

/**
 * Stops MQTT.js's keepalive timer, so the client sends no PINGREQ (and, idle, nothing at all) and the
 * broker's keepalive check is what ends the connection. MQTT.js makes a new timer at its next CONNACK.
 */
export function stopPinging(client: MqttClient): void {
  const pinging = client as unknown as { keepaliveManager: { destroy(): void } | null };
  pinging.keepaliveManager?.destroy();
  pinging.keepaliveManager = null;
}

/** A lesson's fault as the broker's fault engine takes it: aimed at the actor's client id ('*' is everyone). */
export function faultInputOf(fault: LessonFault, clientIdOf: (actor: string) => string): FaultInput {
  const target = fault.actor === '*' ? '*' : clientIdOf(fault.actor);
  switch (fault.kind) {
    case 'drop-acks':
      return { kind: 'drop-acks', target, ack: fault.ack, direction: fault.direction, count: fault.count };
    case 'delay':
      return { kind: 'delay', target, what: fault.what, ms: fault.ms };
    case 'drop-qos0':
      return { kind: 'drop-qos0', target, percent: fault.percent };
    case 'pause-delivery':
      return { kind: 'pause-delivery', target: '*' };
  }
}

/**
 * Sends an AUTH packet (Re-authenticate) as it is, for a lesson that shows how a broker answers one.
 * MQTT.js sends AUTH only as part of an exchange the broker started, so this reaches its packet writer.
 */
export function sendAuth(client: MqttClient, method: string): void {
  const writer = client as unknown as { _sendPacket(packet: { cmd: 'auth'; reasonCode: number; properties: { authenticationMethod: string } }, callback?: () => void): void };
  writer._sendPacket({ cmd: 'auth', reasonCode: 0x19, properties: { authenticationMethod: method } });
}
