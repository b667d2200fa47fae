import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../electron/core/app-error';
import { CoalescedSignal } from '../../electron/core/connections/coalesced-signal';
import { PendingQueue } from '../../electron/core/connections/pending-queue';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('PendingQueue', () => {
  it('keeps the order through adds, takes and a message put back, and pages oldest first', () => {
    const queue = new PendingQueue({ messages: 10_000, bytes: 1_000_000 });
    for (let index = 0; index < 3000; index++) queue.add(`t/${index}`, bytes(String(index)), 1, false);
    const taken = [];
    for (let index = 0; index < 2000; index++) taken.push(queue.shift()?.view.topic);
    expect(taken.at(0)).toBe('t/0');
    expect(taken.at(-1)).toBe('t/1999');
    const last = queue.shift();
    queue.returnToFront(last!);
    expect(queue.size).toBe(1000);
    expect(queue.page(0, 2).map((row) => row.topic)).toEqual(['t/2000', 't/2001']);
    expect(queue.page(998, 50).map((row) => row.topic)).toEqual(['t/2998', 't/2999']);
    expect(queue.page(5000, 10)).toEqual([]);
    expect(queue.bytes).toBe([...Array(1000).keys()].reduce((sum, index) => sum + String(2000 + index).length, 0));
  });

  it('refuses a message past the count limit with queue_full, counts it, and takes messages again once there is room', () => {
    const queue = new PendingQueue({ messages: 2, bytes: 1000 });
    queue.add('a', bytes('1'), 1, false);
    queue.add('a', bytes('2'), 1, false);
    const refusal = (() => {
      try {
        queue.add('a', bytes('3'), 1, false);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'queue_full', message: expect.stringMatching(/^Queue full \(2 messages\): new messages are refused/) });
    expect(queue.summary(0)).toMatchObject({ count: 2, refused: 1, overflow: 'refuse-new', limit: { messages: 2, bytes: 1000 } });
    queue.shift();
    expect(() => queue.add('a', bytes('4'), 1, false)).not.toThrow();
  });

  it('refuses a message that would pass the byte limit', () => {
    const queue = new PendingQueue({ messages: 100, bytes: 2 * 1024 * 1024 });
    queue.add('a', new Uint8Array(1024 * 1024), 0, false);
    expect(() => queue.add('a', new Uint8Array(1024 * 1024 + 1), 0, false)).toThrow(/Queue full \(2 MiB of payload\)/);
    expect(queue.summary(3)).toMatchObject({ count: 1, bytes: 1024 * 1024, inFlight: 3, refused: 1 });
    expect(queue.discard()).toBe(1);
    expect(queue.summary(0)).toMatchObject({ count: 0, bytes: 0, refused: 0 });
  });
});

describe('CoalescedSignal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires the first request at once and the many after it once per interval', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const fire = vi.fn();
    const signal = new CoalescedSignal(fire, 100);
    signal.request();
    expect(fire).toHaveBeenCalledTimes(1);
    // 200 requests a second for a second: ten more, not two hundred.
    for (let tick = 0; tick < 200; tick++) {
      signal.request();
      vi.advanceTimersByTime(5);
    }
    expect(fire.mock.calls.length).toBeGreaterThanOrEqual(10);
    expect(fire.mock.calls.length).toBeLessThanOrEqual(12);
  });

  it('drops a waiting fire when the same snapshot went out another way', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const fire = vi.fn();
    const signal = new CoalescedSignal(fire, 100);
    signal.request();
    signal.request();
    signal.fired();
    vi.advanceTimersByTime(500);
    expect(fire).toHaveBeenCalledTimes(1);
  });
});
