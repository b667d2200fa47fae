/**
 * Plain-words names for the return and reason codes brokers send. They are shown with the number,
 * as in "not authorized (CONNACK 5)", so a user can search the spec or the broker's log for it.
 * The names stay in English in every language, as the spec writes them; the advice is translated.
 */
import { english, englishOf, msg, type Message, type MessageKey } from '../i18n';

/** MQTT 3.1.1 CONNACK return codes (§3.2.2.3); their names are the catalogue's mqtt.returnCode.c<code>. */
const connackV4Codes = new Set([1, 2, 3, 4, 5]);

/**
 * MQTT 5 reason codes (§2.4); the meaning of a code is the same in every packet that can carry it.
 * Their names are the catalogue's mqtt.reason.x<two hex digits>, the spec's English in every language.
 */
const reasonV5Codes = new Set([
  0x00, 0x01, 0x02, 0x04, 0x10, 0x11, 0x18, 0x19, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90,
  0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f, 0xa0, 0xa1, 0xa2,
]);

function hex2(code: number): string {
  return code.toString(16).padStart(2, '0');
}

/** The MQTT 5 reason code's name as a message; `unknown` names a code the spec does not define. */
function reasonName(code: number, unknown: MessageKey): Message {
  return msg(reasonV5Codes.has(code) ? (`mqtt.reason.x${hex2(code)}` as MessageKey) : unknown);
}

function returnCodeName(code: number): Message {
  return msg(connackV4Codes.has(code) ? (`mqtt.returnCode.c${code}` as MessageKey) : 'mqtt.reason.unknownRefusal');
}

/**
 * A CONNACK code below 0x80 other than 0 is no MQTT 5 refusal: it is a 3.1.1 return code from a
 * broker that does not speak MQTT 5 and answered in its own version (MQTT 5 §3.1.2.2 allows that).
 */
function isOlderBrokersCode(protocolVersion: 3 | 4 | 5, code: number): boolean {
  return protocolVersion === 5 && code > 0 && code < 0x80;
}

/** MQTT 3.1 and 3.1.1 share CONNACK return codes; 5.0 uses reason codes. "not authorized (CONNACK 5)". */
export function describeConnackMessage(protocolVersion: 3 | 4 | 5, code: number): Message {
  const name = protocolVersion === 5 && !isOlderBrokersCode(protocolVersion, code) ? reasonName(code, 'mqtt.reason.unknownRefusal') : returnCodeName(code);
  return msg('mqtt.code.connack', { code }, { name });
}

export function describeConnack(protocolVersion: 3 | 4 | 5, code: number): string {
  return englishOf(describeConnackMessage(protocolVersion, code));
}

/** A CONNACK's code as the lifeline and the broker panel show it: "accepted" for 0, else as describeConnack. */
export function connackCodeMessage(protocolVersion: 3 | 4 | 5, code: number): Message {
  return code === 0 ? msg('mqtt.code.accepted') : describeConnackMessage(protocolVersion, code);
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
export function describeSubackFailureMessage(protocolVersion: 3 | 4 | 5, code: number): Message {
  if (protocolVersion !== 5) return msg('mqtt.code.subackV4');
  // The SUBACK form has always shown the hex unpadded (0x8f, but 0x0 never reaches here: it is a grant).
  return msg('mqtt.code.packet', { packet: 'SUBACK', hex: code.toString(16) }, { name: reasonName(code, 'mqtt.reason.unknownRefusal') });
}

export function describeSubackFailure(protocolVersion: 3 | 4 | 5, code: number): string {
  return englishOf(describeSubackFailureMessage(protocolVersion, code));
}

/** "no matching subscribers (PUBACK 0x10)". */
export function describeReasonCodeMessage(code: number, packet: string): Message {
  return msg('mqtt.code.packet', { packet, hex: hex2(code) }, { name: reasonName(code, 'mqtt.reason.unknown') });
}

export function describeReasonCode(code: number, packet: string): string {
  return englishOf(describeReasonCodeMessage(code, packet));
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
export function reasonCodeNameMessage(code: number): Message {
  return reasonName(code, 'mqtt.reason.unknown');
}

export function reasonCodeName(code: number): string {
  return englishOf(reasonCodeNameMessage(code));
}

/** "PUBACK 0x10 no matching subscribers": packet, code, then its meaning, as a result line reads it. */
export function ackReasonMessage(packet: string, code: number): Message {
  return msg('mqtt.code.ack', { packet, hex: hex2(code) }, { name: reasonName(code, 'mqtt.reason.unknown') });
}

export function ackReasonText(packet: string, code: number): string {
  return englishOf(ackReasonMessage(packet, code));
}
