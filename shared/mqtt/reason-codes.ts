/**
 * Plain-words names for the return and reason codes brokers send. They are shown with the number,
 * as in "not authorized (CONNACK 5)", so a user can search the spec or the broker's log for it.
 * The names stay in English in every language, as the spec writes them; the advice is translated.
 */
import { english, msg, type Message } from '../i18n';

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

/**
 * A CONNACK code below 0x80 other than 0 is no MQTT 5 refusal: it is a 3.1.1 return code from a
 * broker that does not speak MQTT 5 and answered in its own version (MQTT 5 §3.1.2.2 allows that).
 */
function isOlderBrokersCode(protocolVersion: 3 | 4 | 5, code: number): boolean {
  return protocolVersion === 5 && code > 0 && code < 0x80;
}

/** MQTT 3.1 and 3.1.1 share CONNACK return codes; 5.0 uses reason codes. */
export function describeConnack(protocolVersion: 3 | 4 | 5, code: number): string {
  const name = protocolVersion === 5 && !isOlderBrokersCode(protocolVersion, code) ? reasonV5[code] : connackV4[code];
  return `${name ?? 'unknown refusal'} (CONNACK ${code})`;
}

/** The 3.1.1 return codes as the MQTT 5 reason codes that mean the same, so advice is written once. */
export const connackToV5: Record<number, number> = { 1: 0x84, 2: 0x85, 3: 0x88, 4: 0x86, 5: 0x87 };

/** What the user can do about a CONNACK refusal, as a message to word in the user's language. */
export function connackAdviceMessage(protocolVersion: 3 | 4 | 5, code: number): Message {
  if (isOlderBrokersCode(protocolVersion, code)) return msg(code === 1 ? 'mqtt.advice.noMqtt5' : 'mqtt.advice.olderVersion');
  switch (protocolVersion === 5 ? code : (connackToV5[code] ?? -1)) {
    case 0x84:
      return msg('mqtt.advice.otherVersion');
    case 0x85:
      return msg('mqtt.advice.otherClientId');
    case 0x86:
      return msg('mqtt.advice.checkCredentials');
    case 0x87:
      // mosquitto answers a wrong password with this too, in every version.
      return msg('mqtt.advice.checkAccess');
    case 0x88:
    case 0x89:
    case 0x9f:
      return msg('mqtt.advice.tryLater');
    case 0x8a:
      return msg('mqtt.advice.banned');
    case 0x8c:
      return msg('mqtt.advice.authMethod');
    case 0x95:
      return msg('mqtt.advice.connectTooLarge');
    case 0x9c:
    case 0x9d:
      return msg('mqtt.advice.otherServer');
    default:
      return msg('mqtt.advice.seeLog');
  }
}

/** The same advice in English, for the core's status and logs. */
export function connackAdvice(protocolVersion: 3 | 4 | 5, code: number): string {
  const advice = connackAdviceMessage(protocolVersion, code);
  return english(advice.key, advice.params);
}

/** A SUBACK entry: 0–2 is the granted QoS; 0x80 (3.1.1) or any code ≥ 0x80 (5.0) is a refusal. */
export function describeSubackFailure(protocolVersion: 3 | 4 | 5, code: number): string {
  if (protocolVersion !== 5) return `the broker refused the subscription (SUBACK 0x80)`;
  return `${reasonV5[code] ?? 'unknown refusal'} (SUBACK 0x${code.toString(16)})`;
}

export function describeReasonCode(code: number, packet: string): string {
  return `${reasonV5[code] ?? 'unknown reason'} (${packet} 0x${code.toString(16).padStart(2, '0')})`;
}

/**
 * For the DISCONNECT reason codes after which an automatic reconnect would not help or would do harm,
 * what the user should do instead, as a message; undefined for the others, where reconnecting is the right answer.
 */
export function disconnectAdviceMessage(code: number): Message | undefined {
  // The broker objected to a packet this client sent. A reconnect would send the same in-flight
  // message again and be thrown out again; connecting by hand starts with an empty store.
  switch (code) {
    // Two clients with one id would take the session from each other for ever.
    case 0x8e:
      return msg('mqtt.advice.sessionTakenOver');
    case 0x8a:
      return msg('mqtt.advice.banned');
    case 0x9c:
    case 0x9d:
      return msg('mqtt.advice.otherServer');
    case 0x81:
    case 0x82:
      return msg('mqtt.advice.packetObjected');
    case 0x90:
      return msg('mqtt.advice.topicRefused');
    case 0x95:
      return msg('mqtt.advice.messageTooLarge');
    case 0x99:
      return msg('mqtt.advice.payloadFormat');
    case 0x9a:
      return msg('mqtt.advice.noRetain');
    case 0x9b:
      return msg('mqtt.advice.qosTooHigh');
    default:
      return undefined;
  }
}

/** The same advice in English, for the core's status and logs. */
export function disconnectAdvice(code: number): string | undefined {
  const advice = disconnectAdviceMessage(code);
  return advice && english(advice.key, advice.params);
}

/** The MQTT 5 reason code's name alone, for places that show the number their own way. */
export function reasonCodeName(code: number): string {
  return reasonV5[code] ?? 'unknown reason';
}

/** "PUBACK 0x10 no matching subscribers": packet, code, then its meaning, as a result line reads it. */
export function ackReasonText(packet: string, code: number): string {
  return `${packet} 0x${code.toString(16).padStart(2, '0')} ${reasonV5[code] ?? 'unknown reason'}`;
}
