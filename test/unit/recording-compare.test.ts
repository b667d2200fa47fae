import { describe, expect, it } from 'vitest';
import { compareRecordings } from '../../shared/recording/compare';
import type { ComparedMessage } from '../../shared/recording/compare';

const text = new TextEncoder();
let nextId = 1;
function message(topic: string, payload: string, m: number): ComparedMessage {
  return { id: nextId++, topic, payload: text.encode(payload), m };
}

function run(count: number, start = 0): ComparedMessage[] {
  return Array.from({ length: count }, (_, index) => message(`dev/${index % 3}`, `{"seq":${index},"v":${index * 2}}`, start + index * 100));
}

describe('comparing two recordings', () => {
  it('finds nothing between two identical runs', () => {
    const result = compareRecordings(run(30), run(30, 5000), { gapMs: 20 });
    expect(result.summary).toEqual({ missing: 0, extra: 0, changed: 0, timing: 0, pairs: 30 });
    expect(result.topics).toEqual([
      { topic: 'dev/0', a: 10, b: 10 },
      { topic: 'dev/1', a: 10, b: 10 },
      { topic: 'dev/2', a: 10, b: 10 },
    ]);
  });

  it('finds an injected missing message, an extra one and a changed payload, pairing by a JSON field', () => {
    const a = run(30);
    const b = run(30, 5000);
    const missing = b.splice(10, 1)[0];
    const extra = message('dev/1', '{"seq":99,"v":0}', 9000);
    b.push(extra);
    const changed = b[20];
    if (!changed || !missing) throw new Error('fixture');
    changed.payload = text.encode('{"seq":21,"v":-1}');
    const result = compareRecordings(a, b, { matchField: 'seq' });
    expect(result.missing.map((entry) => entry.id)).toEqual([a[10]?.id]);
    expect(result.extra.map((entry) => entry.id)).toEqual([extra.id]);
    expect(result.changed).toEqual([{ topic: 'dev/0', a: a[21]?.id, b: changed.id, key: '21' }]);
    expect(result.topics.find((entry) => entry.topic === 'dev/1')).toEqual({ topic: 'dev/1', a: 10, b: 10 });
  });

  it('pairs by order without a field, so one missing message shifts the rest of its topic, and reports moved intervals', () => {
    const a = [message('t', 'one', 0), message('t', 'two', 100), message('t', 'three', 200)];
    const b = [message('t', 'one', 0), message('t', 'two', 450), message('t', 'three', 550)];
    const result = compareRecordings(a, b, { gapMs: 100 });
    expect(result.summary).toMatchObject({ changed: 0, timing: 1 });
    expect(result.timing[0]).toMatchObject({ intervalA: 100, intervalB: 450 });
    const shorter = compareRecordings(a, [b[0] as ComparedMessage, b[2] as ComparedMessage]);
    expect(shorter.summary).toMatchObject({ missing: 1, changed: 1, pairs: 2 });
  });

  it('refuses a match field that is not a path', () => {
    expect(() => compareRecordings([], [], { matchField: 'a..b' })).toThrow(/^The match field: /);
  });
});
