/** Turns the errors Node and MQTT.js raise while connecting into sentences a user can act on. */

interface ErrorWithCode {
  code?: unknown;
  message?: unknown;
}

export function describeTransportError(error: unknown, endpoint: { host: string; port: number; path?: string }): string {
  const where = `${endpoint.host}:${endpoint.port}`;
  const { code, message } = (error ?? {}) as ErrorWithCode;
  const text = typeof message === 'string' ? message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused: nothing is listening on ${where}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: ${endpoint.host} could not be resolved`;
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
  const httpStatus = /Unexpected server response: (\d+)/.exec(text);
  if (httpStatus) {
    return `the WebSocket handshake with ${where}${endpoint.path ?? ''} failed with HTTP ${httpStatus[1]}; check the path and that the port serves MQTT over WebSocket`;
  }
  if (text === 'connack timeout') return `no CONNACK from ${where}: the broker did not answer the CONNECT in time`;
  if (text === 'Keepalive timeout') return `keepalive timeout: ${where} stopped answering PINGREQ`;
  return text.length > 0 ? text : 'unknown error';
}
