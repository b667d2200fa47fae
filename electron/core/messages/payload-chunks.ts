/**
 * Payload bytes of many messages packed into a few large buffers, so a million small payloads cost
 * a hundred allocations instead of a million. Messages are appended and evicted in order, so a
 * chunk is released as soon as its last live payload is evicted.
 */

/** Big enough that per-chunk overhead vanishes, small enough that eviction frees memory promptly. */
const CHUNK_BYTES = 1024 * 1024;

interface Chunk {
  bytes: Uint8Array;
  used: number;
  /** Payloads in this chunk not yet evicted. */
  live: number;
}

export class PayloadChunks {
  private chunks: Chunk[] = [];
  /** Sequence number of `chunks[0]`; positions name chunks by sequence so eviction can shift the array. */
  private firstChunk = 0;

  /**
   * Copies `payload` in (the caller's buffer may be reused by the MQTT parser) and returns its
   * offset in the chunk `lastChunk` names. Two numbers rather than an object: this runs per message.
   */
  add(payload: Uint8Array): number {
    let last = this.chunks[this.chunks.length - 1];
    if (!last || last.bytes.byteLength - last.used < payload.byteLength) {
      // A payload larger than a chunk gets a buffer of its own: stored whole, never truncated.
      last = { bytes: new Uint8Array(Math.max(CHUNK_BYTES, payload.byteLength)), used: 0, live: 0 };
      this.chunks.push(last);
    }
    const offset = last.used;
    last.bytes.set(payload, offset);
    last.used += payload.byteLength;
    last.live++;
    return offset;
  }

  /** The chunk the last `add` wrote into. */
  get lastChunk(): number {
    return this.firstChunk + this.chunks.length - 1;
  }

  /** A view, not a copy: valid until the message is evicted or the store cleared. */
  view(chunk: number, offset: number, length: number): Uint8Array {
    const bytes = this.bytesOf(chunk);
    return bytes.subarray(offset, offset + length);
  }

  bytesOf(chunk: number): Uint8Array {
    const found = this.chunks[chunk - this.firstChunk];
    if (!found) throw new Error(`Payload chunk ${chunk} is gone.`);
    return found.bytes;
  }

  /** Called once per evicted message, oldest first. */
  release(chunk: number): void {
    const found = this.chunks[chunk - this.firstChunk];
    if (found) found.live--;
    // Keep the chunk being written even when empty, so the next small payload does not allocate again.
    while (this.chunks.length > 1 && this.chunks[0]?.live === 0) {
      this.chunks.shift();
      this.firstChunk++;
    }
  }

  clear(): void {
    this.firstChunk += this.chunks.length;
    this.chunks = [];
  }
}
