import { parser as createParser } from 'mqtt-packet';
import type { Packet, Parser } from 'mqtt-packet';

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
  private readonly onPacket = (packet: Packet): void => {
    this.parsed = packet;
  };
  // Without a listener an 'error' event would throw; a malformed packet simply parses to undefined.
  private readonly onError = (error: Error): void => {
    this.parsed = undefined;
    this.problem ??= error.message;
  };

  constructor(protocolVersion?: number) {
    this.parser = this.create(protocolVersion);
  }

  /** After a CONNECT: MQTT 5 adds properties to every packet that follows. */
  useProtocol(protocolVersion: number): void {
    this.parser = this.create(protocolVersion);
  }

  parse(packet: Buffer): Packet | undefined {
    this.parsed = undefined;
    this.problem = undefined;
    this.parser.parse(packet);
    return this.parsed;
  }

  private create(protocolVersion: number | undefined): Parser {
    const parser = createParser(protocolVersion === undefined ? undefined : { protocolVersion });
    parser.on('packet', this.onPacket);
    parser.on('error', this.onError);
    return parser;
  }
}
