import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../../shared/contract';
import { HistoryCoalescer } from '../../electron/web/history-coalescer';

function appended(connectionId: string, lastId: number): EventEnvelope {
  return {
    name: 'messages.appended',
    payload: { connectionId, firstId: 1, lastId, total: lastId, evicted: 0, rows: [], rates: { in: 0, out: 0 } },
  };
}

function harness() {
  const sent: string[] = [];
  const sink = { bufferedAmount: 0, send: (frame: string) => sent.push(frame) };
  const coalescer = new HistoryCoalescer(sink, 1000);
  const send = (envelope: EventEnvelope) => coalescer.send(envelope, JSON.stringify(envelope));
  return { sent, sink, coalescer, send };
}

describe('the history coalescer of a web socket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends every update while the socket keeps up', () => {
    const { sent, send } = harness();
    for (let id = 1; id <= 5; id++) send(appended('a', id));
    expect(sent).toHaveLength(5);
  });

  it('keeps only the newest update per connection while the socket is behind, and sends it once drained', () => {
    const { sent, sink, coalescer, send } = harness();
    sink.bufferedAmount = 5000;
    for (let id = 1; id <= 100; id++) send(appended('a', id));
    send(appended('b', 7));
    send({ name: 'connection.removed', payload: { connectionId: 'x' } });
    expect(sent.map((frame) => JSON.parse(frame).name)).toEqual(['connection.removed']);
    expect(coalescer.waiting).toBe(2);
    vi.advanceTimersByTime(200);
    expect(sent).toHaveLength(1);
    sink.bufferedAmount = 0;
    vi.advanceTimersByTime(50);
    const updates = sent.slice(1).map((frame) => JSON.parse(frame).payload);
    expect(updates.map((update) => [update.connectionId, update.lastId])).toEqual([
      ['a', 100],
      ['b', 7],
    ]);
    expect(coalescer.waiting).toBe(0);
  });

  it('drops a held update when its history is cleared, so old counts do not come back', () => {
    const { sent, sink, send } = harness();
    sink.bufferedAmount = 5000;
    send(appended('a', 9));
    send({ name: 'messages.cleared', payload: { connectionId: 'a' } });
    sink.bufferedAmount = 0;
    vi.advanceTimersByTime(100);
    expect(sent.map((frame) => JSON.parse(frame).name)).toEqual(['messages.cleared']);
  });
});
