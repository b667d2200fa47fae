import type { MessageRow } from '../../../shared/domain/message';

export type BatchSink = (rows: MessageRow[]) => void;

/**
 * Collects rows and hands them on at most once per interval, so a burst of 10,000 messages costs
 * the transport a few dozen events instead of 10,000. Rows are never dropped: a flush takes all.
 */
export class RowBatcher {
  private pending: MessageRow[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly sink: BatchSink,
    private readonly intervalMs = 50,
  ) {}

  push(row: MessageRow): void {
    this.pending.push(row);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.sink(rows);
  }

  /** Drops what is pending; used when the history is cleared. */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
