const BUCKET_MS = 100;
const BUCKETS = 10;

/**
 * Events per second over the last second, in ten 100 ms buckets: counting is an increment, and
 * reading sums ten numbers, so it can sit on the packet path.
 */
export class RateMeter {
  private readonly counts = new Uint32Array(BUCKETS);
  private current = 0;

  count(events = 1): void {
    this.advance();
    const bucket = this.current % BUCKETS;
    this.counts[bucket] = (this.counts[bucket] ?? 0) + events;
  }

  perSecond(): number {
    this.advance();
    let total = 0;
    for (const count of this.counts) total += count;
    return total;
  }

  reset(): void {
    this.counts.fill(0);
  }

  /** Empties the buckets of the time that passed with nothing counted. */
  private advance(): void {
    const bucket = Math.floor(performance.now() / BUCKET_MS);
    if (bucket === this.current) return;
    const passed = Math.min(bucket - this.current, BUCKETS);
    for (let step = 1; step <= passed; step++) this.counts[(this.current + step) % BUCKETS] = 0;
    this.current = bucket;
  }
}
