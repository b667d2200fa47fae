/**
 * The fixed-size fields of stored messages as typed-array columns in a ring: about 35 bytes a
 * message instead of an object with a dozen properties. Columns grow by doubling up to the
 * message budget, so an idle connection does not reserve space for a million messages.
 */

const INITIAL_CAPACITY = 1024;

/** Bits of the `flags` column; bits 0-1 hold the QoS. */
export const QOS_MASK = 0b11;
export const RETAIN = 0b100;
export const DUP = 0b1000;
export const OUTGOING = 0b10000;

export class MessageColumns {
  capacity: number;
  wallTime: Float64Array;
  monotonicMs: Float64Array;
  topic: Uint32Array;
  flags: Uint8Array;
  packetId: Uint16Array;
  chunk: Uint32Array;
  offset: Uint32Array;
  length: Uint32Array;

  constructor(private readonly maxCapacity: number) {
    this.capacity = Math.min(INITIAL_CAPACITY, maxCapacity);
    this.wallTime = new Float64Array(this.capacity);
    this.monotonicMs = new Float64Array(this.capacity);
    this.topic = new Uint32Array(this.capacity);
    this.flags = new Uint8Array(this.capacity);
    this.packetId = new Uint16Array(this.capacity);
    this.chunk = new Uint32Array(this.capacity);
    this.offset = new Uint32Array(this.capacity);
    this.length = new Uint32Array(this.capacity);
  }

  get canGrow(): boolean {
    return this.capacity < this.maxCapacity;
  }

  /** Doubles the columns, unrolling the ring so the oldest message lands at slot 0. */
  grow(head: number, size: number): void {
    const capacity = Math.min(this.capacity * 2, this.maxCapacity);
    const unroll = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(old: T, fresh: T): T => {
      const tail = old.subarray(head, Math.min(head + size, this.capacity));
      fresh.set(tail, 0);
      if (tail.length < size) fresh.set(old.subarray(0, size - tail.length), tail.length);
      return fresh;
    };
    this.wallTime = unroll(this.wallTime, new Float64Array(capacity));
    this.monotonicMs = unroll(this.monotonicMs, new Float64Array(capacity));
    this.topic = unroll(this.topic, new Uint32Array(capacity));
    this.flags = unroll(this.flags, new Uint8Array(capacity));
    this.packetId = unroll(this.packetId, new Uint16Array(capacity));
    this.chunk = unroll(this.chunk, new Uint32Array(capacity));
    this.offset = unroll(this.offset, new Uint32Array(capacity));
    this.length = unroll(this.length, new Uint32Array(capacity));
    this.capacity = capacity;
  }
}
