import mqtt from 'mqtt';
import { SendLoop } from '../../electron/core/schedules/send-loop';
import { TimingHistogram } from '../../electron/core/replay/timing-histogram';
import type { TimingError } from '../../shared/domain/replay';
import { startMosquitto } from '../helpers/mosquitto';

const SECONDS = Number(process.env.BENCH_SCHEDULE_SECONDS ?? 5);

/**
 * Timed publishing's send-time error: how late each send is against its time, at 10, 100 and
 * 1,000 msg/s, publishing with MQTT.js to mosquitto. Ours is the schedule's SendLoop (times from
 * the start, a short spin before each send); the baseline is one setTimeout per message at its due
 * time, as the replay figure measures it. The schedule contract's floor is 10 ms per schedule, so
 * 1,000 msg/s is what ten schedules reach together; the loop is measured alone at 1 ms here.
 */
export async function measureScheduleTiming() {
  const broker = await startMosquitto();
  try {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
    try {
      const rates = [];
      for (const rate of [10, 100, 1000]) {
        const count = Math.max(20, rate * SECONDS);
        const baseline = await oneTimerPerMessage(client, count, 1000 / rate);
        const ours = await sendLoop(client, count, 1000 / rate);
        rates.push({ messagesPerSecond: rate, messages: count, baseline, ours, p99Ratio: baseline.p99Ms === 0 ? null : Math.round((ours.p99Ms / baseline.p99Ms) * 1000) / 1000 });
      }
      return { baselineIs: 'one setTimeout per message at its due time, publishing with MQTT.js', oursIs: 'the schedule SendLoop (electron/core/schedules/send-loop.ts)', rates };
    } finally {
      await client.endAsync();
    }
  } finally {
    await broker.stop();
  }
}

const payload = Buffer.from('x'.repeat(100));

function sendLoop(client: mqtt.MqttClient, count: number, intervalMs: number): Promise<TimingError> {
  return new Promise((resolve, reject) => {
    const loop = new SendLoop(
      { intervalMs, count, jitterMs: 0 },
      () => client.publish('bench/schedule', payload, { qos: 0 }),
      () => {
        const summary = loop.timing();
        if (summary) resolve(summary);
        else reject(new Error('The send loop sent nothing.'));
      },
    );
    loop.start();
  });
}

async function oneTimerPerMessage(client: mqtt.MqttClient, count: number, intervalMs: number): Promise<TimingError> {
  const histogram = new TimingHistogram();
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    for (let index = 0; index < count; index++) {
      const due = start + index * intervalMs;
      setTimeout(() => {
        histogram.add(Math.max(0, performance.now() - due));
        client.publish('bench/schedule', payload, { qos: 0 });
        if (++sent === count) resolve();
      }, due - performance.now());
    }
  });
  const summary = histogram.summary();
  if (!summary) throw new Error('The baseline sent nothing.');
  return summary;
}
