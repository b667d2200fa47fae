/** Turns the errors Node and MQTT.js raise while connecting into sentences a user can act on. */
import { englishNested, nested, type NestedMessage } from '../../../shared/i18n/nested';

interface ErrorWithCode {
  code?: unknown;
  message?: unknown;
}

export interface DescribedError {
  /** Plain words: what went wrong and what to try (English, for logs, tests and the CLI). */
  reason: string;
  /** The same as a catalogue message, worded where it is shown. */
  text: NestedMessage;
  /** The raw error as Node or MQTT.js put it, for searching and bug reports. */
  detail: string;
}

interface Endpoint {
  host: string;
  port: number;
  path?: string;
  transport?: 'mqtt' | 'mqtts' | 'ws' | 'wss';
  connectTimeoutSeconds?: number;
  tls?: { servername: string };
  secrets?: { keyPassphrase: string };
}

/** What the connection knew when the error came, which changes what the error most likely means. */
export interface ErrorContext {
  /** No CONNACK yet on this attempt: a reset now is a refusal of the connection, not a lost one. */
  beforeConnack?: boolean;
  /** Whether this attempt's TCP connection was made; undefined when it cannot be known (WebSocket). */
  transportOpen?: boolean;
}

/** MQTT.js gives up waiting for CONNACK after connectTimeout, whether or not TCP ever connected. */
function connackTimeoutReason(where: string, endpoint: Endpoint, context: ErrorContext): NestedMessage {
  // 0: no timeout was given ("in time").
  const seconds = endpoint.connectTimeoutSeconds ?? 0;
  if (context.transportOpen === false) return nested('connections.error.timedOut', { where });
  if (context.transportOpen === true) return nested('connections.error.noConnackOpen', { where, seconds });
  return nested('connections.error.noConnack', { where: `${where}${endpoint.path ?? ''}`, seconds });
}

const untrustedCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

function tlsReason(code: string, text: string, endpoint: Endpoint): NestedMessage | undefined {
  const where = `${endpoint.host}:${endpoint.port}`;
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return nested('connections.error.selfSigned');
  }
  // The broker sent its whole chain, and the root at its end is a private CA this profile does not trust.
  if (code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return nested('connections.error.privateCa');
  }
  if (untrustedCodes.has(code)) {
    return nested('connections.error.untrusted');
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const name = endpoint.tls?.servername || endpoint.host;
    return nested('connections.error.altName', { name });
  }
  if (code === 'CERT_HAS_EXPIRED') return nested('connections.error.expired');
  if (code === 'CERT_NOT_YET_VALID') return nested('connections.error.notYetValid');
  // OpenSSL says "bad decrypt" both for a wrong passphrase and for none at all.
  const noPassphrase = endpoint.secrets !== undefined && endpoint.secrets.keyPassphrase === '';
  if (/bad password read|PEM routines::bad password/i.test(text) || (noPassphrase && (code === 'ERR_OSSL_BAD_DECRYPT' || /bad decrypt/i.test(text)))) {
    return nested('connections.error.keyEncrypted');
  }
  if (code === 'ERR_OSSL_BAD_DECRYPT' || /bad decrypt/i.test(text)) return nested('connections.error.badPassphrase');
  if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' || /key values mismatch/i.test(text)) {
    return nested('connections.error.keyMismatch');
  }
  if (/certificate required|alert.*handshake failure|ALERT_CERTIFICATE_REQUIRED|ALERT_HANDSHAKE_FAILURE/i.test(`${code} ${text}`)) {
    return nested('connections.error.needsClientCert', { where });
  }
  if (/unknown ca|ALERT_UNKNOWN_CA|ALERT_BAD_CERTIFICATE|bad certificate/i.test(`${code} ${text}`)) {
    return nested('connections.error.clientCertUntrusted', { where });
  }
  if (/wrong version number|WRONG_VERSION_NUMBER|packet length too long/i.test(`${code} ${text}`)) {
    return nested('connections.error.notTls', { where });
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_') || code.startsWith('ERR_TLS_')) {
    return nested('connections.error.tlsFailed', { text: text.trim(), where });
  }
  return undefined;
}

/** A reset before CONNACK most often means the transport does not match what the port speaks. */
function resetBeforeConnack(where: string, transport: Endpoint['transport']): NestedMessage {
  switch (transport) {
    // A broker's plain MQTT port takes a TLS ClientHello for a malformed packet and drops the connection.
    case 'mqtts':
    case 'wss':
      return nested('connections.error.resetTls', { where });
    // And an HTTP upgrade request for one too.
    case 'ws':
      return nested('connections.error.resetWs', { where });
    // A TLS port takes a plain CONNECT for a broken handshake.
    default:
      return nested('connections.error.resetPlain', { where });
  }
}

export function describeConnectionError(error: unknown, endpoint: Endpoint, context: ErrorContext = {}): DescribedError {
  const where = `${endpoint.host}:${endpoint.port}`;
  const { code: rawCode, message } = (error ?? {}) as ErrorWithCode;
  const code = typeof rawCode === 'string' ? rawCode : '';
  const text = typeof message === 'string' ? message : String(error);
  // OpenSSL ends its messages with a line break.
  const detail = (code && !text.includes(code) ? `${code}: ${text}` : text).trim();
  const said = ((): NestedMessage => {
    switch (code) {
      case 'ECONNREFUSED':
        return nested('connections.error.refused', { where });
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EAI_NONAME':
        return nested('connections.error.hostNotFound', { host: endpoint.host });
      case 'ETIMEDOUT':
        return nested('connections.error.timedOut', { where });
      case 'ECONNRESET':
        if (context.beforeConnack) return resetBeforeConnack(where, endpoint.transport);
        return nested('connections.error.reset', { where });
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return nested('connections.error.unreachable', { host: endpoint.host });
      case 'EPIPE':
        return nested('connections.error.pipe', { where });
      default:
        break;
    }
    const tls = tlsReason(code, text, endpoint);
    if (tls) return tls;
    const httpStatus = /Unexpected server response: (\d+)/.exec(text);
    if (httpStatus) {
      return nested('connections.error.wsHandshake', { where: `${where}${endpoint.path ?? ''}`, status: httpStatus[1] ?? '' });
    }
    if (text === 'connack timeout') return connackTimeoutReason(where, endpoint, context);
    // MQTT.js fails what is waiting for an answer with these when the connection ends under it.
    if (text === 'Connection closed' || text === 'client disconnecting') return nested('connections.error.closedBeforeAnswer');
    // MQTT 5 would let the broker assign an id, but MQTT.js will not resume a session without one.
    if (text === 'Missing clientId for unclean clients') return nested('connections.error.clientIdNeeded');
    if (text === 'Keepalive timeout') return nested('connections.error.keepalive', { where });
    // Words that are not ours (an error we do not know), shown as they came.
    return text.length > 0 ? nested('connections.error.raw', { text }) : nested('connections.error.unknown');
  })();
  const reason = englishNested(said);
  return { reason, text: said, detail: detail || reason };
}

/** One line, for places that show a single message (a failed publish or subscribe). */
export function describeTransportError(error: unknown, endpoint: Endpoint): string {
  return describeConnectionError(error, endpoint).reason;
}

/** The same line as a message, for places that word it in the user's language. */
export function describeTransportErrorText(error: unknown, endpoint: Endpoint): NestedMessage {
  return describeConnectionError(error, endpoint).text;
}
