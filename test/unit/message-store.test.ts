import { describe, expect, it } from 'vitest';
import { MessageStore } from '../../electron/core/messages/message-store';
import type { MessageFields } from '../../electron/core/messages/message-store';
import { queryPositions } from '../../electron/core/messages/message-query';

const text = new TextEncoder();

function fields(topic: string, overrides: Partial<MessageFields> = {}): MessageFields {
  return { time: 1000, direction: 'in', topic, qos: 0, retain: false, dup: false, size: 0, ...overrides };
}

function fill(store: MessageStore, count: number, topic = 'lab/t'): void {
  for (let index = 0; index < count; index++) store.append(fields(topic), text.encode(`message ${index}`));
}

describe('the message store', () => {
  it('returns rows with sequential ids, a preview and every flag', () => {
    const store = new MessageStore();
    expect(store.append(fields('a/b', { qos: 2, retain: true, dup: true, direction: 'out', packetId: 7 }), text.encode('hello'))).toBe(1);
    expect(store.append(fields('a/c'), text.encode('world'))).toBe(2);
    const [first, second] = store.rows(0, 2);
    if (!first || !second) throw new Error('two rows expected');
    expect(first).toEqual({ id: 1, time: 1000, direction: 'out', topic: 'a/b', qos: 2, retain: true, dup: true, size: 5, preview: 'hello', packetId: 7 });
    expect(second).toMatchObject({ id: 2, topic: 'a/c', qos: 0, retain: false, dup: false, direction: 'in' });
    expect(second.packetId).toBeUndefined();
    expect(store.rows(0, 10)).toEqual([first, second]);
    expect(store.get(1)?.row).toEqual(first);
  });

  it('evicts the oldest messages at the message budget and counts them', () => {
    const store = new MessageStore({ maxMessages: 3000 });
    fill(store, 5000);
    expect(store.size).toBe(3000);
    expect(store.evicted).toBe(2000);
    expect(store.get(2000)).toBeUndefined();
    expect(store.get(2001)?.row.preview).toBe('message 2000');
    expect(store.rows(0, 1)[0]).toMatchObject({ id: 2001, preview: 'message 2000' });
    expect(store.rows(2999, 5).map((row) => row.id)).toEqual([5000]);
  });

  it('evicts at the payload byte budget, and keeps a payload larger than the whole budget alone', () => {
    const store = new MessageStore({ maxPayloadBytes: 250 });
    for (let index = 0; index < 5; index++) store.append(fields('a'), new Uint8Array(100).fill(index));
    expect(store.size).toBe(2);
    expect(store.evicted).toBe(3);
    expect(store.storedPayloadBytes).toBe(200);
    store.append(fields('a'), new Uint8Array(1000).fill(9));
    expect(store.size).toBe(1);
    expect(store.evicted).toBe(5);
    expect(store.get(6)?.payload).toEqual(new Uint8Array(1000).fill(9));
  });

  it('keeps ids stable across clear and eviction: a new message never reuses an old id', () => {
    const store = new MessageStore({ maxMessages: 4 });
    fill(store, 6);
    store.clear();
    expect(store.size).toBe(0);
    expect(store.evicted).toBe(0);
    expect(store.get(6)).toBeUndefined();
    expect(store.append(fields('a'), text.encode('after'))).toBe(7);
    expect([store.oldestId, store.newestId]).toEqual([7, 7]);
    expect(store.get(7)?.row.preview).toBe('after');
  });

  it('stores a 10 MB payload whole and byte-exact', () => {
    const store = new MessageStore();
    const payload = new Uint8Array(10 * 1024 * 1024);
    for (let index = 0; index < payload.length; index++) payload[index] = (index * 31 + 7) & 0xff;
    store.append(fields('big'), text.encode('small before'));
    const id = store.append(fields('big'), payload);
    store.append(fields('big'), text.encode('small after'));
    expect(store.get(id)?.row.size).toBe(payload.length);
    expect(Buffer.compare(Buffer.from(store.get(id)?.payload ?? []), Buffer.from(payload))).toBe(0);
    expect(store.get(id + 1)?.row.preview).toBe('small after');
  });

  it('keeps MQTT 5 properties only for the messages that had them, and drops them on eviction', () => {
    const store = new MessageStore({ maxMessages: 2 });
    store.append(fields('a', { properties: { contentType: 'text/plain' } }), text.encode('x'));
    store.append(fields('a'), text.encode('y'));
    expect(store.get(1)?.properties).toEqual({ contentType: 'text/plain' });
    expect(store.get(2)?.properties).toBeUndefined();
    store.append(fields('a'), text.encode('z'));
    expect(store.get(1)).toBeUndefined();
  });
});

describe('message queries', () => {
  function sample(): MessageStore {
    const store = new MessageStore({ maxMessages: 100 });
    store.append(fields('sensors/kitchen/temp'), text.encode('{"t":21.5}'));
    store.append(fields('sensors/kitchen/humidity', { qos: 1 }), text.encode('{"h":40}'));
    store.append(fields('sensors/hall/temp', { direction: 'out', retain: true }), text.encode('{"t":19}'));
    store.append(fields('$SYS/broker/uptime'), text.encode('12 seconds'));
    store.append(fields('sensors/hall/temp/raw', { qos: 2 }), new Uint8Array([0xff, 0x00, 0x74]));
    return store;
  }
  const ids = (store: MessageStore, positions: Uint32Array) => Array.from(positions, (position) => store.rowAt(position).id);

  it.each([
    [{ filter: 'sensors/+/temp' }, [1, 3]],
    [{ filter: '#' }, [1, 2, 3, 5]],
    [{ filter: '$SYS/#' }, [4]],
    [{ filter: 'sensors/hall/#' }, [3, 5]],
    [{ direction: 'out' as const }, [3]],
    [{ qos: 1 as const }, [2]],
    [{ retained: true }, [3]],
    [{ retained: false, filter: 'sensors/#' }, [1, 2, 5]],
    [{ text: '"t":' }, [1, 3]],
    [{ text: 'seconds', filter: '#' }, []],
    [{ text: '^\\{"[th]":\\d+\\}$', regex: true }, [2, 3]],
  ])('%j matches %j', (criteria, expected) => {
    const store = sample();
    expect(ids(store, queryPositions(store, criteria))).toEqual(expected);
  });

  it('never matches text across the boundary between two payloads', () => {
    const store = new MessageStore();
    store.append(fields('a'), text.encode('abc'));
    store.append(fields('a'), text.encode('def'));
    expect(queryPositions(store, { text: 'cd' }).length).toBe(0);
    expect(queryPositions(store, { text: 'de' }).length).toBe(1);
    for (const payload of ['abab', 'xab', 'b', 'a', 'ab']) store.append(fields('a'), text.encode(payload));
    expect(Array.from(queryPositions(store, { text: 'ab' }))).toEqual([0, 2, 3, 6]);
  });

  it('counts positions from the oldest message held after eviction', () => {
    const store = new MessageStore({ maxMessages: 3 });
    for (const topic of ['x/1', 'y/1', 'x/2', 'x/3', 'y/2']) store.append(fields(topic), text.encode(topic));
    const positions = queryPositions(store, { filter: 'x/+' });
    expect(Array.from(positions)).toEqual([0, 1]);
    expect(ids(store, positions)).toEqual([3, 4]);
  });
});

describe('changing the budget of a store', () => {
  it('evicts the oldest at once when the budget shrinks, and keeps order and ids', () => {
    const store = new MessageStore({ maxMessages: 5000 });
    fill(store, 3000);
    store.setBudget({ maxMessages: 1000, maxPayloadBytes: 512 * 1024 * 1024 });
    expect([store.size, store.evicted, store.oldestId, store.newestId]).toEqual([1000, 2000, 2001, 3000]);
    expect(store.rows(0, 1)[0]?.preview).toBe('message 2000');
    fill(store, 10);
    expect([store.size, store.evicted]).toEqual([1000, 2010]);
    expect(store.rows(999, 1)[0]?.preview).toBe('message 9');
  });

  it('tells its eviction listeners before a shrinking budget evicts, while every message is still held', () => {
    const store = new MessageStore({ maxMessages: 5000 });
    fill(store, 3000);
    const seen: [number, number, number][] = [];
    const off = store.onBeforeEvict((newestId) => seen.push([newestId, store.oldestId, store.size]));
    store.setBudget({ maxMessages: 1000, maxPayloadBytes: 512 * 1024 * 1024 });
    expect(seen).toEqual([[3000, 1, 3000]]);
    off();
    fill(store, 10);
    expect(seen).toHaveLength(1);
  });

  it('grows again when the budget is raised, keeping a wrapped ring in order', () => {
    const store = new MessageStore({ maxMessages: 1500 });
    fill(store, 2000);
    store.setBudget({ maxMessages: 4000, maxPayloadBytes: 512 * 1024 * 1024 });
    fill(store, 2000);
    expect([store.size, store.evicted]).toEqual([3500, 500]);
    expect(store.rows(0, 2).map((row) => row.preview)).toEqual(['message 500', 'message 501']);
    expect(store.rows(3499, 1)[0]?.preview).toBe('message 1999');
  });

  it('evicts by payload bytes when only the byte budget shrinks', () => {
    const store = new MessageStore();
    for (let index = 0; index < 10; index++) store.append(fields('a'), new Uint8Array(100));
    store.setBudget({ maxMessages: 1000, maxPayloadBytes: 350 });
    expect([store.size, store.evicted, store.storedPayloadBytes]).toEqual([3, 7, 300]);
  });
});
