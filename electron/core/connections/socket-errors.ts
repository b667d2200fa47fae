/** Turns the errors Node and MQTT.js raise while connecting into sentences a user can act on. */

interface ErrorWithCode {
  code?: unknown;
  message?: unknown;
}

export interface DescribedError {
  /** Plain words: what went wrong and what to try. */
  reason: string;
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
function connackTimeoutReason(where: string, endpoint: Endpoint, context: ErrorContext): string {
  const within = endpoint.connectTimeoutSeconds ? ` within ${endpoint.connectTimeoutSeconds} s` : ' in time';
  if (context.transportOpen === false) {
    return `no answer from ${where}: the connection attempt timed out; check the host and port, and that no firewall drops the connection`;
  }
  if (context.transportOpen === true) {
    return `timeout: ${where} accepted the connection but sent no CONNACK${within}; check that this is an MQTT port and the transport is right`;
  }
  return `timeout: no CONNACK from ${where}${endpoint.path ?? ''}${within}; check the host, port, path and transport`;
}

const untrustedCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

function tlsReason(code: string, text: string, endpoint: Endpoint): string | undefined {
  const where = `${endpoint.host}:${endpoint.port}`;
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return `the server's certificate is self-signed and not trusted: choose that certificate as the CA file, or (for testing only) turn off "Verify server certificate"`;
  }
  // The broker sent its whole chain, and the root at its end is a private CA this profile does not trust.
  if (code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return `the server's certificate is not signed by a trusted authority (its chain ends in a private CA): choose that CA's file as the CA file, or (for testing only) turn off "Verify server certificate"`;
  }
  if (untrustedCodes.has(code)) {
    return `the server's certificate is not signed by a trusted authority: choose the CA file that signed it, or use the system trust store if it is a public certificate`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const name = endpoint.tls?.servername || endpoint.host;
    return `the server's certificate is not for "${name}" (hostname mismatch): connect with the name on the certificate, or set the server name (SNI) to it`;
  }
  if (code === 'CERT_HAS_EXPIRED') return `the server's certificate has expired: renew it on the broker, or check this computer's clock`;
  if (code === 'CERT_NOT_YET_VALID') return `the server's certificate is not valid yet: check this computer's clock`;
  // OpenSSL says "bad decrypt" both for a wrong passphrase and for none at all.
  const noPassphrase = endpoint.secrets !== undefined && endpoint.secrets.keyPassphrase === '';
  if (/bad password read|PEM routines::bad password/i.test(text) || (noPassphrase && (code === 'ERR_OSSL_BAD_DECRYPT' || /bad decrypt/i.test(text)))) {
    return 'the client key is encrypted: enter its passphrase';
  }
  if (code === 'ERR_OSSL_BAD_DECRYPT' || /bad decrypt/i.test(text)) return 'the client key could not be decrypted: the key passphrase is wrong';
  if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' || /key values mismatch/i.test(text)) {
    return 'the client key does not belong to the client certificate: choose the matching pair';
  }
  if (/certificate required|alert.*handshake failure|ALERT_CERTIFICATE_REQUIRED|ALERT_HANDSHAKE_FAILURE/i.test(`${code} ${text}`)) {
    return `${where} refused the TLS handshake: it probably requires a client certificate; choose a certificate and key`;
  }
  if (/unknown ca|ALERT_UNKNOWN_CA|ALERT_BAD_CERTIFICATE|bad certificate/i.test(`${code} ${text}`)) {
    return `${where} does not trust the client certificate: use one signed by a CA the broker trusts`;
  }
  if (/wrong version number|WRONG_VERSION_NUMBER|packet length too long/i.test(`${code} ${text}`)) {
    return `${where} did not answer with TLS: it is probably a plain (non-TLS) port; use mqtt:// or ws://, or the broker's TLS port`;
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_') || code.startsWith('ERR_TLS_')) {
    return `TLS failed: ${text.trim()}; check the CA file, the client certificate and key, and that ${where} is the broker's TLS port`;
  }
  return undefined;
}

/** A reset before CONNACK most often means the transport does not match what the port speaks. */
function resetBeforeConnack(where: string, transport: Endpoint['transport']): string {
  switch (transport) {
    // A broker's plain MQTT port takes a TLS ClientHello for a malformed packet and drops the connection.
    case 'mqtts':
    case 'wss':
      return `${where} reset the connection before it was set up: it is probably a plain (non-TLS) port; use mqtt:// or ws://, or the broker's TLS port`;
    // And an HTTP upgrade request for one too.
    case 'ws':
      return `${where} reset the connection before it was set up: it is probably not a WebSocket port; use mqtt:// for a plain MQTT port, or the broker's WebSocket port`;
    // A TLS port takes a plain CONNECT for a broken handshake.
    default:
      return `${where} reset the connection before answering CONNECT: if it is a TLS port, use mqtts:// or wss://; otherwise the broker refused this client without saying why (see the broker's log)`;
  }
}

export function describeConnectionError(error: unknown, endpoint: Endpoint, context: ErrorContext = {}): DescribedError {
  const where = `${endpoint.host}:${endpoint.port}`;
  const { code: rawCode, message } = (error ?? {}) as ErrorWithCode;
  const code = typeof rawCode === 'string' ? rawCode : '';
  const text = typeof message === 'string' ? message : String(error);
  // OpenSSL ends its messages with a line break.
  const detail = (code && !text.includes(code) ? `${code}: ${text}` : text).trim();
  const reason = (() => {
    switch (code) {
      case 'ECONNREFUSED':
        return `connection refused: nothing is listening on ${where}; check the port, and that the broker is running`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EAI_NONAME':
        return `host not found: ${endpoint.host} could not be resolved (DNS); check the spelling and your network`;
      case 'ETIMEDOUT':
        return `no answer from ${where}: the connection attempt timed out; check the host and port, and that no firewall drops the connection`;
      case 'ECONNRESET':
        if (context.beforeConnack) return resetBeforeConnack(where, endpoint.transport);
        return `the connection to ${where} was reset by the other side; if it keeps happening, see the broker's log`;
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `${endpoint.host} is unreachable from this machine; check the host, and your network or VPN`;
      case 'EPIPE':
        return `the connection to ${where} was closed while sending; if it keeps happening, see the broker's log`;
      default:
        break;
    }
    const tls = tlsReason(code, text, endpoint);
    if (tls) return tls;
    const httpStatus = /Unexpected server response: (\d+)/.exec(text);
    if (httpStatus) {
      return `the WebSocket handshake with ${where}${endpoint.path ?? ''} failed with HTTP ${httpStatus[1]}; check the path and that the port serves MQTT over WebSocket`;
    }
    if (text === 'connack timeout') return connackTimeoutReason(where, endpoint, context);
    // MQTT.js fails what is waiting for an answer with these when the connection ends under it.
    if (text === 'Connection closed' || text === 'client disconnecting') return "the connection closed before the broker answered; the connection's status says why";
    // MQTT 5 would let the broker assign an id, but MQTT.js will not resume a session without one.
    if (text === 'Missing clientId for unclean clients') return 'a client id is needed when clean start is off: enter or generate one';
    if (text === 'Keepalive timeout') return `keepalive timeout: ${where} stopped answering PINGREQ; the network or the broker may be down or overloaded`;
    return text.length > 0 ? text : 'unknown error';
  })();
  return { reason, detail: detail || reason };
}

/** One line, for places that show a single message (a failed publish or subscribe). */
export function describeTransportError(error: unknown, endpoint: Endpoint): string {
  return describeConnectionError(error, endpoint).reason;
}
