/** A bounded cursor over a packet's bytes. Reading past the end throws `Truncated`, caught by `dissect`. */
import type { Translator } from '../i18n';

export class Truncated {
  constructor(
    readonly what: string,
    readonly at: number,
    readonly needed: number,
    readonly available: number,
  ) {}
}

/** Bytes present but breaking the encoding rules; dissection of the packet stops there. */
export class Malformed {
  constructor(readonly message: string) {}
}

export class Reader {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    public end: number,
    /** The language the dissection is worded in; every builder holds the cursor, so it reaches them all. */
    readonly t: Translator,
  ) {
    this.pos = start;
  }

  get left(): number {
    return this.end - this.pos;
  }

  take(count: number, what: string): Uint8Array {
    if (this.pos + count > this.end) throw new Truncated(what, this.pos, count, this.end - this.pos);
    const out = this.bytes.subarray(this.pos, this.pos + count);
    this.pos += count;
    return out;
  }

  u8(what: string): number {
    return this.take(1, what)[0] ?? 0;
  }

  u16(what: string): number {
    const b = this.take(2, what);
    return ((b[0] ?? 0) << 8) | (b[1] ?? 0);
  }

  u32(what: string): number {
    const b = this.take(4, what);
    return (b[0] ?? 0) * 0x1000000 + (((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0));
  }

  /** Variable Byte Integer (MQTT 5 §1.5.5, 3.1.1 §2.2.3): 7 bits a byte, low first, at most 4 bytes. */
  varint(what: string): number {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < 4; i++) {
      const b = this.u8(what);
      value += (b & 0x7f) * multiplier;
      if ((b & 0x80) === 0) return value;
      multiplier *= 128;
    }
    throw new Malformed(this.t('packets.anatomy.varintTooLong', { what }));
  }
}
