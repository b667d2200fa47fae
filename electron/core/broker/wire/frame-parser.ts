import { parser as createParser } from 'mqtt-packet';
import type { IPubackPacket, IPubcompPacket, IPublishPacket, IPubrecPacket, IPubrelPacket, Packet, Parser, QoS } from 'mqtt-packet';

const PUBLISH = 3;
/** PUBACK, PUBREC, PUBREL, PUBCOMP by type, with the flags their first byte must carry (MQTT 3.1.1 §2.2.2). */
const acknowledgements: Record<number, { cmd: 'puback' | 'pubrec' | 'pubrel' | 'pubcomp'; flags: number }> = {
  4: { cmd: 'puback', flags: 0 },
  5: { cmd: 'pubrec', flags: 0 },
  6: { cmd: 'pubrel', flags: 2 },
  7: { cmd: 'pubcomp', flags: 0 },
};

/**
 * mqtt-packet's parser, fed one whole packet at a time (see PacketFramer), so each call answers with
 * that packet or undefined when it is malformed. One per direction of a connection: the parser
 * keeps the protocol version, which changes how everything after CONNECT is laid out.
 */
export class FrameParser {
  /** Why the last packet parsed to undefined, in mqtt-packet's words. */
  problem: string | undefined;
  private parser: Parser;
  private parsed: Packet | undefined;
  private protocolVersion: number | undefined;
  private readonly onPacket = (packet: Packet): void => {
    this.parsed = packet;
  };
  // Without a listener an 'error' event would throw; a malformed packet simply parses to undefined.
  private readonly onError = (error: Error): void => {
    this.parsed = undefined;
    this.problem ??= error.message;
  };

  constructor(protocolVersion?: number) {
    this.protocolVersion = protocolVersion;
    this.parser = this.create(protocolVersion);
  }

  /** After a CONNECT: MQTT 5 adds properties to every packet that follows. */
  useProtocol(protocolVersion: number): void {
    this.protocolVersion = protocolVersion;
    this.parser = this.create(protocolVersion);
  }

  parse(packet: Buffer): Packet | undefined {
    this.problem = undefined;
    const type = (packet[0] ?? 0) >> 4;
    if (type === PUBLISH) {
      const publish = this.plainPublish(packet);
      if (publish) return publish;
    } else if (packet.length === 4 && packet[1] === 2) {
      const acknowledgement = this.plainAcknowledgement(packet, type);
      if (acknowledgement) return acknowledgement;
    }
    this.parsed = undefined;
    this.parser.parse(packet);
    return this.parsed;
  }

  /**
   * The packet mqtt-packet would make of a well-formed PUBLISH without MQTT 5 properties, read
   * directly; undefined for anything else, which mqtt-packet then parses (or refuses) itself. The tap
   * parses every packet both ways, deliveries are most of them, and mqtt-packet's general parser
   * (buffer list, debug calls, state machine) was the largest cost of the broker per delivery.
   */
  private plainPublish(bytes: Buffer): IPublishPacket | undefined {
    const first = bytes[0] ?? 0;
    const qos = (first >> 1) & 3;
    if (qos === 3) return undefined;
    let length = 0;
    let multiplier = 1;
    let position = 1;
    for (;;) {
      if (position > 4 || position >= bytes.length) return undefined;
      const byte = bytes[position++] ?? 0;
      length += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) break;
      multiplier *= 128;
    }
    const end = bytes.length;
    if (position + length !== end || position + 2 > end) return undefined;
    const topicEnd = position + 2 + bytes.readUInt16BE(position);
    if (topicEnd > end) return undefined;
    const topic = bytes.toString('utf8', position + 2, topicEnd);
    position = topicEnd;
    let messageId: number | undefined;
    if (qos > 0) {
      if (position + 2 > end) return undefined;
      messageId = bytes.readUInt16BE(position);
      position += 2;
    }
    if (this.protocolVersion === 5) {
      // Property Length 0, one byte; any properties go through mqtt-packet.
      if (position >= end || bytes[position] !== 0) return undefined;
      position += 1;
    }
    // The same fields in the same order as mqtt-packet's Packet, so either path gives an equal object.
    const packet: IPublishPacket = { cmd: 'publish', retain: (first & 1) !== 0, qos: qos as QoS, dup: (first & 8) !== 0, length, topic, payload: bytes.subarray(position, end) };
    if (messageId !== undefined) packet.messageId = messageId;
    return packet;
  }

  /**
   * A PUBACK, PUBREC, PUBREL or PUBCOMP of two bytes (a packet identifier, no reason code), as
   * mqtt-packet makes it: its Packet fields, topic and payload null, and on MQTT 5 reason code 0.
   */
  private plainAcknowledgement(bytes: Buffer, type: number): IPubackPacket | IPubrecPacket | IPubrelPacket | IPubcompPacket | undefined {
    const kind = acknowledgements[type];
    const first = bytes[0] ?? 0;
    if (!kind || (first & 0x0f) !== kind.flags) return undefined;
    const packet = { cmd: kind.cmd, retain: (first & 1) !== 0, qos: ((first >> 1) & 3) as QoS, dup: (first & 8) !== 0, length: 2, topic: null, payload: null, messageId: bytes.readUInt16BE(2) };
    return this.protocolVersion === 5 ? { ...packet, reasonCode: 0 } : packet;
  }

  private create(protocolVersion: number | undefined): Parser {
    const parser = createParser(protocolVersion === undefined ? undefined : { protocolVersion });
    parser.on('packet', this.onPacket);
    parser.on('error', this.onError);
    return parser;
  }
}
