import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../shared/mqtt/backoff';

const options = { initialDelayMs: 1000, maxDelayMs: 30_000, jitterPercent: 20 };
const noJitter = { ...options, jitterPercent: 0 };

describe('the reconnect backoff', () => {
  it('doubles from the first delay, one attempt after another', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => reconnectDelay(attempt, noJitter))).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it('never waits longer than the longest delay', () => {
    expect([6, 7, 50].map((attempt) => reconnectDelay(attempt, noJitter))).toEqual([30_000, 30_000, 30_000]);
  });

  it('stays finite however many attempts there were', () => {
    expect(reconnectDelay(1_000_000, noJitter)).toBe(30_000);
  });

  it('takes attempt 0 or less as the first', () => {
    expect(reconnectDelay(0, noJitter)).toBe(1000);
    expect(reconnectDelay(-3, noJitter)).toBe(1000);
  });

  it('takes up to jitterPercent off the delay, as the random number says', () => {
    expect(reconnectDelay(1, options, () => 0)).toBe(1000);
    expect(reconnectDelay(1, options, () => 0.5)).toBe(900);
    expect(reconnectDelay(1, options, () => 0.999_999)).toBe(800);
    expect(reconnectDelay(10, options, () => 0.5)).toBe(27_000);
  });

  it('spreads many clients over the whole jitter range', () => {
    const randoms = [0, 0.25, 0.5, 0.75];
    expect(randoms.map((random) => reconnectDelay(2, options, () => random))).toEqual([2000, 1900, 1800, 1700]);
  });

  it('keeps to the first delay when the first and the longest are the same', () => {
    expect(reconnectDelay(5, { initialDelayMs: 500, maxDelayMs: 500, jitterPercent: 0 })).toBe(500);
  });
});
