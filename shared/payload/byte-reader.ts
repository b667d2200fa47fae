import { DecodeError, MAX_DECODE_DEPTH } from './decoded-value';

/**
 * The bounds-checked cursor CBOR and MessagePack both decode with: every read checks what is left,
 * and a length claimed by the data is checked against the bytes that remain before anything is
 * allocated, so a hostile payload cannot make a decoder hang or allocate more than it holds.
 */
export class ByteReader {
  offset = 0;
  protected readonly view: DataView;

  constructor(
    protected readonly bytes: Uint8Array,
    /** The format's name, for messages such as "Truncated CBOR". */
    private readonly format: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Throws unless the whole payload was one value. */
  finish(): void {
    if (this.offset !== this.bytes.length) {
      throw new DecodeError(`${this.bytes.length - this.offset} trailing bytes after the ${this.format} value`, this.offset);
    }
  }

  protected checkDepth(depth: number): void {
    if (depth > MAX_DECODE_DEPTH) throw new DecodeError(`Nested deeper than ${MAX_DECODE_DEPTH} levels`, this.offset);
  }

  /** `claimed` items of at least `bytesPerItem` bytes each must fit in what remains. */
  protected count(claimed: number | bigint, bytesPerItem: number, start: number): number {
    const remaining = this.bytes.length - this.offset;
    if (BigInt(claimed) * BigInt(bytesPerItem) > BigInt(remaining)) {
      throw new DecodeError(`Claims ${claimed} ${bytesPerItem === 1 ? 'bytes or items' : 'entries'} but only ${remaining} bytes remain`, start);
    }
    return Number(claimed);
  }

  /** Advances past `length` bytes and returns where they start. */
  protected skip(length: number, start = this.offset): number {
    if (this.offset + length > this.bytes.length) throw new DecodeError(`Truncated ${this.format}`, start);
    const from = this.offset;
    this.offset += length;
    return from;
  }

  protected take(length: number, start = this.offset): Uint8Array {
    const from = this.skip(length, start);
    return this.bytes.subarray(from, from + length);
  }
}
