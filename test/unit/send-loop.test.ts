import { describe, expect, it } from 'vitest';
import { SPIN_MS, SendLoop } from '../../electron/core/schedules/send-loop';
import type { LoopClock } from '../../electron/core/schedules/send-loop';
import { seededRandom } from '../helpers/seeded-random';

/**
 * A clock whose timers fire late by what `lateness` says, as a busy event loop's do: the loop
 * must keep to its grid anyway.
 */
class FakeClock implements LoopClock {
  time = 1000;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private ids = 0;

  constructor(private readonly lateness: () => number = () => 0) {}

  now(): number {
    return this.time;
  }
  setTimer(callback: () => void, delayMs: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.time + Math.max(0, delayMs) + this.lateness(), callback, id });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  spinUntil(timeMs: number): void {
    this.time = Math.max(this.time, timeMs);
  }
  /** Runs the timers due up to `until`, in time order. */
  runUntil(until: number): void {
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const timer = this.timers[0];
      if (!timer || timer.at > until) break;
      this.timers.shift();
      this.time = Math.max(this.time, timer.at);
      timer.callback();
    }
    this.time = Math.max(this.time, until);
  }
  get pending(): number {
    return this.timers.length;
  }
}

function run(plan: { intervalMs: number; count?: number; jitterMs: number }, clock: FakeClock, random = seededRandom(3)) {
  const sends: { index: number; at: number }[] = [];
  let finished = false;
  const loop = new SendLoop(plan, (index) => sends.push({ index, at: clock.now() }), () => (finished = true), clock, random);
  loop.start();
  return { loop, sends, isFinished: () => finished };
}

describe('the send loop keeps to its grid', () => {
  it('sends at start + n × interval however late its timers fire, where one timer per interval drifts', () => {
    const random = seededRandom(11);
    // Timers fire 0 to 4 ms late, as on a loaded machine.
    const clock = new FakeClock(() => random() * 4);
    const start = clock.time;
    const { sends, isFinished } = run({ intervalMs: 10, count: 1000, jitterMs: 0 }, clock);
    clock.runUntil(start + 20_000);
    expect(isFinished()).toBe(true);
    expect(sends.map((send) => send.index)).toEqual([...Array(1000).keys()]);
    for (const send of sends) {
      const due = start + send.index * 10;
      expect(send.at).toBeGreaterThanOrEqual(due);
      // Late by at most one timer's lateness less the spin margin: never the sum of all before it.
      expect(send.at - due).toBeLessThanOrEqual(4 - SPIN_MS + 1e-9);
    }
    // The last send is where the grid puts it, 9.99 s after the first.
    expect((sends.at(-1)?.at ?? 0) - start).toBeLessThan(9990 + 4);

    // What the naive scheduler (the next timer set from the previous send) does on the same clock.
    const naiveClock = new FakeClock(() => random() * 4);
    const naiveStart = naiveClock.time;
    let naiveSent = 0;
    let lastAt = 0;
    const tick = () => {
      lastAt = naiveClock.now();
      if (++naiveSent < 1000) naiveClock.setTimer(tick, 10);
    };
    naiveClock.setTimer(tick, 0);
    naiveClock.runUntil(naiveStart + 30_000);
    expect(lastAt - naiveStart).toBeGreaterThan(9990 + 1000);
  });

  it('sends exactly the count asked for, then finishes and leaves no timer behind', () => {
    const clock = new FakeClock();
    const { sends, isFinished } = run({ intervalMs: 10, count: 5, jitterMs: 0 }, clock);
    clock.runUntil(clock.time + 1000);
    expect(sends).toHaveLength(5);
    expect(isFinished()).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('sends the first message at once', () => {
    const clock = new FakeClock();
    const start = clock.time;
    const { sends } = run({ intervalMs: 1000, jitterMs: 0 }, clock);
    expect(sends).toEqual([{ index: 0, at: start }]);
  });

  it('stops on its own, leaving no timer', () => {
    const clock = new FakeClock();
    const { loop, sends, isFinished } = run({ intervalMs: 10, jitterMs: 0 }, clock);
    clock.runUntil(clock.time + 95);
    loop.stop();
    clock.runUntil(clock.time + 1000);
    expect(sends).toHaveLength(10);
    expect(isFinished()).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('catches up, in order, after the event loop was blocked, then returns to the grid', () => {
    const clock = new FakeClock();
    const start = clock.time;
    const { sends } = run({ intervalMs: 10, count: 30, jitterMs: 0 }, clock);
    // Blocked for 95 ms: nothing fires until then.
    clock.time = start + 95;
    clock.runUntil(start + 95);
    expect(sends.map((send) => send.index)).toEqual([...Array(10).keys()]);
    clock.runUntil(start + 1000);
    expect(sends.map((send) => send.index)).toEqual([...Array(30).keys()]);
    expect(sends.at(-1)?.at).toBe(start + 290);
  });

  it('puts each send within its jitter after its place on the grid, keeping the order', () => {
    const clock = new FakeClock();
    const start = clock.time;
    const { sends } = run({ intervalMs: 20, count: 500, jitterMs: 15 }, clock, seededRandom(8));
    clock.runUntil(start + 20_000);
    expect(sends).toHaveLength(500);
    const offsets = sends.map((send) => send.at - (start + send.index * 20));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThanOrEqual(15);
    // Spread over the range, not stuck at one end.
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(10);
    for (let index = 1; index < sends.length; index++) expect(sends[index]?.at ?? 0).toBeGreaterThanOrEqual(sends[index - 1]?.at ?? 0);
  });
});
