import type { QoS } from '../../shared/domain/profile';
import { MAX_SIMULATED_DEVICES, MIN_SIMULATOR_INTERVAL_MS, SimulatorConfig } from '../../shared/domain/simulator';
import type { SimulatorStatus } from '../../shared/domain/simulator';
import { Simulator, SimulatorError } from '../core/simulator/simulator';
import { UsageError, defaultConnectionFlags, integer, walk } from './cli-args';
import type { ConnectionFlags } from './cli-args';
import type { CliOutput } from './cli-core';
import { cliT, joinSaid, say, saidError, saidIssue, verbatim, type Said } from './cli-text';

export interface SimulateArgs extends ConnectionFlags {
  config: SimulatorConfig;
  /** Stop after this many seconds; otherwise when every device sent `count`, or at Ctrl+C / SIGTERM. */
  seconds: number | undefined;
}

/**
 * simulate --devices N --interval MS -t TOPIC -m PAYLOAD [--client-id ID] [--ramp N] [--count N]
 * [--duration S] [--will-topic T --will-message M] [--birth-topic T --birth-message M] [--sparkplug GROUP/EDGE] [-q QOS]
 */
export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const flags = defaultConnectionFlags('simulate');
  let clientId: string | undefined;
  const raw: Record<string, unknown> = { devices: 1, intervalMs: 1000, topic: '', payload: '', qos: 0 };
  let seconds: number | undefined;
  let willTopic: string | undefined;
  let willMessage: string | undefined;
  let birthTopic: string | undefined;
  let birthMessage: string | undefined;
  let payloadGiven = false;
  walk(argv, flags, (flag, value) => {
    switch (flag) {
      case '-n':
      case '--devices':
        raw.devices = integer(flag, value(), 1, MAX_SIMULATED_DEVICES);
        return true;
      case '--interval':
        raw.intervalMs = integer(flag, value(), MIN_SIMULATOR_INTERVAL_MS, 86_400_000);
        return true;
      case '-t':
      case '--topic':
        raw.topic = value();
        return true;
      case '-m':
      case '--message':
        raw.payload = value();
        payloadGiven = true;
        return true;
      case '-q':
      case '--qos':
        raw.qos = integer(flag, value(), 0, 2) as QoS;
        return true;
      case '--client-id':
        clientId = value();
        return true;
      case '--ramp':
        raw.rampPerSecond = integer(flag, value(), 1, 10_000);
        return true;
      case '-C':
      case '--count':
        raw.count = integer(flag, value(), 1, 100_000_000);
        return true;
      case '--duration':
        seconds = integer(flag, value(), 1, 31 * 24 * 3600);
        return true;
      case '--will-topic':
        willTopic = value();
        return true;
      case '--will-message':
        willMessage = value();
        return true;
      case '--birth-topic':
        birthTopic = value();
        return true;
      case '--birth-message':
        birthMessage = value();
        return true;
      case '--sparkplug': {
        const text = value();
        const slash = text.indexOf('/');
        if (slash <= 0 || slash === text.length - 1) throw new UsageError(say('cli.simulate.sparkplug', { example: 'edge-{{device}}', text }));
        raw.sparkplug = { group: text.slice(0, slash), edge: text.slice(slash + 1) };
        return true;
      }
      default:
        return false;
    }
  });
  // -i is mosquitto's client id flag; here it is the pattern too, and a fixed default names each device.
  raw.clientId = clientId ?? (flags.clientId.startsWith('mqtt-lab-simulate-') ? 'mqtt-lab-dev-{{device}}' : flags.clientId);
  if (willTopic !== undefined) raw.will = { topic: willTopic, payload: willMessage ?? '' };
  else if (willMessage !== undefined) throw new UsageError(say('cli.simulate.willNeedsTopic'));
  if (birthTopic !== undefined) raw.birth = { topic: birthTopic, payload: birthMessage ?? '' };
  else if (birthMessage !== undefined) throw new UsageError(say('cli.simulate.birthNeedsTopic'));
  if (raw.sparkplug === undefined && raw.topic === '') throw new UsageError(say('cli.simulate.needTopic', { example: 'site/{{device}}/temp' }));
  if (!payloadGiven) throw new UsageError(say('cli.simulate.needPayload', { example: `'{"t":{{walk 21 0.2}}}'` }));
  raw.broker = { kind: 'address', host: flags.host, port: flags.port ?? 1883, protocolVersion: flags.version, username: flags.username, password: flags.password };
  const parsed = SimulatorConfig.safeParse(raw);
  if (!parsed.success) throw new UsageError(joinSaid(parsed.error.issues.map((issue) => joinSaid([verbatim(issue.path.join('.')), saidIssue(issue.message)], ': ')), '; '));
  return { ...flags, config: parsed.data, seconds };
}

export function statusLine(status: SimulatorStatus, elapsedMs: number, t = cliT()): string {
  const problems = status.failed + status.reconnecting > 0 ? t('cli.simulate.problems', { failed: String(status.failed), reconnecting: String(status.reconnecting) }) : '';
  // The reason is the simulator's (or a peer's) own text.
  const topError = status.errors[0] ? t('cli.simulate.topError', { count: String(status.errors[0].count), reason: status.errors[0].reason }) : '';
  return t('cli.simulate.status', {
    seconds: (elapsedMs / 1000).toFixed(0),
    connected: String(status.connected),
    devices: String(status.devices),
    problems,
    sent: t.number(status.sent),
    rate: t.number(status.ratePerSecond),
    topError,
  });
}

/** Exit codes: 0 ran and stopped cleanly, 1 no device could connect, 2 bad command line (patterns included). */
export async function simulateCommand(args: SimulateArgs, out: CliOutput, stopSignal: Promise<Said>): Promise<number> {
  const { config } = args;
  let simulator: Simulator;
  let finished: () => void = () => undefined;
  const allSent = new Promise<Said>((done) => (finished = () => done(say('cli.simulate.allSent', { count: String(config.count ?? 0) }))));
  try {
    simulator = new Simulator(config, config.broker.kind === 'address' ? config.broker : { host: args.host, port: args.port ?? 1883, protocolVersion: args.version, username: '', password: '' }, () => finished());
  } catch (error) {
    if (error instanceof SimulatorError) throw new UsageError(saidError(error));
    throw error;
  }
  const startedAt = performance.now();
  simulator.start();
  const progress = setInterval(() => out.progress(statusLine(simulator.status(), performance.now() - startedAt)), 1000);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<Said>((done) => {
    if (args.seconds !== undefined) timer = setTimeout(() => done(say('cli.stop.secondsPassed', { seconds: String(args.seconds) })), args.seconds * 1000);
  });
  const why = await Promise.race([stopSignal, allSent, timeUp]);
  clearInterval(progress);
  clearTimeout(timer);
  const beforeStop = simulator.status();
  const status = await simulator.stop();
  const everConnected = beforeStop.connected + beforeStop.reconnecting > 0 || status.sent > 0;
  const atStop = { waiting: beforeStop.waiting, connecting: beforeStop.connecting, connected: beforeStop.connected, reconnecting: beforeStop.reconnecting, failed: beforeStop.failed };
  const summary = { ...status, atStop, stoppedBecause: why.en, seconds: Math.round((performance.now() - startedAt) / 100) / 10 };
  const t = cliT();
  const errors = status.errors.map((error) => `\n  ${t('cli.simulate.error', { count: String(error.count), devices: String(error.devices), reason: error.reason })}`).join('');
  out.result(
    { ok: everConnected, ...summary },
    t('cli.simulate.stopped', {
      why: why.text,
      connected: String(beforeStop.connected),
      devices: String(status.devices),
      sent: t.number(status.sent),
      notSent: t.number(status.failedSends),
      seconds: String(summary.seconds),
      errors,
    }),
  );
  return everConnected ? 0 : 1;
}
