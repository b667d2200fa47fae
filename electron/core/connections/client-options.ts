import type { IClientOptions } from 'mqtt';
import type { KeyValue, Profile } from '../../../shared/domain/profile';
import { usesTls, usesWebSocket } from '../../../shared/domain/profile';
import { systemCertificates } from './system-ca';

type UserProperties = Record<string, string | string[]>;

/**
 * MQTT 5 allows a user property name more than once; MQTT.js takes repeats as an array. The names
 * are the user's, so the object has no prototype: on a plain {} "constructor" or "toString" would
 * find Object's own and be sent twice, and "__proto__" would set the prototype and not be sent.
 */
export function userPropertiesObject(entries: readonly KeyValue[]): UserProperties | undefined {
  if (entries.length === 0) return undefined;
  const result = Object.create(null) as UserProperties;
  for (const { key, value } of entries) {
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

function definedOnly<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null)) as T;
}

/** The TLS part of the options, shared by mqtts (tls.connect) and wss (the ws library's https request). */
function tlsOptions(profile: Profile): Record<string, unknown> {
  const { tls } = profile;
  // A key (and its passphrase) left stored after the certificate was removed must not be sent alone.
  const client = tls.cert !== null;
  return definedOnly({
    ca: tls.ca ? tls.ca.pem : systemCertificates(),
    cert: tls.cert?.pem,
    key: client ? profile.secrets.clientKey || undefined : undefined,
    passphrase: client ? profile.secrets.keyPassphrase || undefined : undefined,
    rejectUnauthorized: tls.verifyServer,
    servername: tls.servername || undefined,
    ALPNProtocols: tls.alpn.length > 0 ? tls.alpn : undefined,
  });
}

/**
 * MQTT.js options for a profile. Reconnecting is ours, not MQTT.js's (reconnectPeriod 0), because
 * MQTT.js only retries at a fixed period and cannot show when the next attempt comes.
 */
export function clientOptions(profile: Profile): IClientOptions {
  const v5 = profile.protocolVersion === 5;
  // An IPv6 address may be typed with brackets, as in a URL; sockets want it bare.
  const host = profile.host.replace(/^\[(.*)\]$/, '$1');
  const options: IClientOptions = {
    protocol: profile.transport,
    host,
    port: profile.port,
    protocolVersion: profile.protocolVersion,
    clientId: profile.clientId,
    clean: profile.clean,
    keepalive: profile.keepalive,
    connectTimeout: profile.connectTimeoutSeconds * 1000,
    reconnectPeriod: 0,
    // Subscriptions are restored by the Connection itself, so each SUBACK is shown again.
    resubscribe: false,
    queueQoSZero: false,
  };
  // MQTT 3.1 says "MQIsdp" in CONNECT; MQTT.js defaults to "MQTT", which a 3.1 broker refuses.
  if (profile.protocolVersion === 3) options.protocolId = 'MQIsdp';
  if (profile.username) options.username = profile.username;
  if (profile.secrets.password) options.password = profile.secrets.password;
  if (usesTls(profile.transport)) Object.assign(options, tlsOptions(profile));
  if (usesWebSocket(profile.transport)) {
    // MQTT.js builds the WebSocket URL from `hostname` as is, and a URL needs an IPv6 address in brackets.
    options.hostname = host.includes(':') ? `[${host}]` : host;
    options.path = profile.path;
    const headers = Object.fromEntries(profile.headers.map(({ key, value }) => [key, value]));
    // MQTT.js copies only some TLS options into the WebSocket's; servername and ALPN must be given here.
    options.wsOptions = { ...(usesTls(profile.transport) ? tlsOptions(profile) : {}), headers };
  }
  if (profile.will.enabled) {
    const { will } = profile;
    options.will = { topic: will.topic, payload: Buffer.from(will.payload, 'utf8'), qos: will.qos, retain: will.retain };
    if (v5) {
      const properties = definedOnly({
        willDelayInterval: will.delayInterval ?? undefined,
        messageExpiryInterval: will.messageExpiry ?? undefined,
        contentType: will.contentType || undefined,
        responseTopic: will.responseTopic || undefined,
        correlationData: will.correlationData ? Buffer.from(will.correlationData, 'utf8') : undefined,
        userProperties: userPropertiesObject(will.userProperties),
      });
      if (Object.keys(properties).length > 0) options.will.properties = properties;
    }
  }
  if (v5) {
    const { properties } = profile;
    const connectProperties = definedOnly({
      sessionExpiryInterval: properties.sessionExpiryInterval ?? undefined,
      receiveMaximum: properties.receiveMaximum ?? undefined,
      maximumPacketSize: properties.maximumPacketSize ?? undefined,
      topicAliasMaximum: properties.topicAliasMaximum ?? undefined,
      requestResponseInformation: properties.requestResponseInformation || undefined,
      // The spec default is true: only "false" needs saying.
      requestProblemInformation: properties.requestProblemInformation ? undefined : false,
      userProperties: userPropertiesObject(properties.userProperties),
    });
    if (Object.keys(connectProperties).length > 0) options.properties = connectProperties;
  }
  return options;
}
