/**
 * Plain-words names for the return and reason codes brokers send. They are shown with the number,
 * as in "not authorized (CONNACK 5)", so a user can search the spec or the broker's log for it.
 */

/** MQTT 3.1.1 CONNACK return codes (§3.2.2.3). */
const connackV4: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'client identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};

/** MQTT 5 reason codes (§2.4); the meaning of a code is the same in every packet that can carry it. */
const reasonV5: Record<number, string> = {
  0x00: 'success',
  0x01: 'granted QoS 1',
  0x02: 'granted QoS 2',
  0x04: 'disconnect with will message',
  0x10: 'no matching subscribers',
  0x11: 'no subscription existed',
  0x18: 'continue authentication',
  0x19: 're-authenticate',
  0x80: 'unspecified error',
  0x81: 'malformed packet',
  0x82: 'protocol error',
  0x83: 'implementation specific error',
  0x84: 'unsupported protocol version',
  0x85: 'client identifier not valid',
  0x86: 'bad user name or password',
  0x87: 'not authorized',
  0x88: 'server unavailable',
  0x89: 'server busy',
  0x8a: 'banned',
  0x8b: 'server shutting down',
  0x8c: 'bad authentication method',
  0x8d: 'keep alive timeout',
  0x8e: 'session taken over',
  0x8f: 'topic filter invalid',
  0x90: 'topic name invalid',
  0x91: 'packet identifier in use',
  0x92: 'packet identifier not found',
  0x93: 'receive maximum exceeded',
  0x94: 'topic alias invalid',
  0x95: 'packet too large',
  0x96: 'message rate too high',
  0x97: 'quota exceeded',
  0x98: 'administrative action',
  0x99: 'payload format invalid',
  0x9a: 'retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'use another server',
  0x9d: 'server moved',
  0x9e: 'shared subscriptions not supported',
  0x9f: 'connection rate exceeded',
  0xa0: 'maximum connect time',
  0xa1: 'subscription identifiers not supported',
  0xa2: 'wildcard subscriptions not supported',
};

/** MQTT 3.1 and 3.1.1 share CONNACK return codes; 5.0 uses reason codes. */
export function describeConnack(protocolVersion: 3 | 4 | 5, code: number): string {
  const name = protocolVersion === 5 ? reasonV5[code] : connackV4[code];
  return `${name ?? 'unknown refusal'} (CONNACK ${code})`;
}

/** A SUBACK entry: 0–2 is the granted QoS; 0x80 (3.1.1) or any code ≥ 0x80 (5.0) is a refusal. */
export function describeSubackFailure(protocolVersion: 3 | 4 | 5, code: number): string {
  if (protocolVersion !== 5) return `the broker refused the subscription (SUBACK 0x80)`;
  return `${reasonV5[code] ?? 'unknown refusal'} (SUBACK 0x${code.toString(16)})`;
}

export function describeReasonCode(code: number, packet: string): string {
  return `${reasonV5[code] ?? 'unknown reason'} (${packet} 0x${code.toString(16).padStart(2, '0')})`;
}
