// `mqtt-lab`: the headless command line on the same core as the app, for QA pipelines.
//   node dist/electron/cli.cjs record -h HOST -p PORT -t FILTER [-t FILTER…] -o FILE [--seconds N] [--count N] [--json]
import { join } from 'node:path';
import { createCore } from '../core/app-core';
import type { AppCore } from '../core/app-core';
import { installProcessGuard } from '../process-guard';
import { parseBrokerArgs } from './broker-args';
import type { BrokerArgs } from './broker-args';
import { brokerCommand } from './broker-command';
import { UsageError, parseRecordArgs, parseReplayArgs } from './cli-args';
import type { RecordArgs, ReplayArgs } from './cli-args';
import type { CliOutput } from './cli-core';
import { compareCommand, parseCompareArgs } from './compare-command';
import type { CompareArgs } from './compare-command';
import { parsePubArgs, parseSubArgs, pubCommand, subCommand } from './pub-sub-commands';
import type { PubArgs, SubArgs } from './pub-sub-commands';
import { recordCommand } from './record-command';
import { replayCommand } from './replay-command';
import { parseSimulateArgs, simulateCommand } from './simulate-command';
import type { SimulateArgs } from './simulate-command';

const usage = `Usage: mqtt-lab record -h HOST [-p PORT] -t FILTER [-t FILTER…] [-q QOS] -o FILE [options]
       mqtt-lab replay -h HOST [-p PORT] -f FILE [options]
       mqtt-lab compare A.mqttrec.jsonl B.mqttrec.jsonl [options]
       mqtt-lab pub -h HOST [-p PORT] -t TOPIC (-m TEXT | -f FILE | -n | -s) [-q QOS] [-r]
       mqtt-lab sub -h HOST [-p PORT] -t FILTER [-t FILTER…] [-q QOS] [-C COUNT] [-W SECONDS] [-v]
       mqtt-lab simulate -h HOST [-p PORT] --devices N --interval MS -t TOPIC -m PAYLOAD [options]
       mqtt-lab broker [-p PORT] [--host ADDRESS] [--ws PORT] [--tls-port PORT --cert FILE --key FILE] [-u USER:PASSWORD…]

Connection flags follow mosquitto_pub/sub: -h -p -V mqttv31|mqttv311|mqttv5 -u -P -i --cafile --cert --key

record
  -t FILTER, -q QOS   what to subscribe to (repeat -t for more filters)
  -o, --output FILE   the recording to write (refuses to replace an existing file)
  --seconds N         stop after N seconds (otherwise Ctrl+C or SIGTERM stops it cleanly)
  -C, --count N       stop after N messages
replay
  -f, --file FILE     the recording to replay (the messages the recorded client received)
  --speed N|max       recorded timing scaled by N (0.1 to 100, default 1), or as fast as possible
  --loop              start again at the end, until Ctrl+C
  --filter FILTER     only the recorded messages whose topic matches
  --direction in|out|both   which recorded messages to send (default in)
  --topic-prefix FROM=TO | --topic-regex PATTERN=REPLACEMENT   rewrite topics
  -q QOS, -r | --no-retain    override the recorded QoS and retain flag
compare
  --match-field PATH  pair messages on a topic by this JSON field (e.g. seq) instead of by order
  --gap-ms N          report pairs whose interval since the previous pair moved by more than N ms
  --direction in|out|both   which recorded messages to compare (default in)
  --max-missing N, --max-extra N, --max-changed N, --max-timing N   differences tolerated (default 0)
simulate              N simulated devices, each its own MQTT connection, until Ctrl+C, --duration or --count
  --devices N         1 to 1,000 (default 1)              --interval MS    between one device's sends (default 1000, from 10)
  -t TOPIC, -m PAYLOAD  templates: {{device}} (from 1), {{seq}}, {{now}}, {{random 20 30}}, {{walk 21 0.2}}, {{pick "a" "b"}}…
  --client-id ID      client id pattern (default mqtt-lab-dev-{{device}})   -q QOS   of the data messages
  --ramp N            connect N devices per second (default all at once)
  -C, --count N       stop after each device sent N messages                --duration S   stop after S seconds
  --will-topic T --will-message M     each device's will     --birth-topic T --birth-message M   a retained birth message
  --sparkplug GROUP/EDGE   Sparkplug B edge nodes (EDGE a pattern, e.g. edge-{{device}}): NBIRTH, then NDATA by alias of -m's JSON fields
broker                the app's built-in broker, headless; prints its listeners and its log until Ctrl+C or SIGTERM
  -p PORT             MQTT over TCP (default 1883)       --host ADDRESS   where to listen (default 127.0.0.1; 0.0.0.0 for all)
  --ws PORT           also MQTT over WebSocket            --tls-port PORT  also MQTT over TLS (default 8883), with
  --cert FILE, --key FILE   the server certificate and its private key (PEM)
  -u USER:PASSWORD    only these users may connect (repeat -u for more); without -u anyone may
  --data-dir DIR      start from the broker settings the app saved in DIR (web mode's data folder); flags override
  --json              each log line as a JSON object
--json                print one JSON object as the result (the default when stdout is not a terminal)

Exit codes: 0 done cleanly (replay: every message sent and acknowledged; compare: the same within
the tolerances), 1 could not connect, write or deliver (compare: they differ), 2 bad command line
(broker: also settings it cannot start with, such as a port in use or a TLS key that does not fit).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(usage);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'record' && command !== 'replay' && command !== 'compare' && command !== 'pub' && command !== 'sub' && command !== 'broker' && command !== 'simulate') {
    console.error(`Unknown command "${command}". This version has: record, replay, compare, pub, sub, simulate, broker.\n\n${usage}`);
    return 2;
  }
  let args:
    | ({ command: 'record' } & RecordArgs)
    | ({ command: 'replay' } & ReplayArgs)
    | ({ command: 'compare' } & CompareArgs)
    | ({ command: 'pub' } & PubArgs)
    | ({ command: 'sub' } & SubArgs)
    | ({ command: 'broker' } & BrokerArgs)
    | ({ command: 'simulate' } & SimulateArgs);
  try {
    if (command === 'record') args = { command, ...parseRecordArgs(rest) };
    else if (command === 'replay') args = { command, ...parseReplayArgs(rest) };
    else if (command === 'compare') args = { command, ...parseCompareArgs(rest) };
    else if (command === 'pub') args = { command, ...parsePubArgs(rest) };
    else if (command === 'sub') args = { command, ...parseSubArgs(rest) };
    else if (command === 'simulate') args = { command, ...parseSimulateArgs(rest) };
    else args = { command, ...parseBrokerArgs(rest) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage}`);
    return 2;
  }
  const json = args.json || !process.stdout.isTTY;
  const out: CliOutput = {
    progress: (text) => {
      if (!json && process.stderr.isTTY) process.stderr.write(`\r${text}\u001b[K`);
    },
    result: (value, text) => {
      if (!json && process.stderr.isTTY) process.stderr.write('\n');
      console.log(json ? JSON.stringify(value) : text);
    },
  };
  if (args.command === 'compare') {
    try {
      return await compareCommand(args, out);
    } catch (error) {
      if (error instanceof UsageError) {
        console.error(error.message);
        return 2;
      }
      out.result({ same: false, error: (error as Error).message }, `mqtt-lab: ${(error as Error).message}`);
      return 1;
    }
  }
  if (args.command === 'broker') {
    // A broker serves many clients for a long time: like the app, it keeps serving the others when
    // something unforeseen throws, rather than ending every CI job that uses it.
    removeExitGuard();
    installProcessGuard({ name: 'mqtt-lab broker', policy: 'survive' });
    const signals = stopOnSignal('stopping the broker');
    try {
      return await brokerCommand(args, { line: (text) => console.log(text), error: (text) => console.error(text) }, signals.stop);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(error.message);
      return 2;
    }
  }
  if (args.command === 'simulate') {
    // Stopping 1,000 devices cleanly takes a moment; a second signal still ends it at once.
    const signals = stopOnSignal('disconnecting the devices');
    try {
      return await simulateCommand(args, out, signals.stop.then((why) => {
        signals.closing();
        return why;
      }));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(error.message);
      return 2;
    }
  }
  const version = (require(join(__dirname, '..', '..', 'package.json')) as { version: string }).version;
  const core = createCore({ mode: 'web', version });
  const signals = stopOnSignal('closing the connection');
  const stop = signals.stop;
  try {
    switch (args.command) {
      case 'record':
        return await recordCommand(core, args, out, stop);
      case 'replay':
        return await replayCommand(core, args, out, stop);
      case 'pub':
        return await pubCommand(core, args, out, stop);
      case 'sub':
        return await subCommand(core, args, (line) => console.log(line), stop, (text) => console.error(text));
    }
  } catch (error) {
    out.result({ ok: false, error: (error as Error).message }, `mqtt-lab: ${(error as Error).message}`);
    return 1;
  } finally {
    signals.closing();
    await closeWithin(core, CLOSE_LIMIT_MS);
  }
}

/**
 * Settles `stop` with why at the first SIGINT or SIGTERM. Once only the goodbye is left (`closing`),
 * or when a second signal comes, the user wants out now: exit 1 at once.
 */
function stopOnSignal(closingWhat: string): { stop: Promise<string>; closing(): void } {
  let closing = false;
  let signalled = false;
  const stop = new Promise<string>((done) => {
    const onSignal = (why: string) => {
      if (closing || signalled) {
        console.error(`mqtt-lab: ${why} while ${closing ? closingWhat : 'stopping'}; exiting now.`);
        process.exit(1);
      }
      signalled = true;
      done(why);
    };
    process.on('SIGINT', () => onSignal('interrupted'));
    process.on('SIGTERM', () => onSignal('terminated'));
  });
  return { stop, closing: () => (closing = true) };
}

/** Saying goodbye to the broker may wait for acknowledgements that never come; a run ends regardless. */
const CLOSE_LIMIT_MS = 2000;

async function closeWithin(core: AppCore, limitMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), limitMs)));
  try {
    const outcome = await Promise.race([core.close().then(() => 'closed' as const), late]);
    if (outcome === 'late') console.error(`mqtt-lab: the connection did not close within ${limitMs / 1000} s; exiting anyway.`);
  } catch (error) {
    console.error(`mqtt-lab: closing failed: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

let settled = false;
// A command waiting on something that can no longer happen would otherwise end with 0 and say
// nothing once Node runs out of work: that is a failure, and it is reported as one.
process.once('beforeExit', () => {
  if (settled) return;
  console.error('mqtt-lab: stopped with nothing left to wait for (no connection, timer or signal could end the command).');
  process.exitCode = 1;
});
const removeExitGuard = installProcessGuard({ name: 'mqtt-lab', policy: 'exit' });
main(process.argv.slice(2)).then(
  (code) => {
    settled = true;
    process.exit(code);
  },
  (error: unknown) => {
    settled = true;
    console.error(error);
    process.exit(1);
  },
);
