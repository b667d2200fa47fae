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

  constructor(
    private readonly maxCapacity: number,
    capacity = INITIAL_CAPACITY,
  ) {
    this.capacity = Math.min(capacity, maxCapacity);
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

  /**
   * New columns holding the `size` messages from `head` at slot 0 (the ring unrolled), for a bigger
   * capacity or another budget.
   */
  resized(head: number, size: number, maxCapacity: number, capacity = Math.max(size, Math.min(this.capacity, maxCapacity))): MessageColumns {
    const fresh = new MessageColumns(maxCapacity, capacity);
    const copy = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(old: T, into: T): void => {
      const tail = old.subarray(head, Math.min(head + size, this.capacity));
      into.set(tail, 0);
      if (tail.length < size) into.set(old.subarray(0, size - tail.length), tail.length);
    };
    copy(this.wallTime, fresh.wallTime);
    copy(this.monotonicMs, fresh.monotonicMs);
    copy(this.topic, fresh.topic);
    copy(this.flags, fresh.flags);
    copy(this.packetId, fresh.packetId);
    copy(this.chunk, fresh.chunk);
    copy(this.offset, fresh.offset);
    copy(this.length, fresh.length);
    return fresh;
  }

  get maxMessages(): number {
    return this.maxCapacity;
  }
}
