import type { TimingError } from '../../../shared/domain/replay';
import { TimingHistogram } from '../replay/timing-histogram';

/** Time and timers, injected so the timing is tested with a fake clock and run with the real one. */
export interface LoopClock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
  /** Waits, without yielding, until `timeMs`: setTimeout alone is only good to about a millisecond. */
  spinUntil(timeMs: number): void;
}

export const realClock: LoopClock = {
  now: () => performance.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  spinUntil: (timeMs) => {
    while (performance.now() < timeMs) {
      // The last moment before a send: sleeping here would miss it.
    }
  },
};

export interface LoopPlan {
  intervalMs: number;
  count?: number | undefined;
  jitterMs: number;
}

/** Below this the loop spins rather than sleeps. */
export const SPIN_MS = 1.5;
/** A loop that fell behind (a blocked event loop) catches up at most this many sends per turn, so acknowledgements are still read. */
export const CATCH_UP_PER_TURN = 200;

/**
 * Calls `send` at start + n × interval (+ jitter), n = 0, 1, 2…: each time is computed from the
 * start, never from the previous send, so lateness does not add up over a long run. A send that
 * is late goes out at once; sends missed while the event loop was blocked all go, in order.
 */
export class SendLoop {
  private startedAt = 0;
  private next = 0;
  private timer: unknown;
  private running = false;
  /** The jitter of the send waiting to go: drawn once, so each look at its time sees the same time. */
  private drawn: { index: number; offset: number } | undefined;
  private readonly lateness = new TimingHistogram();

  constructor(
    private readonly plan: LoopPlan,
    private readonly send: (index: number) => void,
    private readonly finished: () => void,
    private readonly clock: LoopClock = realClock,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    this.running = true;
    this.startedAt = this.clock.now();
    this.turn();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  get sent(): number {
    return this.next;
  }

  timing(): TimingError | undefined {
    return this.lateness.summary();
  }

  /** When send `index` is due: its place on the grid from the start, plus its own jitter. */
  dueAt(index: number): number {
    return this.startedAt + index * this.plan.intervalMs + this.jitter(index);
  }

  private jitter(index: number): number {
    if (this.plan.jitterMs === 0) return 0;
    if (this.drawn?.index !== index) this.drawn = { index, offset: this.random() * this.plan.jitterMs };
    return this.drawn.offset;
  }

  private turn(): void {
    this.timer = undefined;
    let burst = 0;
    while (this.running) {
      if (this.plan.count !== undefined && this.next >= this.plan.count) {
        this.running = false;
        this.finished();
        return;
      }
      const due = this.dueAt(this.next);
      const now = this.clock.now();
      if (now < due - SPIN_MS) {
        this.timer = this.clock.setTimer(() => this.turn(), due - SPIN_MS - now);
        return;
      }
      if (burst >= CATCH_UP_PER_TURN) {
        this.timer = this.clock.setTimer(() => this.turn(), 0);
        return;
      }
      if (now < due) this.clock.spinUntil(due);
      this.lateness.add(Math.max(0, this.clock.now() - due));
      const index = this.next++;
      burst++;
      this.send(index);
    }
  }
}
