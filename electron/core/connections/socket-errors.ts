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
  tls?: { servername: string };
}

const untrustedCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

function tlsReason(code: string, text: string, endpoint: Endpoint): string | undefined {
  const where = `${endpoint.host}:${endpoint.port}`;
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return `the server's certificate is self-signed and not trusted: choose the CA file that signed it, or (for testing only) turn off "Verify server certificate"`;
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
  if (code === 'ERR_OSSL_BAD_DECRYPT' || /bad decrypt/i.test(text)) return 'the client key could not be decrypted: the key passphrase is wrong';
  if (/bad password read|PEM routines::bad password/i.test(text)) return 'the client key is encrypted: enter its passphrase';
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
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_') || code.startsWith('ERR_TLS_')) return `TLS failed: ${text}`;
  return undefined;
}

export function describeConnectionError(error: unknown, endpoint: Endpoint): DescribedError {
  const where = `${endpoint.host}:${endpoint.port}`;
  const { code: rawCode, message } = (error ?? {}) as ErrorWithCode;
  const code = typeof rawCode === 'string' ? rawCode : '';
  const text = typeof message === 'string' ? message : String(error);
  const detail = code && !text.includes(code) ? `${code}: ${text}` : text;
  const reason = (() => {
    switch (code) {
      case 'ECONNREFUSED':
        return `connection refused: nothing is listening on ${where}`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EAI_NONAME':
        return `host not found: ${endpoint.host} could not be resolved (DNS); check the spelling and your network`;
      case 'ETIMEDOUT':
        return `no answer from ${where}: the connection attempt timed out`;
      case 'ECONNRESET':
        return `the connection to ${where} was reset by the other side`;
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `${endpoint.host} is unreachable from this machine`;
      case 'EPIPE':
        return `the connection to ${where} was closed while sending`;
      default:
        break;
    }
    const tls = tlsReason(code, text, endpoint);
    if (tls) return tls;
    const httpStatus = /Unexpected server response: (\d+)/.exec(text);
    if (httpStatus) {
      return `the WebSocket handshake with ${where}${endpoint.path ?? ''} failed with HTTP ${httpStatus[1]}; check the path and that the port serves MQTT over WebSocket`;
    }
    if (text === 'connack timeout') return `timeout: ${where} accepted the connection but sent no CONNACK in time; is this an MQTT port?`;
    if (text === 'Keepalive timeout') return `keepalive timeout: ${where} stopped answering PINGREQ`;
    return text.length > 0 ? text : 'unknown error';
  })();
  return { reason, detail: detail || reason };
}

/** One line, for places that show a single message (a failed publish or subscribe). */
export function describeTransportError(error: unknown, endpoint: Endpoint): string {
  return describeConnectionError(error, endpoint).reason;
}
