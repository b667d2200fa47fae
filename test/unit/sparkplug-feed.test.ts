import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessageStore, type MessageFields } from '../../electron/core/messages/message-store';
import { attachSparkplugFeed } from '../../electron/core/payload-decoders/sparkplug-feed';

// Tahu-encoded fixtures; see test/unit/payload-sparkplug.test.ts for where they come from.
const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../fixtures/sparkplug', name)));
const fields = (topic: string, direction: 'in' | 'out'): MessageFields => ({ time: 0, direction, topic, qos: 0, retain: false, dup: false, size: 0 });

describe("a session's Sparkplug feed", () => {
  it('keeps sent and received copies apart, so an edge node that hears itself shows no seq gap', () => {
    const store = new MessageStore();
    const feed = attachSparkplugFeed(store);
    for (const [topic, file] of [['spBv1.0/g/NBIRTH/e', 'nbirth.bin'], ['spBv1.0/g/NDATA/e', 'ndata.bin']] as const) {
      store.append(fields(topic, 'out'), fixture(file));
      store.append(fields(topic, 'in'), fixture(file));
    }
    const received = feed.bookFor('in').describe(4, 'spBv1.0/g/NDATA/e', fixture('ndata.bin'));
    expect(received.notes).toEqual(['Metric names resolved from the NBIRTH of edge node e (message #2).']);
    expect(feed.bookFor('out').describe(3, 'spBv1.0/g/NDATA/e', fixture('ndata.bin')).notes).toEqual(['Metric names resolved from the NBIRTH of edge node e (message #1).']);
  });

  it('has read a birth before the store evicts it, so later data still gets names', () => {
    const store = new MessageStore({ maxMessages: 2 });
    const feed = attachSparkplugFeed(store);
    store.append(fields('spBv1.0/g/NBIRTH/e', 'in'), fixture('nbirth.bin'));
    store.append(fields('other', 'in'), Uint8Array.of(1));
    store.append(fields('other', 'in'), Uint8Array.of(2));
    store.append(fields('spBv1.0/g/NDATA/e', 'in'), fixture('ndata.bin'));
    expect(store.oldestId).toBe(3);
    const { json } = feed.bookFor('in').describe(4, 'spBv1.0/g/NDATA/e', fixture('ndata.bin'));
    expect((json as { metrics: { name?: string }[] }).metrics[0]?.name).toBe('Temperature');
  });
});
