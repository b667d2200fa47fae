/**
 * The built-in broker's throughput ÷ mosquitto's, in the same run, with the same load: one publisher
 * process and one subscriber process (holding 1 or 10 connections), raw sockets, 100-byte payloads,
 * MQTT 3.1.1, QoS 0 and QoS 1. The built-in broker runs here, in this process, as the app runs it:
 * the BrokerService with its packet tap (always on: every packet both ways is framed, parsed and
 * logged). Its CPU time comes from process.cpuUsage(); mosquitto's from /proc/PID/stat.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrokerService } from '../../electron/core/broker/broker-service';
import { EventBus } from '../../electron/core/event-bus';
import { defaultBrokerSettings } from '../../shared/domain/broker';
import { freePort } from '../helpers/free-port';
import { startMosquitto } from '../helpers/mosquitto';

export interface Scenario {
  qos: 0 | 1;
  subscribers: number;
  /** Messages published; each subscriber receives all of them. */
  messages: number;
}

interface BrokerUnderTest {
  port: number;
  /** CPU µs the broker has used so far. */
  cpuMicros(): number;
}

export interface ThroughputRun {
  /** Messages delivered to subscribers per second, from the first delivery to the last. */
  deliveriesPerSecond: number;
  lost: number;
  /** The broker's CPU per published message (each reaching every subscriber), from publish start to last delivery. */
  cpuMicrosPerMessage: number;
  /** The subscriber process's CPU time ÷ the wall time it was receiving: near 1, it may have set the pace. */
  subscriberBusy: number;
}

const loadClient = join(import.meta.dirname, 'broker-load-client.mjs');
/** /proc/PID/stat counts in clock ticks; Linux reports 100 a second to user space (sysconf CLK_TCK). */
const TICK_MICROS = 10_000;

function procCpuMicros(pid: number): number {
  // The command name may hold spaces; the fields after its closing parenthesis are fixed.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
}

function ownCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Runs a load client to its end; resolves with its stdout lines, calling `onLine` as they come. */
function runLoadClient(args: string[], onLine: (line: string) => void = () => undefined): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [loadClient, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    let partial = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        onLine(line);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(lines) : reject(new Error(`broker-load-client ${args.join(' ')} exited with ${code}`))));
  });
}

const round2 = (value: number) => Math.round(value * 100) / 100;

async function runOnce(broker: BrokerUnderTest, scenario: Scenario): Promise<ThroughputRun> {
  const { qos, subscribers, messages } = scenario;
  let ready: () => void = () => undefined;
  const subscribed = new Promise<void>((resolve) => (ready = resolve));
  const subscriber = runLoadClient(['sub', String(broker.port), String(subscribers), String(qos), String(messages)], (line) => {
    if (line === 'ready') ready();
  });
  await Promise.race([subscribed, subscriber]);
  const cpuBefore = broker.cpuMicros();
  await runLoadClient(['pub', String(broker.port), String(qos), String(messages)]);
  const lines = await subscriber;
  const cpuUsed = broker.cpuMicros() - cpuBefore;
  const result = JSON.parse(lines.find((line) => line.startsWith('{')) ?? '{}') as { received?: number; seconds?: number; busyShare?: number };
  const received = result.received ?? 0;
  return {
    deliveriesPerSecond: Math.round(received / Math.max(1e-6, result.seconds ?? 0)),
    lost: messages * subscribers - received,
    cpuMicrosPerMessage: Math.round((cpuUsed / messages) * 100) / 100,
    subscriberBusy: round2(result.busyShare ?? 0),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Each scenario: a warm-up on each broker, then `rounds` pairs alternating the two; medians and the median of the pairs' ratios. */
export async function measureBrokerThroughput(scenarios: Scenario[], rounds: number, progress: (text: string) => void) {
  const mosquitto = await startMosquitto();
  const ours = new BrokerService({ bus: new EventBus() });
  const port = await freePort();
  await ours.saveSettings({ ...defaultBrokerSettings(), tcpPort: port, users: [] });
  await ours.start();
  const mosquittoPid = mosquitto.pid ?? 0;
  const brokers = {
    mosquitto: { port: mosquitto.port, cpuMicros: () => procCpuMicros(mosquittoPid) },
    ours: { port, cpuMicros: ownCpuMicros },
  };
  try {
    const results = [];
    for (const scenario of scenarios) {
      const name = `QoS ${scenario.qos}, 1 → ${scenario.subscribers}`;
      progress(`broker throughput: ${name}…`);
      const warmUp = { ...scenario, messages: Math.ceil(scenario.messages / 5) };
      await runOnce(brokers.mosquitto, warmUp);
      await runOnce(brokers.ours, warmUp);
      const runs: { mosquitto: ThroughputRun; ours: ThroughputRun }[] = [];
      for (let round = 0; round < rounds; round++) {
        runs.push({ mosquitto: await runOnce(brokers.mosquitto, scenario), ours: await runOnce(brokers.ours, scenario) });
      }
      const mosquittoRate = Math.round(median(runs.map((run) => run.mosquitto.deliveriesPerSecond)));
      const oursRate = Math.round(median(runs.map((run) => run.ours.deliveriesPerSecond)));
      const mosquittoCpu = round2(median(runs.map((run) => run.mosquitto.cpuMicrosPerMessage)));
      const oursCpu = round2(median(runs.map((run) => run.ours.cpuMicrosPerMessage)));
      results.push({
        scenario: name,
        messages: scenario.messages,
        deliveriesPerSecond: { mosquitto: mosquittoRate, ours: oursRate, roundsMosquitto: runs.map((run) => run.mosquitto.deliveriesPerSecond), roundsOurs: runs.map((run) => run.ours.deliveriesPerSecond) },
        ratio: round2(median(runs.map((run) => run.ours.deliveriesPerSecond / run.mosquitto.deliveriesPerSecond))),
        cpuMicrosPerMessage: { mosquitto: mosquittoCpu, ours: oursCpu, ratio: round2(oursCpu / mosquittoCpu) },
        subscriberBusy: { mosquitto: median(runs.map((run) => run.mosquitto.subscriberBusy)), ours: median(runs.map((run) => run.ours.subscriberBusy)) },
        lost: { mosquitto: Math.max(...runs.map((run) => run.mosquitto.lost)), ours: Math.max(...runs.map((run) => run.ours.lost)) },
      });
    }
    return {
      method: 'one publisher process, one subscriber process (1 or 10 connections), raw MQTT 3.1.1 sockets, 100-byte payloads; alternating pairs; ratio = median of the pairs’ ours ÷ mosquitto',
      rounds,
      target: 'ratio ≥ 0.6 in every scenario, 0 lost',
      scenarios: results,
    };
  } finally {
    await ours.close();
    await mosquitto.stop();
  }
}
