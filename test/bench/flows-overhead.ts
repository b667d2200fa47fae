import type { Broker } from '../helpers/mosquitto';
import { corePipeline } from './ingest';
import { round } from './store-scale';

/**
 * What the QoS flow tracker costs the ingest pipeline: the same core pipeline draining the same
 * queued QoS 0 burst with the tracker on and off, alternating rounds, best of each. QoS 0 inbound is
 * the hot case: every message is a flow of its own.
 */
export async function measureFlowsOverhead(broker: Broker, messages: number, timeoutMs: number, rounds = 3) {
  // Warm-up so neither side pays for JIT compilation in its measured run.
  await corePipeline(broker, 20_000, timeoutMs, { flows: true });
  await corePipeline(broker, 20_000, timeoutMs, { flows: false });
  const on: number[] = [];
  const off: number[] = [];
  let lost = 0;
  for (let index = 0; index < rounds; index++) {
    const withFlows = await corePipeline(broker, messages, timeoutMs, { flows: true });
    const withoutFlows = await corePipeline(broker, messages, timeoutMs, { flows: false });
    on.push(withFlows.messagesPerSecond);
    off.push(withoutFlows.messagesPerSecond);
    lost = Math.max(lost, withFlows.lost, withoutFlows.lost);
  }
  const bestOn = Math.max(...on);
  const bestOff = Math.max(...off);
  return {
    method: 'the core pipeline drains the same burst queued in mosquitto, flow tracking on and off, alternating',
    messages,
    qos: 0,
    roundsMessagesPerSecond: { flowsOn: on, flowsOff: off },
    flowsOnMessagesPerSecond: bestOn,
    flowsOffMessagesPerSecond: bestOff,
    ratio: round(bestOn / bestOff),
    target: 'ratio ≥ 0.90 with 0 lost',
    lost,
  };
}
