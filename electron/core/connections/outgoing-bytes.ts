/** The part of a stream MQTT.js writes packets to. */
interface WritableStream {
  write(chunk: unknown, ...rest: unknown[]): boolean;
}

type Write = WritableStream['write'];

/**
 * The bytes of each packet MQTT.js sends, as it wrote them. MQTT.js reports a packet (`packetsend`)
 * and then has mqtt-packet write it to the stream in pieces (fixed header, length, topic, packet id,
 * properties, payload), synchronously. The stream's `write` is wrapped, so each piece goes to the
 * packet begun last. Pieces are kept as they were written, without a copy: the stream's own buffer
 * holds the same ones until they are flushed, and nothing changes them after.
 */
export class OutgoingBytes {
  private current: Uint8Array[] | undefined;
  private readonly original: Write;
  private readonly wrapped: Write;

  constructor(readonly stream: WritableStream) {
    const original = stream.write;
    this.original = original;
    const add = (chunk: unknown, encoding: unknown) => this.add(chunk, encoding);
    this.wrapped = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
      add(chunk, rest[0]);
      return original.call(this, chunk, ...rest);
    };
    stream.write = this.wrapped;
  }

  /** The pieces of the packet about to be written, filled in as it is written. */
  beginPacket(): Uint8Array[] {
    this.current = [];
    return this.current;
  }

  detach(): void {
    if (this.stream.write === this.wrapped) this.stream.write = this.original;
    this.current = undefined;
  }

  private add(chunk: unknown, encoding: unknown): void {
    if (!this.current) return;
    if (chunk instanceof Uint8Array) this.current.push(chunk);
    else if (typeof chunk === 'string') this.current.push(Buffer.from(chunk, typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8'));
  }
}
