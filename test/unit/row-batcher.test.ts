import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RowBatcher } from '../../electron/core/messages/row-batcher';
import type { MessageRow } from '../../shared/domain/message';

const row = (id: number): MessageRow => ({ id, time: 0, direction: 'in', topic: 't', qos: 0, retain: false, dup: false, size: 0, preview: '' });

describe('the row batcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends at most one batch per interval, holding every row', () => {
    const batches: MessageRow[][] = [];
    const batcher = new RowBatcher((rows) => batches.push(rows), 50);
    for (let id = 1; id <= 1000; id++) batcher.push(row(id));
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(49);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1000);
    batcher.push(row(1001));
    vi.advanceTimersByTime(50);
    expect(batches.map((batch) => batch.length)).toEqual([1000, 1]);
  });

  it('flushes on demand and drops only what it is told to discard', () => {
    const batches: MessageRow[][] = [];
    const batcher = new RowBatcher((rows) => batches.push(rows), 50);
    batcher.push(row(1));
    batcher.flush();
    batcher.push(row(2));
    batcher.discard();
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([[row(1)]]);
  });
});
