import { describe, expect, it } from 'vitest';
import { exportPage } from '../../electron/core/messages/message-export';
import { findNumericFields, readSeries } from '../../electron/core/messages/message-series';
import { MessageStore } from '../../electron/core/messages/message-store';
import type { MessageFields } from '../../electron/core/messages/message-store';
import { parseJsonLines } from '../../shared/export/jsonl';
import { parseMessageCsv } from '../../shared/export/message-csv';
import { formatFieldPath, parseFieldPath } from '../../shared/series/field-path';
import type { PathSegment } from '../../shared/series/field-path';
import { payloadNumber } from '../../shared/series/payload-number';
import { downsampleMinMax } from '../../renderer/features/plot/downsample';

const text = new TextEncoder();

function append(store: MessageStore, topic: string, payload: string | Uint8Array, overrides: Partial<MessageFields> = {}): number {
  const bytes = typeof payload === 'string' ? text.encode(payload) : payload;
  return store.append({ time: 1_000 + store.size, direction: 'in', topic, qos: 0, retain: false, dup: false, size: bytes.length, ...overrides }, bytes);
}

function segments(path: string): PathSegment[] {
  const parsed = parseFieldPath(path);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.segments;
}

describe('field paths', () => {
  it('parses keys, indexes and quoted keys, and formats them back', () => {
    expect(segments('')).toEqual([]);
    expect(segments('temp')).toEqual(['temp']);
    expect(segments('a.b[0]')).toEqual(['a', 'b', 0]);
    expect(segments('[2][1].x')).toEqual([2, 1, 'x']);
    expect(segments('["odd.key"]["q\\"uote"].v')).toEqual(['odd.key', 'q"uote', 'v']);
    for (const path of ['temp', 'a.b[0]', '[2][1].x', '["odd.key"]["q\\"uote"].v', '["with space"]']) {
      expect(formatFieldPath(segments(path))).toBe(path);
    }
  });

  it('refuses malformed paths with the reason', () => {
    for (const [path, reason] of [
      ['.a', 'cannot start with "."'],
      ['a..b', 'a key is missing'],
      ['a[0', 'is not closed'],
      ['a[x]', 'must hold an array index or a quoted key'],
      ['a b', 'needs quoting'],
      ['a[0]b', 'expected "." or "["'],
    ] as const) {
      const parsed = parseFieldPath(path);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(reason);
    }
  });
});

describe('numbers in payloads', () => {
  const at = (payload: string | Uint8Array, path: string) => payloadNumber(typeof payload === 'string' ? text.encode(payload) : payload, segments(path));

  it('reads bare numbers and numbers at nested JSON paths', () => {
    expect(at('21.5', '')).toBe(21.5);
    expect(at(' -3e2\n', '')).toBe(-300);
    expect(at('{"temp":21.5}', 'temp')).toBe(21.5);
    expect(at('{"a":{"b":[7,8]}}', 'a.b[1]')).toBe(8);
    expect(at('[[1,2],[3,4]]', '[1][0]')).toBe(3);
    expect(at('{"odd.key":{"v":-0.5}}', '["odd.key"].v')).toBe(-0.5);
  });

  it('takes big numbers as the nearest double and refuses what is not a finite number', () => {
    expect(at('12345678901234567890', '')).toBe(12345678901234567000);
    expect(at('{"n":1.7976931348623157e308}', 'n')).toBe(Number.MAX_VALUE);
    expect(at('1e400', '')).toBeUndefined();
    expect(at('{"temp":"21.5"}', 'temp')).toBeUndefined();
    expect(at('{"temp":null}', 'temp')).toBeUndefined();
    expect(at('{"temp":21.5}', 'humidity')).toBeUndefined();
    expect(at('{"a":[1]}', 'a[1]')).toBeUndefined();
    expect(at('{"a":{"0":5}}', 'a[0]')).toBeUndefined();
    expect(at('{"temp":21.5}', '')).toBeUndefined();
    expect(at('21.5', 'temp')).toBeUndefined();
    expect(at('NaN', '')).toBeUndefined();
    expect(at('hot', '')).toBeUndefined();
    expect(at('', '')).toBeUndefined();
    expect(at(new Uint8Array([0x7b, 0xff, 0xfe]), 'a')).toBeUndefined();
  });
});

describe('series from the store', () => {
  it('returns the numbers of matching received messages in order, counts the ones without, and continues after an id', () => {
    const store = new MessageStore();
    append(store, 'lab/a', '{"t":1}');
    append(store, 'lab/b', '{"t":100}');
    append(store, 'lab/a', '{"t":"warm"}');
    append(store, 'lab/a', new Uint8Array([0, 1, 2]));
    const third = append(store, 'lab/a', '{"t":3}');
    append(store, 'lab/a', '{"t":999}', { direction: 'out' });

    const all = readSeries(store, 'lab/a', ['t'], 0, 100);
    expect(all.points).toEqual({ ids: [1, third], times: [1_000, 1_004], values: [1, 3] });
    expect(all.skipped).toBe(2);
    expect(all.more).toBe(false);
    expect(all.lastId).toBe(6);

    const both = readSeries(store, 'lab/+', ['t'], 0, 100);
    expect(both.points.values).toEqual([1, 100, 3]);

    const limited = readSeries(store, 'lab/+', ['t'], 0, 2);
    expect(limited.points.values).toEqual([1, 100]);
    expect(limited.more).toBe(true);
    const rest = readSeries(store, 'lab/+', ['t'], limited.lastId, 2);
    expect(rest.points.values).toEqual([3]);
    expect(rest.more).toBe(false);

    append(store, 'lab/a', '{"t":4}');
    const newer = readSeries(store, 'lab/a', ['t'], all.lastId, 100);
    expect(newer.points.values).toEqual([4]);
    expect(newer.skipped).toBe(0);
    expect(readSeries(store, 'lab/a', ['t'], newer.lastId, 100).points.ids).toEqual([]);
  });

  it('starts from the oldest message held when the ones after afterId were evicted', () => {
    const store = new MessageStore({ maxMessages: 3 });
    for (let value = 1; value <= 6; value++) append(store, 'n', String(value));
    expect(readSeries(store, 'n', [], 1, 100).points.values).toEqual([4, 5, 6]);
    expect(readSeries(new MessageStore(), 'n', [], 5, 100)).toMatchObject({ lastId: 5, more: false, skipped: 0 });
  });

  it('offers the numeric fields of recent payloads with their latest value', () => {
    const store = new MessageStore();
    append(store, 'dev/1', '{"temp":20,"meta":{"battery":90,"name":"x"},"history":[1,2]}');
    append(store, 'dev/1', '{"temp":21,"ok":true}');
    append(store, 'dev/2', '42');
    append(store, 'dev/1', 'not json');
    const found = findNumericFields(store, 'dev/1');
    expect(found.examined).toBe(3);
    expect(found.fields).toEqual([
      { path: 'temp', sample: 21 },
      { path: 'meta.battery', sample: 90 },
      { path: 'history[0]', sample: 1 },
      { path: 'history[1]', sample: 2 },
    ]);
    expect(findNumericFields(store, 'dev/+').fields[0]).toEqual({ path: '', sample: 42 });
  });
});

describe('export pages from the store', () => {
  it('chains pages by id, fixes the end at the first page, and counts messages evicted in between', () => {
    const store = new MessageStore({ maxMessages: 10 });
    for (let index = 0; index < 6; index++) append(store, index % 2 === 0 ? 'keep' : 'drop', `m${index}`);
    const first = exportPage(store, { filter: 'keep' }, 'jsonl', undefined, 2);
    expect(first).toMatchObject({ remaining: 3, exported: 2, next: { afterId: 3, untilId: 6 } });
    expect(parseJsonLines(first.text).map((message) => message.id)).toEqual([1, 3]);
    // Arrivals after the first page are outside the export; evictions are counted.
    for (let index = 0; index < 8; index++) append(store, 'keep', `late${index}`);
    const second = exportPage(store, { filter: 'keep' }, 'jsonl', first.next, 2);
    // Ids 1 to 4 were evicted; only id 4 was after the cursor.
    expect(second.evictedDuringExport).toBe(1);
    expect(parseJsonLines(second.text).map((message) => message.id)).toEqual([5]);
    expect(second.next).toBeUndefined();
  });

  it('starts a CSV export with the header only on the first page', () => {
    const store = new MessageStore();
    for (let index = 0; index < 3; index++) append(store, 't', `m${index}`);
    const first = exportPage(store, {}, 'csv', undefined, 2);
    const second = exportPage(store, {}, 'csv', first.next, 2);
    expect(second.text.startsWith('id,')).toBe(false);
    expect(parseMessageCsv(first.text + second.text).map((message) => new TextDecoder().decode(message.payload))).toEqual(['m0', 'm1', 'm2']);
    expect(exportPage(new MessageStore(), {}, 'csv', undefined, 5)).toMatchObject({ remaining: 0, exported: 0, text: first.text.slice(0, first.text.indexOf('\r\n') + 2) });
  });
});

describe('downsampling for drawing', () => {
  it('keeps short series whole and keeps the extremes of each run of a long one', () => {
    const short = downsampleMinMax([1, 2, 3], [5, 6, 7], 10);
    expect(short).toEqual({ times: [1, 2, 3], values: [5, 6, 7] });
    const times = Array.from({ length: 1000 }, (_, index) => index);
    const values = times.map((index) => (index === 567 ? 1000 : index === 123 ? -1000 : index % 10));
    const drawn = downsampleMinMax(times, values, 100);
    expect(drawn.times.length).toBeLessThanOrEqual(100);
    expect(drawn.values).toContain(1000);
    expect(drawn.values).toContain(-1000);
    expect(drawn.times).toEqual([...drawn.times].sort((a, b) => a - b));
  });
});
