import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { EventPayload } from '../../shared/contract';
import type { TopicNodeView, TopicTreeRow } from '../../shared/domain/topic-tree';
import { watchHistory, saveAndConnect } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

async function invoke<T>(core: AppCore, channel: string, input: unknown): Promise<T> {
  const result = await core.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

type Rows = { total: number; rows: TopicTreeRow[]; located?: number; topicCount: number; messageCount: number };

/** The retained messages a brand-new client gets when it subscribes to everything. */
async function retainedSeenByFreshSubscriber(port: number): Promise<Map<string, string>> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clean: true });
  try {
    const seen = new Map<string, string>();
    let pinged!: () => void;
    const ping = new Promise<void>((resolve) => (pinged = resolve));
    client.on('message', (topic, payload, packet) => {
      if (topic === 'fresh/ping') pinged();
      else if (packet.retain) seen.set(topic, payload.toString());
    });
    await client.subscribeAsync(['#', 'fresh/ping'], { qos: 1 });
    // The broker sends the retained messages on SUBSCRIBE, before anything published after it:
    // once our own ping comes back, every retained message has arrived.
    await client.publishAsync('fresh/ping', 'ping', { qos: 1 });
    await ping;
    return seen;
  } finally {
    await client.endAsync();
  }
}

describe('topic tree against a real mosquitto', () => {
  let broker: Broker;
  let core: AppCore;
  let peer: mqtt.MqttClient;

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(async () => {
    await peer?.endAsync();
    await core?.close();
  });

  async function connected(): Promise<string> {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port));
    peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
    return connectionId;
  }

  it('builds the tree from received messages and reports changed topics in a few coalesced events', async () => {
    const connectionId = await connected();
    const feed = watchHistory(core, connectionId);
    const changes: { topics: string[]; reset: boolean }[] = [];
    core.bus.subscribe((envelope) => {
      if (envelope.name !== 'topics.changed') return;
      const change = envelope.payload as EventPayload<'topics.changed'>;
      if (change.connectionId === connectionId) changes.push(change);
    });
    await invoke(core, 'subscription.add', { connectionId, filter: 'plant/#', qos: 1 });
    const sent: string[] = [];
    for (let index = 0; index < 300; index++) {
      const topic = `plant/line${index % 3}/machine${index % 20}`;
      sent.push(topic);
      peer.publish(topic, `${index}`, { qos: 1 });
    }
    await feed.waitForRows(300);
    const shown = await invoke<Rows>(core, 'topics.rows', { connectionId, expanded: ['plant', 'plant/line1'], from: 0, count: 100 });
    const distinct = new Set(sent);
    expect([shown.messageCount, shown.topicCount]).toEqual([300, distinct.size]);
    // plant, line0, line1 and its machines, line2.
    const line1Topics = [...new Set(sent.filter((topic) => topic.startsWith('plant/line1/')))];
    expect(shown.total).toBe(4 + line1Topics.length);
    const plant = shown.rows[0] as TopicTreeRow;
    expect([plant.topic, plant.subtreeCount, plant.count, plant.expanded, plant.level]).toEqual(['plant', 300, 0, true, 1]);
    const line1 = shown.rows.find((row) => row.topic === 'plant/line1') as TopicTreeRow;
    expect([line1.subtreeCount, line1.childCount, line1.level]).toEqual([100, line1Topics.length, 2]);
    const machine = shown.rows.find((row) => row.topic === 'plant/line1/machine1') as TopicTreeRow;
    const lastIndex = sent.lastIndexOf('plant/line1/machine1');
    expect([machine.count, machine.last?.preview, machine.level]).toEqual([sent.filter((topic) => topic === 'plant/line1/machine1').length, String(lastIndex), 3]);

    await expect.poll(() => new Set(changes.flatMap((change) => change.topics)).size, { timeout: 5000 }).toBe(distinct.size);
    expect(changes.length).toBeLessThan(30);

    await invoke(core, 'message.clear', { connectionId });
    expect(changes.at(-1)?.reset).toBe(true);
    const cleared = await invoke<Rows>(core, 'topics.rows', { connectionId, expanded: ['plant'], from: 0, count: 100 });
    expect([cleared.total, cleared.messageCount]).toEqual([0, 0]);
  });

  it('deletes a retained message, and all under a node, so a fresh subscriber no longer gets them', async () => {
    const connectionId = await connected();
    const retained = { 'home/kitchen/temp': '21.5', 'home/kitchen/light': 'on', 'home/hall/temp': '19', 'home/attic': 'dusty', 'garden/rain': '2mm' };
    for (const [topic, value] of Object.entries(retained)) await peer.publishAsync(topic, value, { qos: 1, retain: true });
    await peer.publishAsync('home/kitchen/door', 'closed', { qos: 1 });
    expect(await retainedSeenByFreshSubscriber(broker.port)).toEqual(new Map(Object.entries(retained)));

    // Subscribing after they were published is what delivers them with the retain flag.
    const feed = watchHistory(core, connectionId);
    await invoke(core, 'subscription.add', { connectionId, filter: 'home/#', qos: 1 });
    await invoke(core, 'subscription.add', { connectionId, filter: 'garden/#', qos: 1 });
    await feed.waitForRows(5);
    const node = async (topic: string) => (await invoke<{ node: TopicNodeView | null }>(core, 'topics.node', { connectionId, topic })).node;
    expect((await node('home'))?.retainedCount).toBe(4);
    expect((await node('home/kitchen/temp'))?.retained).toBe(true);
    expect(await invoke(core, 'topics.retainedUnder', { connectionId, topic: 'home/kitchen', recursive: true })).toEqual({ count: 2 });
    expect(await invoke(core, 'topics.retainedUnder', { connectionId, topic: 'home/attic', recursive: false })).toEqual({ count: 1 });

    expect(await invoke(core, 'topics.clearRetained', { connectionId, topic: 'home/attic', recursive: false })).toEqual({ cleared: 1 });
    expect((await node('home/attic'))?.retained).toBe(false);
    const afterSingle = await retainedSeenByFreshSubscriber(broker.port);
    expect(afterSingle.has('home/attic')).toBe(false);
    expect(afterSingle.get('home/kitchen/temp')).toBe('21.5');

    expect(await invoke(core, 'topics.clearRetained', { connectionId, topic: 'home/kitchen', recursive: true })).toEqual({ cleared: 2 });
    expect(await invoke(core, 'topics.retainedUnder', { connectionId, topic: 'home', recursive: true })).toEqual({ count: 1 });
    const afterSubtree = await retainedSeenByFreshSubscriber(broker.port);
    expect(afterSubtree).toEqual(new Map([['home/hall/temp', '19'], ['garden/rain', '2mm']]));

    // The broker passes each deletion on to this subscriber as an empty message; the tree counts those.
    await feed.waitForRows(5 + 3 * 2);
    expect((await node('home/kitchen/temp'))?.count).toBe(2);
    expect((await node('home/kitchen/temp'))?.last?.size).toBe(0);
    expect((await node('garden'))?.retainedCount).toBe(1);
  });

  it('counts every message of a burst twenty times the budget, though the store evicts most before any flush', async () => {
    core = createTempCore();
    await invoke(core, 'settings.save', { settings: { history: { maxMessages: 1000, maxPayloadMB: 16 } } });
    const connectionId = await saveAndConnect(core, profileFor(broker.port));
    peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
    await invoke(core, 'subscription.add', { connectionId, filter: 'burst/#', qos: 1 });
    const total = 20_000;
    await Promise.all(Array.from({ length: total }, (_, index) => peer.publishAsync(`burst/sensor${index % 50}`, String(index), { qos: 1 })));
    const { store } = core.connections.get(connectionId);
    await expect.poll(() => store.newestId, { timeout: 30_000 }).toBeGreaterThanOrEqual(total);
    expect(store.evicted).toBe(total - 1000);
    const shown = await invoke<Rows>(core, 'topics.rows', { connectionId, expanded: [], from: 0, count: 10 });
    expect([shown.messageCount, shown.topicCount]).toEqual([total, 50]);
    const sensor7 = (await invoke<{ node: TopicNodeView | null }>(core, 'topics.node', { connectionId, topic: 'burst/sensor7' })).node;
    expect([sensor7?.count, sensor7?.last?.preview]).toEqual([total / 50, String(total - 50 + 7)]);
  }, 60_000);

  it('refuses to delete a retained message of a topic that cannot be published to', async () => {
    const connectionId = await connected();
    const result = await core.router.dispatch('topics.clearRetained', { connectionId, topic: '', recursive: false });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'invalid_input', message: 'topic: Topic must not be empty.' });
  });
});
