import type { TimingError } from '../../../shared/domain/replay';

const BUCKET_MS = 0.01;
const BUCKETS = 100_000;

/**
 * Send-time errors in 10 µs buckets up to one second: adding is an increment, and the median and
 * p99 are read without sorting a million numbers at every progress update.
 */
export class TimingHistogram {
  private readonly counts = new Uint32Array(BUCKETS + 1);
  private total = 0;
  private max = 0;

  add(errorMs: number): void {
    const bucket = Math.min(BUCKETS, Math.max(0, Math.floor(errorMs / BUCKET_MS)));
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.total++;
    if (errorMs > this.max) this.max = errorMs;
  }

  summary(): TimingError | undefined {
    if (this.total === 0) return undefined;
    return { medianMs: this.quantile(0.5), p99Ms: this.quantile(0.99), maxMs: Math.round(this.max * 1000) / 1000 };
  }

  /** The upper edge of the bucket holding the quantile: never an optimistic figure. */
  private quantile(fraction: number): number {
    const rank = Math.ceil(this.total * fraction);
    let seen = 0;
    for (let bucket = 0; bucket <= BUCKETS; bucket++) {
      seen += this.counts[bucket] ?? 0;
      // The bucket's upper edge, but never above the largest value seen.
      if (seen >= rank) return Math.round(Math.min(this.max, (bucket + 1) * BUCKET_MS) * 1000) / 1000;
    }
    return Math.round(this.max * 1000) / 1000;
  }
}
