/**
 * Cuts a byte stream into whole MQTT packets using only the fixed header (type byte, then the
 * remaining length in 1 to 4 bytes). Whole packets can be parsed, judged by the fault engine and
 * forwarded as the exact bytes that arrived, whatever the TCP or WebSocket chunking was.
 */
import { INCOMPLETE, MALFORMED, packetSizeAt } from '../../../../shared/packets/remaining-length';

const ignore = (): void => undefined;

export class PacketFramer {
  /** Bytes of a packet not yet complete, kept as they came so a large PUBLISH is copied once, not per chunk. */
  private readonly pieces: Buffer[] = [];
  private buffered = 0;
  /** The size of the packet being gathered, once its header is known. */
  private expected = INCOMPLETE;
  /** Not MQTT any more: the rest goes through unframed, and the broker's own parser refuses it. */
  private broken = false;

  constructor(
    private readonly onPacket: (packet: Buffer) => void,
    private onUnframed: (bytes: Buffer) => void,
    /**
     * A packet announcing more bytes than this is refused from its header, before any of it is
     * gathered: otherwise one peer could make us hold up to 256 MB per connection.
     */
    private readonly limit: { maxPacketSize: number; onOversize: (size: number) => void } | undefined = undefined,
  ) {}

  push(chunk: Buffer): void {
    if (this.broken) {
      this.onUnframed(chunk);
      return;
    }
    if (this.buffered === 0) {
      this.scan(chunk);
      return;
    }
    this.pieces.push(chunk);
    this.buffered += chunk.length;
    // Waiting for the rest of a known packet: gather without copying.
    if (this.expected !== INCOMPLETE && this.buffered < this.expected) return;
    const joined = Buffer.concat(this.pieces, this.buffered);
    this.pieces.length = 0;
    this.buffered = 0;
    this.scan(joined);
  }

  private scan(data: Buffer): void {
    let offset = 0;
    let size = INCOMPLETE;
    while (offset < data.length) {
      size = packetSizeAt(data, offset);
      if (size === MALFORMED) {
        this.broken = true;
        this.onUnframed(data.subarray(offset));
        return;
      }
      if (this.limit && size > this.limit.maxPacketSize) {
        // Nothing after it can be framed either: the rest of the stream is dropped with it.
        this.broken = true;
        this.onUnframed = ignore;
        this.limit.onOversize(size);
        return;
      }
      if (size === INCOMPLETE || offset + size > data.length) break;
      this.onPacket(data.subarray(offset, offset + size));
      offset += size;
      size = INCOMPLETE;
    }
    if (offset === data.length) return;
    const rest = data.subarray(offset);
    this.pieces.push(rest);
    this.buffered = rest.length;
    this.expected = size;
  }
}
