import type { Packet } from 'mqtt';
import { generate } from 'mqtt-packet';
import type { ProtocolVersion } from '../../../shared/domain/profile';
import type { PacketViolation } from '../packets/packet-tap';
import type { DescribedError } from './socket-errors';
import { englishNested, nested, type NestedMessage } from '../../../shared/i18n/nested';
import { propertySections } from '../../../shared/packets/properties';
import { remainingLengthSize } from '../../../shared/packets/remaining-length';

/** MQTT 5 DISCONNECT reason codes a client sends when the server broke the protocol. */
export const MALFORMED_PACKET = 0x81;
export const PROTOCOL_ERROR = 0x82;
export const TOPIC_ALIAS_INVALID = 0x94;

/** What the broker did wrong, in words a user can take to the broker's maintainers. */
export interface ProtocolViolation {
  /** The packet type as the first byte names it: "PUBLISH", "CONNACK", or "reserved type 15". */
  packetName: string;
  /** Plain words, without the packet name: "its topic contains the wildcard '#'" (English, for logs and tests). */
  what: string;
  /** The same as a message, worded where it is shown; the packet name and rule stay as the spec writes them. */
  whatText: NestedMessage;
  /** Set when the rule is a sentence of ours rather than a spec reference. */
  ruleText?: NestedMessage;
  /** Set when the packet name is words of ours ("reserved type 0") rather than a packet type. */
  packetNameText?: NestedMessage;
  /** The rule broken: a normative statement ("MQTT-3.3.2-2") or, where the spec numbers none, a section. */
  rule: string;
  /** The DISCONNECT reason code MQTT 5 sends for it. */
  disconnectCode: number;
}

/** What the checks need to know about the connection beyond the packet. */
export interface ViolationContext {
  protocolVersion: ProtocolVersion;
  /** Whether this network connection already had its CONNACK. */
  connackReceived: boolean;
  /** The Topic Alias Maximum we sent in CONNECT; 0 when we sent none. */
  topicAliasMaximum: number;
  /** Whether a received alias is one the broker set up on this connection. */
  knowsTopicAlias(alias: number): boolean;
  /** How many Topic Filters the SUBSCRIBE with this packet id carried, if one is in flight. */
  subscribeFilterCount(messageId: number): number | undefined;
  /** The PUBLISH's topic as it was on the wire, when its bytes are known; asked only for a topic that decoded with U+FFFD. */
  topicBytes(): Uint8Array | undefined;
}

const packetNames = ['reserved type 0', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH'];

/** The packet type named by a fixed header's first byte. */
export function packetNameOf(firstByte: number | undefined): string {
  if (firstByte === undefined) return 'packet';
  const name = packetNames[firstByte >> 4] ?? 'packet';
  return name === 'AUTH' ? 'AUTH (or reserved type 15 before MQTT 5)' : name;
}

/** The words of ours among packetNameOf's names, for the screen; packet types stay as the spec names them. */
function packetNameText(name: string): NestedMessage | undefined {
  if (name === 'packet') return nested('connections.violation.packetUnknown');
  if (name === 'reserved type 0') return nested('connections.violation.packetReserved0');
  if (name.startsWith('AUTH (')) return nested('connections.violation.packetAuthOrReserved');
  return undefined;
}

/** Rules have different numbers in MQTT 3.1.1 and MQTT 5; `v5` is used for protocol level 5. */
function rule(protocolVersion: ProtocolVersion, v311: string, v5: string): string {
  return protocolVersion === 5 ? v5 : v311;
}

/** Packets only a client sends; a server sending one is broken or is not a server. */
const clientOnly = new Set(['connect', 'subscribe', 'unsubscribe', 'pingreq']);

/**
 * Checks a packet MQTT.js parsed for what the spec forbids a server to send and MQTT.js lets through.
 * Runs for every received packet, so the common case (a well-formed PUBLISH) costs a few comparisons.
 */
export function checkReceivedPacket(packet: Packet, context: ViolationContext): ProtocolViolation | undefined {
  const { protocolVersion: version } = context;
  // The name is made only for a packet that broke a rule: this runs for every packet received.
  const violation = (what: NestedMessage, ruleText: string, disconnectCode = PROTOCOL_ERROR): ProtocolViolation => ({ packetName: packet.cmd.toUpperCase(), ...said(what), rule: ruleText, disconnectCode });
  if (!context.connackReceived && packet.cmd !== 'connack' && !(version === 5 && packet.cmd === 'auth')) {
    if (version === 5 && packet.cmd === 'disconnect') return violation(nested('connections.violation.beforeConnackDisconnect'), 'MQTT-3.14.0-1');
    return violation(nested('connections.violation.beforeConnack'), rule(version, 'MQTT-3.2.0-1', 'MQTT-3.2.0-1'));
  }
  const packetId = packetIdProblem(packet, version);
  if (packetId) return violation(packetId.what, packetId.rule, MALFORMED_PACKET);
  const properties = (packet as { properties?: object }).properties;
  if (version === 5 && properties !== undefined) {
    const foreign = foreignProperty(packet.cmd, properties);
    if (foreign) return violation(foreign, 'MQTT 5 section 2.2.2.2', MALFORMED_PACKET);
    const misread = misreadProperty(properties as Record<string, unknown>);
    if (misread) return violation(misread.what, misread.rule, misread.code);
    const nul = propertyWithNul(properties as Record<string, unknown>);
    if (nul) return violation(nested('connections.violation.nulProperty', { name: nul }), 'MQTT-1.5.4-2', MALFORMED_PACKET);
  }
  switch (packet.cmd) {
    case 'publish':
      return checkPublish(packet, context, violation);
    case 'connack': {
      if (context.connackReceived) return violation(nested('connections.violation.secondConnack'), rule(version, 'section 3.2', 'section 3.2'));
      const length = packet.length ?? 0;
      if (version !== 5 && length !== 2) {
        return violation(nested('connections.violation.connackLength311', { length: String(length) }), 'MQTT 3.1.1 section 3.2.1', MALFORMED_PACKET);
      }
      // The flags, the reason code and the property length: MQTT.js reads a shorter one as a success.
      if (version === 5 && length < 2) {
        return violation(nested('connections.violation.connackLength5', { length: String(length) }), 'MQTT 5 section 3.2.1', MALFORMED_PACKET);
      }
      if (version === 5) {
        const extra = bytesBeyondContent(packet, length);
        if (extra > 0) return violation(nested('connections.violation.connackExtra', { extra, count: String(extra), length: String(length) }), 'MQTT 5 section 3.2.1', MALFORMED_PACKET);
      }
      return undefined;
    }
    case 'suback': {
      const expected = packet.messageId === undefined ? undefined : context.subscribeFilterCount(packet.messageId);
      if (expected !== undefined && packet.granted.length !== expected) {
        return violation(
          nested('connections.violation.subackCount', { id: String(packet.messageId), codes: packet.granted.length, codeCount: String(packet.granted.length), filters: expected, filterCount: String(expected) }),
          rule(version, 'MQTT-3.8.4-5', 'MQTT-3.8.4-6'),
        );
      }
      return undefined;
    }
    case 'pingresp':
      if ((packet.length ?? 0) !== 0) return violation(nested('connections.violation.pingrespLength', { length: String(packet.length ?? 0) }), rule(version, 'MQTT 3.1.1 section 3.13', 'MQTT 5 section 3.13'), MALFORMED_PACKET);
      return undefined;
    case 'disconnect':
      if (version !== 5) return violation(nested('connections.violation.disconnect311'), 'MQTT 3.1.1 section 2.2.1, table 2.1');
      return undefined;
    default:
      if (clientOnly.has(packet.cmd)) {
        return violation(nested('connections.violation.clientOnly'), rule(version, 'MQTT 3.1.1 section 2.2.1, table 2.1', 'MQTT 5 section 2.1.2, table 2-1'));
      }
      return undefined;
  }
}

/**
 * How many bytes of the Remaining Length the packet's content does not account for: the parser reads
 * what it needs and never checks the rest. Found by encoding the parsed packet again, which is
 * exact for a CONNACK (its fields and properties have one encoding each) and cheap, as there is one.
 */
function bytesBeyondContent(packet: Packet, remainingLength: number): number {
  try {
    const encoded = generate(packet, { protocolVersion: 5 });
    const header = 1 + remainingLengthSize(remainingLength);
    return header + remainingLength - encoded.length;
  } catch {
    return 0;
  }
}

/** Packets that carry a packet id right after the fixed header (a PUBLISH only with QoS 1 or 2). */
const withPacketId = new Set(['puback', 'pubrec', 'pubrel', 'pubcomp', 'suback', 'unsuback']);
const acknowledgements = new Set(['puback', 'pubrec', 'pubrel', 'pubcomp']);

/**
 * A packet id that is missing, zero or out of range, or an acknowledgement of the wrong length.
 * mqtt-packet reads a short packet's id from whatever bytes follow it (or makes it -1), and MQTT.js
 * then throws writing the answer: it must be caught before MQTT.js acts on the packet.
 */
function packetIdProblem(packet: Packet, version: ProtocolVersion): { what: NestedMessage; rule: string } | undefined {
  const needsId = withPacketId.has(packet.cmd) || (packet.cmd === 'publish' && packet.qos > 0);
  if (!needsId) return undefined;
  const length = packet.length ?? 0;
  const { messageId } = packet as { messageId?: number };
  if (acknowledgements.has(packet.cmd)) {
    if (version !== 5 && length !== 2) return { what: nested('connections.violation.ackLength311', { length: String(length) }), rule: `MQTT 3.1.1 section 3.${packetSection(packet.cmd)}.1` };
    if (version === 5 && length < 2) return { what: nested('connections.violation.ackLength5', { length: String(length) }), rule: `MQTT 5 section 3.${packetSection(packet.cmd)}.1` };
  } else if (length < 2) {
    return { what: nested('connections.violation.tooShortForId', { length: String(length) }), rule: version === 5 ? 'MQTT 5 section 2.2.1' : 'MQTT 3.1.1 section 2.3.1' };
  }
  if (typeof messageId !== 'number' || !Number.isInteger(messageId) || messageId < 1 || messageId > 0xffff) {
    return { what: nested('connections.violation.badPacketId', { id: String(messageId) }), rule: version === 5 ? 'MQTT 5 section 2.2.1' : 'MQTT 3.1.1 section 2.3.1' };
  }
  return undefined;
}

function packetSection(cmd: string): number {
  return { puback: 4, pubrec: 5, pubrel: 6, pubcomp: 7 }[cmd] ?? 0;
}

/** mqtt-packet's names of the MQTT 5 properties, with their identifiers. */
const propertyIds: Record<string, number> = {
  payloadFormatIndicator: 0x01,
  messageExpiryInterval: 0x02,
  contentType: 0x03,
  responseTopic: 0x08,
  correlationData: 0x09,
  subscriptionIdentifier: 0x0b,
  sessionExpiryInterval: 0x11,
  assignedClientIdentifier: 0x12,
  serverKeepAlive: 0x13,
  authenticationMethod: 0x15,
  authenticationData: 0x16,
  requestProblemInformation: 0x17,
  willDelayInterval: 0x18,
  requestResponseInformation: 0x19,
  responseInformation: 0x1a,
  serverReference: 0x1c,
  reasonString: 0x1f,
  receiveMaximum: 0x21,
  topicAliasMaximum: 0x22,
  topicAlias: 0x23,
  maximumQoS: 0x24,
  retainAvailable: 0x25,
  userProperties: 0x26,
  maximumPacketSize: 0x27,
  wildcardSubscriptionAvailable: 0x28,
  subscriptionIdentifiersAvailable: 0x29,
  sharedSubscriptionAvailable: 0x2a,
};

/** A property the packet type does not have, in words; mqtt-packet reads any property in any packet. */
function foreignProperty(cmd: string, properties: object): NestedMessage | undefined {
  const allowed = (propertySections as Record<string, { order: number[] } | undefined>)[cmd]?.order;
  if (!allowed) return undefined;
  for (const name of Object.keys(properties)) {
    const id = propertyIds[name];
    if (id !== undefined && !allowed.includes(id)) {
      return nested('connections.violation.foreignProperty', { name, id: `0x${id.toString(16).padStart(2, '0')}`, packet: cmd.toUpperCase() });
    }
  }
  return undefined;
}

/** Properties that may appear more than once; mqtt-packet makes an array of any other that does. */
const repeatable = new Set(['userProperties', 'subscriptionIdentifier']);

/**
 * What mqtt-packet lets through of a broken property list: a value it could not read comes out as
 * null (a string longer than the list), a property given twice as an array.
 */
function misreadProperty(properties: Record<string, unknown>): { what: NestedMessage; rule: string; code: number } | undefined {
  for (const [name, value] of Object.entries(properties)) {
    if (value === null) return { what: nested('connections.violation.propertyPastEnd', { name }), rule: 'MQTT 5 section 2.2.2', code: MALFORMED_PACKET };
    if (Array.isArray(value) && !repeatable.has(name)) return { what: nested('connections.violation.propertyTwice', { name }), rule: 'MQTT 5 section 2.2.2.2', code: PROTOCOL_ERROR };
  }
  return undefined;
}

/** The string properties, whose text must not hold U+0000 either; user properties are pairs of them. */
const stringProperties = ['contentType', 'responseTopic', 'assignedClientIdentifier', 'authenticationMethod', 'responseInformation', 'serverReference', 'reasonString'];

function propertyWithNul(properties: Record<string, unknown>): string | undefined {
  for (const name of stringProperties) {
    const value = properties[name];
    if (typeof value === 'string' && value.includes('\u0000')) return name;
  }
  const user = properties.userProperties;
  if (user && typeof user === 'object') {
    for (const [key, value] of Object.entries(user)) {
      const values = Array.isArray(value) ? value : [value];
      if (key.includes('\u0000') || values.some((item) => typeof item === 'string' && item.includes('\u0000'))) return 'userProperties';
    }
  }
  return undefined;
}

type PublishPacket = Extract<Packet, { cmd: 'publish' }>;

function checkPublish(
  packet: PublishPacket,
  context: ViolationContext,
  violation: (what: NestedMessage, ruleText: string, disconnectCode?: number) => ProtocolViolation,
): ProtocolViolation | undefined {
  const { protocolVersion: version } = context;
  const { topic } = packet;
  if (packet.qos === 0 && packet.dup) return violation(nested('connections.violation.qos0Dup'), 'MQTT-3.3.1-2', MALFORMED_PACKET);
  const alias = packet.properties?.topicAlias;
  if (version === 5 && alias !== undefined) {
    if (alias === 0) return violation(nested('connections.violation.alias0'), 'MQTT-3.3.2-8', TOPIC_ALIAS_INVALID);
    if (alias > context.topicAliasMaximum) {
      return violation(
        nested('connections.violation.aliasAbove', { alias: String(alias), max: String(context.topicAliasMaximum) }),
        'MQTT-3.3.2-10',
        TOPIC_ALIAS_INVALID,
      );
    }
  }
  if (typeof topic !== 'string' || topic.length === 0) {
    if (version !== 5) return violation(nested('connections.violation.emptyTopic311'), 'MQTT-4.7.3-1');
    if (alias === undefined) return violation(nested('connections.violation.emptyTopicNoAlias'), 'MQTT 5 section 3.3.2.1');
    if (!context.knowsTopicAlias(alias)) return violation(nested('connections.violation.emptyTopicUnknownAlias', { alias: String(alias) }), 'MQTT 5 section 3.3.2.3.4', TOPIC_ALIAS_INVALID);
    return undefined;
  }
  // One scan for the characters that can be wrong; a well-formed topic has none of them.
  for (let index = 0; index < topic.length; index++) {
    const code = topic.charCodeAt(index);
    if (code === 0x23 || code === 0x2b) {
      return violation(nested('connections.violation.wildcardTopic', { wildcard: topic[index] ?? '', topic: printable(topic) }), 'MQTT-3.3.2-2');
    }
    if (code === 0) return violation(nested('connections.violation.nulTopic', { topic: printable(topic) }), rule(version, 'MQTT-1.5.3-2', 'MQTT-1.5.4-2'), MALFORMED_PACKET);
    // mqtt-packet decodes ill-formed UTF-8 to U+FFFD; whether the broker sent U+FFFD itself is settled on the bytes.
    if (code === 0xfffd) {
      const bytes = context.topicBytes();
      if (bytes !== undefined && !isWellFormedUtf8(bytes)) {
        return violation(nested('connections.violation.badUtf8Topic', { bytes: hexOf(bytes, 32) }), rule(version, 'MQTT-1.5.3-1', 'MQTT-1.5.4-1'), MALFORMED_PACKET);
      }
      break;
    }
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isWellFormedUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Control characters made visible, so a status line cannot be broken up by what a broker sent. */
function printable(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return shown.replace(/[\u0000-\u001f\u007f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Up to `limit` bytes as spaced hex, saying how many more there were. */
export function hexOf(bytes: Uint8Array, limit = 32): string {
  const shown = Array.from(bytes.subarray(0, limit), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > limit ? `${shown} … (${bytes.length} bytes)` : shown;
}

interface ParserErrorWords {
  what: NestedMessage;
  rule: (version: ProtocolVersion) => string;
}

const malformedSection = (version: ProtocolVersion) => (version === 5 ? 'MQTT 5 section 4.13' : 'MQTT 3.1.1 section 4.8');

/**
 * mqtt-packet's parser errors in plain words. Its messages are terse ("Not supported") and say
 * nothing of which rule the packet broke; these are all the messages it has for packets a
 * server sends.
 */
const parserErrors: Record<string, ParserErrorWords> = {
  'Not supported': { what: nested('connections.violation.unsupportedType'), rule: (version) => (version === 5 ? 'MQTT 5 section 2.1.2' : 'MQTT 3.1.1 section 2.2.1') },
  'Packet must not have both QoS bits set to 1': { what: nested('connections.violation.qos3'), rule: () => 'MQTT-3.3.1-4' },
  'Invalid variable byte integer': { what: nested('connections.violation.varInt'), rule: (version) => (version === 5 ? 'MQTT 5 section 1.5.5' : 'MQTT 3.1.1 section 2.2.3') },
  'Invalid connack flags, bits 7-1 must be set to 0': { what: nested('connections.violation.connackFlags'), rule: (version) => (version === 5 ? 'MQTT-3.2.2-1' : 'MQTT 3.1.1 section 3.2.2.1') },
  'Cannot parse return code': { what: nested('connections.violation.noReturnCode'), rule: malformedSection },
  'Cannot parse topic': { what: nested('connections.violation.insideTopic'), rule: malformedSection },
  'Cannot parse messageId': { what: nested('connections.violation.noPacketId'), rule: malformedSection },
  'Malformed suback, no payload specified': { what: nested('connections.violation.noReturnCodes'), rule: (version) => (version === 5 ? 'MQTT-3.8.4-6' : 'MQTT-3.8.4-5') },
  'Invalid suback code': { what: nested('connections.violation.reasonCodeNotIn', { packet: 'SUBACK' }), rule: (version) => (version === 5 ? 'MQTT 5 section 3.9.3' : 'MQTT 3.1.1 section 3.9.3') },
  'Invalid suback QoS, must be 0, 1, 2 or 128': { what: nested('connections.violation.subackQos'), rule: () => 'MQTT 3.1.1 section 3.9.3' },
  'Malformed unsuback, payload length must be 2': { what: nested('connections.violation.unsubackLength'), rule: () => 'MQTT 3.1.1 section 3.11.1' },
  'Malformed unsuback, no payload specified': { what: nested('connections.violation.noReasonCodes'), rule: () => 'MQTT-3.11.3-2' },
  'Invalid unsuback code': { what: nested('connections.violation.reasonCodeNotIn', { packet: 'UNSUBACK' }), rule: () => 'MQTT 5 section 3.11.3' },
  'Invalid disconnect reason code': { what: nested('connections.violation.reasonCodeNotIn', { packet: 'DISCONNECT' }), rule: () => 'MQTT 5 section 3.14.2.1' },
  'Not supported auth packet for this version MQTT': { what: nested('connections.violation.authOnly5'), rule: () => 'MQTT 3.1.1 section 2.2.1' },
  'Invalid auth reason code': { what: nested('connections.violation.reasonCodeNotIn', { packet: 'AUTH' }), rule: () => 'MQTT 5 section 3.15.2.1' },
  'Cannot parse property code type': { what: nested('connections.violation.propertyCut'), rule: () => 'MQTT 5 section 2.2.2' },
  'Unknown property': { what: nested('connections.violation.unknownProperty'), rule: () => 'MQTT 5 section 2.2.2.2' },
  'Packet too short': { what: nested('connections.violation.tooShort'), rule: malformedSection },
  'Cannot parse protocolId': { what: nested('connections.violation.connectUnreadable'), rule: malformedSection },
  'Invalid protocolId': { what: nested('connections.violation.connectProtocolName'), rule: malformedSection },
  'Invalid protocol version': { what: nested('connections.violation.connectProtocolVersion'), rule: malformedSection },
  ...clientOnlyErrors([
    ['Cannot parse username', nested('connections.violation.connectUsername')],
    ['Cannot parse password', nested('connections.violation.connectPassword')],
    ['Cannot parse will topic', nested('connections.violation.connectWillTopic')],
    ['Cannot parse will payload', nested('connections.violation.connectWillPayload')],
    ['Connect flag bit 0 must be 0, but got 1', nested('connections.violation.connectReservedFlag')],
    ['Will QoS must be set to zero when Will Flag is set to 0', nested('connections.violation.connectWillQos')],
    ['Will Retain Flag must be set to zero when Will Flag is set to 0', nested('connections.violation.connectWillRetain')],
    ['Malformed subscribe, no payload specified', nested('connections.violation.subscribeNoFilters')],
    ['Malformed Subscribe Payload', nested('connections.violation.subscribeCut')],
    ['Invalid subscribe QoS, must be <= 2', nested('connections.violation.subscribeQos3')],
    ['Invalid subscribe topic flag bits, bits 7-2 must be 0', nested('connections.violation.subscribeReservedBits')],
    ['Invalid subscribe topic flag bits, bits 7-6 must be 0', nested('connections.violation.subscribeReservedBits')],
    ['Invalid retain handling, must be <= 2', nested('connections.violation.subscribeRetainHandling')],
    ['Malformed unsubscribe, no payload specified', nested('connections.violation.unsubscribeNoFilters')],
  ]),
};

/** Errors only a CONNECT, SUBSCRIBE or UNSUBSCRIBE can raise: packets a server must not send at all, here malformed too. */
function clientOnlyErrors(entries: [message: string, what: NestedMessage][]): Record<string, ParserErrorWords> {
  const rule = (version: ProtocolVersion) => (version === 5 ? 'MQTT 5 section 2.1.2, table 2-1' : 'MQTT 3.1.1 section 2.2.1, table 2.1');
  return Object.fromEntries(entries.map(([message, what]) => [message, { what: nested('connections.violation.clientOnlyMalformed', undefined, { what }), rule }]));
}

/** Whether an error MQTT.js passed on came from its packet parser, which means the broker sent a malformed packet. */
export function isParserError(error: unknown): error is Error {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== undefined) return false;
  const { message } = error;
  return message in parserErrors || message.startsWith('Invalid header flag bits') || /^Invalid \w+ reason code$/.test(message) || message.startsWith('Malformed ') || message.startsWith('Invalid subscribe') || message.startsWith('Cannot parse ');
}

/** A parser error as a violation; `firstByte` names the packet when the bad packet's bytes were found. */
export function parserViolation(error: Error, protocolVersion: ProtocolVersion, firstByte: number | undefined): ProtocolViolation {
  const packetName = packetNameOf(firstByte);
  const named = packetNameText(packetName);
  const violation = parserViolationOf(error, protocolVersion, firstByte, packetName);
  return named ? { ...violation, packetNameText: named } : violation;
}

function parserViolationOf(error: Error, protocolVersion: ProtocolVersion, firstByte: number | undefined, packetName: string): ProtocolViolation {
  const { message } = error;
  const words = parserErrors[message];
  if (words) return { packetName, ...said(words.what), rule: words.rule(protocolVersion), disconnectCode: MALFORMED_PACKET };
  const flags = /^Invalid header flag bits, must be 0x([0-9a-f]+) for (\w+) packet$/.exec(message);
  if (flags) {
    const found = firstByte === undefined ? 'none' : `0x${(firstByte & 0x0f).toString(16)}`;
    return {
      packetName,
      ...said(nested('connections.violation.flagBits', { found, expected: flags[1] ?? '' })),
      rule: protocolVersion === 5 ? 'MQTT 5 section 2.1.3' : 'MQTT-2.2.2-2',
      disconnectCode: MALFORMED_PACKET,
    };
  }
  const reasonCode = /^Invalid (puback|pubrec|pubrel|pubcomp) reason code$/.exec(message);
  if (reasonCode) {
    const section = { puback: '3.4.2.1', pubrec: '3.5.2.1', pubrel: '3.6.2.1', pubcomp: '3.7.2.1' }[reasonCode[1] as 'puback'];
    return { packetName, ...said(nested('connections.violation.reasonCodeNotIn', { packet: reasonCode[1]?.toUpperCase() ?? '' })), rule: `MQTT 5 section ${section}`, disconnectCode: MALFORMED_PACKET };
  }
  return { packetName, ...said(nested('connections.violation.unparsable', { message })), rule: malformedSection(protocolVersion), disconnectCode: MALFORMED_PACKET };
}

const disconnectNames: Record<number, string> = {
  [MALFORMED_PACKET]: 'Malformed Packet',
  [PROTOCOL_ERROR]: 'Protocol Error',
  0x83: 'Implementation specific error',
  [TOPIC_ALIAS_INVALID]: 'Topic Alias invalid',
};

/** The status a violation leaves the connection in, and the mark its packet gets in the packet list. */
export function describeViolation(violation: ProtocolViolation, bytes: Uint8Array | undefined, protocolVersion: ProtocolVersion): DescribedError & { mark: PacketViolation } {
  const text = `${violation.packetName} ${violation.what} (${violation.rule})`;
  const { packetName, rule: ruleName } = violation;
  const textMessage = nested('connections.violation.text', { packetName, rule: ruleName }, { what: violation.whatText, ...(violation.ruleText ? { rule: violation.ruleText } : {}), ...(violation.packetNameText ? { packetName: violation.packetNameText } : {}) });
  const known = bytes !== undefined && bytes.length > 0;
  const code = violation.disconnectCode;
  const closing = protocolVersion === 5 ? nested('connections.error.closedWith', { code: `0x${code.toString(16)}`, name: disconnectNames[code] ?? 'error' }) : nested('connections.error.closed');
  const mark: PacketViolation = { text, textMessage };
  if (known) mark.bytes = bytes;
  // The violation itself (packet, rule) is named as the spec names it.
  const said = known
    ? nested('connections.error.violationBytes', { text, bytes: hexOf(bytes, 32) }, { text: textMessage, closing })
    : nested('connections.error.violation', { text }, { text: textMessage, closing });
  return {
    reason: englishNested(said),
    text: said,
    detail: `${violation.rule}: ${violation.packetName}${known ? ` ${hexOf(bytes, 16)}` : ''}`,
    mark,
  };
}

/** A violation's words: English for logs and tests, the message for the screen. */
export function said(whatText: NestedMessage): Pick<ProtocolViolation, 'what' | 'whatText'> {
  return { what: englishNested(whatText), whatText };
}
