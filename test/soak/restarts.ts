import mqtt from 'mqtt';
import type { AppCore } from '../../electron/core/app-core';
import { defaultProfileFields } from '../../shared/domain/profile';
import { saveAndConnect } from '../helpers/core-waits';
import { countingSubscriber, outageProfile, RestartableMosquitto, SequenceCounter, SteadyPublisher, waitUntil } from '../helpers/outage-load';

export interface RestartFigures {
  restarts: number;
  perSecondEachWay: number;
  out: { sent: number; delivered: number; lost: number; duplicates: number; refused: number };
  in: { sent: number; received: number; lost: number; duplicates: number };
  reconnectMs: { median: number; worst: number; all: number[] };
  target: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
}

/**
 * Item 6(a) of issue 13: mosquitto restarted `restarts` times on one port while QoS 1 flows both
 * ways, through a connection with a persistent session: we publish (a second client counts), and we
 * subscribe (a second client publishes). Sessions survive the restarts (persistence on), so every
 * message must arrive; QoS 1 allows duplicates, which are counted.
 */
export async function measureRestarts(core: AppCore, options: { restarts: number; perSecond: number; upMs: number }): Promise<RestartFigures> {
  const broker = new RestartableMosquitto();
  const outCounter = new SequenceCounter();
  const inCounter = new SequenceCounter();
  const clients: mqtt.MqttClient[] = [];
  try {
    await broker.start();
    clients.push(await countingSubscriber(broker.port, 'soak/out/#', outCounter));
    // The app's own reconnect defaults (1 s first delay, 20% jitter): the figure a user gets.
    const profile = outageProfile(broker.port, { protocolVersion: 4, clean: false, reconnect: defaultProfileFields().reconnect });
    const connectionId = await saveAndConnect(core, profile);
    const connection = core.connections.get(connectionId);
    connection.tap.onPacket(({ packet, direction }) => {
      if (direction === 'received' && packet.cmd === 'publish' && packet.topic.startsWith('soak/in')) inCounter.note(packet.payload);
    });
    const subscribed = await core.router.dispatch('subscription.add', { connectionId, filter: 'soak/in/#', qos: 1 });
    if (!subscribed.ok) throw new Error(subscribed.error.message);

    const feeder = mqtt.connect({ host: '127.0.0.1', port: broker.port, clientId: `soak-feeder-${process.pid}`, clean: false, reconnectPeriod: 100, protocolVersion: 4 });
    feeder.on('error', () => undefined);
    clients.push(feeder);
    await new Promise<void>((resolve) => feeder.once('connect', () => resolve()));
    let fed = 0;
    const feedStarted = performance.now();
    const feedTimer = setInterval(() => {
      const due = Math.floor(((performance.now() - feedStarted) * options.perSecond) / 1000);
      // MQTT.js keeps QoS 1 messages published while it is offline in its store and sends them on reconnect.
      while (fed < due) feeder.publish('soak/in/x', String(fed++), { qos: 1 });
    }, 5);
    const publisher = new SteadyPublisher(core, connectionId, 'soak/out/x', options.perSecond);
    publisher.start();

    const times: number[] = [];
    for (let restart = 0; restart < options.restarts; restart++) {
      await new Promise((resolve) => setTimeout(resolve, options.upMs));
      await broker.stop();
      await broker.start();
      const backAt = performance.now();
      await waitUntil(() => connection.isConnected, 60_000);
      times.push(Math.round(performance.now() - backAt));
      process.stderr.write(`  restart ${restart + 1}/${options.restarts}: connected after ${times.at(-1)} ms\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.upMs));
    clearInterval(feedTimer);
    publisher.stop();
    const sentOut = publisher.sent;
    await waitUntil(() => outCounter.distinct >= sentOut - publisher.refused && inCounter.distinct >= fed, 60_000, 50);
    return {
      restarts: options.restarts,
      perSecondEachWay: options.perSecond,
      out: { sent: sentOut, delivered: outCounter.distinct, lost: outCounter.missing(sentOut).length, duplicates: outCounter.duplicates, refused: publisher.refused },
      in: { sent: fed, received: inCounter.distinct, lost: inCounter.missing(fed).length, duplicates: inCounter.duplicates },
      reconnectMs: { median: median(times), worst: Math.max(...times), all: times },
      target: '0 lost each way, reconnect ≤ 2000 ms',
    };
  } finally {
    for (const client of clients) client.end(true);
    await broker.dispose();
  }
}
