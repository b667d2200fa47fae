import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryNotifier, TAIL_ROWS } from '../../electron/core/messages/history-notifier';
import { MessageStore } from '../../electron/core/messages/message-store';
import type { Direction, HistoryUpdate } from '../../shared/domain/message';

const text = new TextEncoder();

function setUp(budget = {}) {
  const store = new MessageStore(budget);
  const updates: HistoryUpdate[] = [];
  const notifier = new HistoryNotifier('c1', store, (update) => updates.push(update), 50);
  const append = (count: number, direction: Direction = 'in') => {
    for (let index = 0; index < count; index++) {
      store.append({ time: 1, direction, topic: 't', qos: 0, retain: false, dup: false, size: 0 }, text.encode(`m${store.newestId + 1}`));
      notifier.noteAppended(direction);
    }
  };
  return { store, updates, notifier, append };
}

describe('the history notifier', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends at most one update per interval, with the counters and only the newest rows', () => {
    const { updates, append } = setUp();
    append(1000);
    vi.advanceTimersByTime(49);
    expect(updates).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(updates).toHaveLength(1);
    const [first] = updates;
    expect(first).toMatchObject({ connectionId: 'c1', firstId: 1, lastId: 1000, total: 1000, evicted: 0 });
    expect(first?.rows).toHaveLength(TAIL_ROWS);
    expect(first?.rows.at(0)?.id).toBe(1000 - TAIL_ROWS + 1);
    expect(first?.rows.at(-1)).toMatchObject({ id: 1000, preview: 'm1000' });
    append(3);
    vi.advanceTimersByTime(50);
    expect(updates[1]?.rows.map((row) => row.id)).toEqual([1001, 1002, 1003]);
  });

  it('reports evictions in its counters, so a view can say how many older messages went', () => {
    const { updates, append } = setUp({ maxMessages: 100 });
    append(250);
    vi.advanceTimersByTime(50);
    expect(updates.at(-1)).toMatchObject({ firstId: 151, lastId: 250, total: 100, evicted: 150 });
  });

  it('counts messages per second in each direction and settles back to zero when traffic stops', () => {
    const { updates, append } = setUp();
    append(30, 'in');
    append(5, 'out');
    vi.advanceTimersByTime(50);
    expect(updates.at(-1)?.rates).toEqual({ in: 30, out: 5 });
    vi.advanceTimersByTime(3000);
    expect(updates.at(-1)?.rates).toEqual({ in: 0, out: 0 });
    const count = updates.length;
    vi.advanceTimersByTime(5000);
    expect(updates).toHaveLength(count);
  });

  it('flushes on demand and forgets what it is told to discard', () => {
    const { updates, notifier, append } = setUp();
    append(1);
    notifier.flush();
    append(1);
    notifier.discard();
    vi.advanceTimersByTime(5000);
    expect(updates).toHaveLength(1);
  });
});
