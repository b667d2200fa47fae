import { readFileSync } from 'node:fs';
import type { AppCore } from '../core/app-core';
import type { QoS } from '../../shared/domain/profile';
import type { HistoryUpdate } from '../../shared/domain/message';
import { UsageError, defaultConnectionFlags, integer, profileFromFlags, takeSubscribeFlag, walk } from './cli-args';
import type { ConnectionFlags, SubscribeFlags } from './cli-args';
import { connectFromCli, invokeFrom } from './cli-core';
import type { CliOutput } from './cli-core';

export interface PubArgs extends ConnectionFlags {
  topic: string;
  payload: Buffer;
  qos: QoS;
  retain: boolean;
}

/** pub -t TOPIC (-m TEXT | -f FILE | -n | -s) [-q N] [-r]: mosquitto_pub's flags. */
export function parsePubArgs(argv: readonly string[]): PubArgs {
  const args: PubArgs = { ...defaultConnectionFlags('pub'), topic: '', payload: Buffer.alloc(0), qos: 0, retain: false };
  let sources = 0;
  walk(argv, args, (flag, value) => {
    switch (flag) {
      case '-t':
      case '--topic':
        args.topic = value();
        return true;
      case '-m':
      case '--message':
        args.payload = Buffer.from(value(), 'utf8');
        sources++;
        return true;
      case '-f':
      case '--file': {
        const path = value();
        try {
          args.payload = readFileSync(path);
        } catch (error) {
          throw new UsageError(`${path} could not be read (${(error as { code?: string }).code ?? String(error)}).`);
        }
        sources++;
        return true;
      }
      case '-n':
      case '--null-message':
        args.payload = Buffer.alloc(0);
        sources++;
        return true;
      case '-s':
      case '--stdin-file':
        args.payload = readFileSync(0);
        sources++;
        return true;
      case '-q':
      case '--qos':
        args.qos = integer(flag, value(), 0, 2) as QoS;
        return true;
      case '-r':
      case '--retain':
        args.retain = true;
        return true;
      default:
        return false;
    }
  });
  if (args.topic === '') throw new UsageError('Give the topic with -t.');
  if (sources !== 1) throw new UsageError('Give exactly one payload: -m TEXT, -f FILE, -n (empty) or -s (standard input).');
  return args;
}

export interface SubArgs extends ConnectionFlags, SubscribeFlags {
  seconds: number | undefined;
  verbose: boolean;
}

/** sub -t FILTER [-t …] [-q N] [-C COUNT] [-W SECONDS] [-v]: mosquitto_sub's flags. */
export function parseSubArgs(argv: readonly string[]): SubArgs {
  const args: SubArgs = { ...defaultConnectionFlags('sub'), topics: [], qos: 0, count: undefined, seconds: undefined, verbose: false };
  walk(argv, args, (flag, value) => {
    if (takeSubscribeFlag(args, flag, value)) return true;
    switch (flag) {
      case '-W':
      case '--timeout':
        args.seconds = integer(flag, value(), 1, 31 * 24 * 3600);
        return true;
      case '-v':
      case '--verbose':
        args.verbose = true;
        return true;
      default:
        return false;
    }
  });
  if (args.topics.length === 0) throw new UsageError('Give at least one topic filter with -t.');
  return args;
}

/** Exit codes: 0 published (and acknowledged at QoS 1/2), 1 not. */
export async function pubCommand(core: AppCore, args: PubArgs, out: CliOutput): Promise<number> {
  const invoke = invokeFrom(core);
  const connected = await connectFromCli(core, profileFromFlags(args));
  if (connected.status.state !== 'connected') {
    out.result({ ok: false, error: connected.status.reason ?? 'could not connect' }, `Could not connect: ${connected.status.reason ?? 'no reason given'}`);
    return 1;
  }
  const { outcome, elapsedMs } = await invoke('message.publish', {
    connectionId: connected.connectionId,
    topic: args.topic,
    qos: args.qos,
    retain: args.retain,
    payload: args.payload.toString('base64'),
    encoding: 'base64',
  });
  const acked = outcome.kind === 'acked' ? `acknowledged with ${outcome.ack} after ${elapsedMs.toFixed(1)} ms` : 'sent at QoS 0';
  out.result({ ok: true, outcome, elapsedMs }, `${args.topic}: ${acked}`);
  return 0;
}

/**
 * Prints each message as it arrives, as mosquitto_sub does: the payload (with -v, the topic first),
 * or with --json one JSON line per message with the payload in Base64 and as text when it is UTF-8.
 */
export async function subCommand(core: AppCore, args: SubArgs, write: (line: string) => void, stopSignal: Promise<string>): Promise<number> {
  const invoke = invokeFrom(core);
  const connected = await connectFromCli(core, profileFromFlags(args));
  if (connected.status.state !== 'connected') {
    write(JSON.stringify({ ok: false, error: connected.status.reason ?? 'could not connect' }));
    return 1;
  }
  const connectionId = connected.connectionId;
  const { store } = core.connections.get(connectionId);
  let printedUpTo = store.newestId;
  let printed = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  /** Why sub could not subscribe: the connection ended (a broker's violation) before it could. */
  let failure: string | undefined;
  await new Promise<void>((done) => {
    void stopSignal.then(() => done());
    if (args.seconds !== undefined) setTimeout(done, args.seconds * 1000).unref();
    let finished = false;
    core.bus.subscribe((envelope) => {
      // Updates keep coming after the count is reached (the rate settling to 0): print nothing more.
      if (finished || envelope.name !== 'messages.appended' || (envelope.payload as HistoryUpdate).connectionId !== connectionId) return;
      for (let id = printedUpTo + 1; id <= store.newestId; id++) {
        printedUpTo = id;
        const message = store.get(id);
        if (!message || message.row.direction !== 'in') continue;
        const bytes = Buffer.from(message.payload);
        if (args.json) {
          let text: string | undefined;
          try {
            text = decoder.decode(bytes);
          } catch {
            text = undefined;
          }
          write(JSON.stringify({ topic: message.row.topic, qos: message.row.qos, retain: message.row.retain, payloadBase64: bytes.toString('base64'), ...(text === undefined ? {} : { text }) }));
        } else {
          write(args.verbose ? `${message.row.topic} ${bytes.toString('utf8')}` : bytes.toString('utf8'));
        }
        printed++;
        if (args.count !== undefined && printed >= args.count) {
          finished = true;
          return done();
        }
      }
    });
    Promise.all(args.topics.map((filter) => invoke('subscription.add', { connectionId, filter, qos: args.qos }))).catch((error: unknown) => {
      const status = core.connections.get(connectionId).snapshot().status;
      failure = status.state === 'connected' ? (error instanceof Error ? error.message : String(error)) : (status.reason ?? 'the connection ended');
      done();
    });
  });
  if (failure !== undefined) {
    write(JSON.stringify({ ok: false, error: failure }));
    return 1;
  }
  return 0;
}
