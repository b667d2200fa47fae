import type { Direction, HistoryUpdate } from '../../../shared/domain/message';
import { RateMeter } from '../broker/rate-meter';
import type { MessageStore } from './message-store';

/** Enough rows to fill a tall screen that follows the stream; anything older is read by id when scrolled to. */
export const TAIL_ROWS = 100;

/**
 * Tells the renderer how one connection's history changed, at most once per interval: counters,
 * rates, and the newest rows. Per message it only counts, so the hot path builds no row and
 * serializes nothing; rows are built at flush time, and only for the tail a following view shows.
 * Every update is a complete snapshot of the counters, so a transport that falls behind may keep
 * only the newest one without losing anything (the store still holds every message).
 */
export class HistoryNotifier {
  private readonly rates = { in: new RateMeter(), out: new RateMeter() };
  private fresh = 0;
  private freshIn = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** While a rate is non-zero, updates keep coming, so the shown msg/s falls back to 0 when traffic stops. */
  private settling: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connectionId: string,
    private readonly store: MessageStore,
    private readonly emit: (update: HistoryUpdate) => void,
    private readonly intervalMs = 50,
  ) {}

  noteAppended(direction: Direction): void {
    // Counted into the rate meters at flush time: a clock read per message would cost the hot path.
    if (direction === 'in') this.freshIn++;
    this.fresh++;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const tail = Math.min(this.fresh, TAIL_ROWS, this.store.size);
    this.rates.in.count(this.freshIn);
    this.rates.out.count(this.fresh - this.freshIn);
    this.fresh = 0;
    this.freshIn = 0;
    this.emit(this.update(tail));
    this.scheduleSettle();
  }

  /** Forgets what is pending; used when the history is cleared or the connection goes away. */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.settling) clearTimeout(this.settling);
    this.timer = undefined;
    this.settling = undefined;
    this.fresh = 0;
    this.freshIn = 0;
  }

  /** How the history stands now, with a screenful of the newest rows: for a view that opens late. */
  snapshot(): HistoryUpdate {
    return this.update(Math.min(TAIL_ROWS, this.store.size));
  }

  private update(tail: number): HistoryUpdate {
    const store = this.store;
    return {
      connectionId: this.connectionId,
      firstId: store.oldestId,
      lastId: store.newestId,
      total: store.size,
      evicted: store.evicted,
      rows: store.rows(store.size - tail, tail),
      rates: { in: this.rates.in.perSecond(), out: this.rates.out.perSecond() },
    };
  }

  private scheduleSettle(): void {
    if (this.settling) clearTimeout(this.settling);
    this.settling = undefined;
    if (this.rates.in.perSecond() === 0 && this.rates.out.perSecond() === 0) return;
    this.settling = setTimeout(() => {
      this.settling = undefined;
      if (this.timer === undefined) this.flush();
    }, 500);
    this.settling.unref?.();
  }
}
