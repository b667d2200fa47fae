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
import { cliT, say, saidError, type Said } from './cli-text';
import { parseSimulateArgs, simulateCommand } from './simulate-command';
import type { SimulateArgs } from './simulate-command';

/** The help, in the CLI's language (the catalogue's cli.usage). */
function usage(): string {
  return cliT()('cli.usage');
}
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(usage());
    return command === undefined ? 2 : 0;
  }
  if (command !== 'record' && command !== 'replay' && command !== 'compare' && command !== 'pub' && command !== 'sub' && command !== 'broker' && command !== 'simulate') {
    console.error(`${cliT()('cli.unknownCommand', { command })}\n\n${usage()}`);
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
    console.error(`${error.said.text}\n\n${usage()}`);
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
        console.error(error.said.text);
        return 2;
      }
      const said = saidError(error);
      out.result({ same: false, error: said.en }, say('cli.failed', { error: said }).text);
      return 1;
    }
  }
  if (args.command === 'broker') {
    // A broker serves many clients for a long time: like the app, it keeps serving the others when
    // something unforeseen throws, rather than ending every CI job that uses it.
    removeExitGuard();
    installProcessGuard({ name: 'mqtt-lab broker', policy: 'survive' });
    const signals = stopOnSignal(say('cli.signal.whileStoppingBroker'));
    try {
      return await brokerCommand(args, { line: (text) => console.log(text), error: (text) => console.error(text) }, signals.stop);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(error.said.text);
      return 2;
    }
  }
  if (args.command === 'simulate') {
    // Stopping 1,000 devices cleanly takes a moment; a second signal still ends it at once.
    const signals = stopOnSignal(say('cli.signal.whileDisconnectingDevices'));
    try {
      return await simulateCommand(args, out, signals.stop.then((why) => {
        signals.closing();
        return why;
      }));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(error.said.text);
      return 2;
    }
  }
  const version = (require(join(__dirname, '..', '..', 'package.json')) as { version: string }).version;
  const core = createCore({ mode: 'web', version });
  const signals = stopOnSignal(say('cli.signal.whileClosingConnection'));
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
    const said = saidError(error);
    out.result({ ok: false, error: said.en }, say('cli.failed', { error: said }).text);
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
function stopOnSignal(closingWhat: Said): { stop: Promise<Said>; closing(): void } {
  let closing = false;
  let signalled = false;
  const stop = new Promise<Said>((done) => {
    const onSignal = (why: Said) => {
      if (closing || signalled) {
        console.error(say('cli.signal.exitNow', { why, what: closing ? closingWhat : say('cli.signal.whileStopping') }).text);
        process.exit(1);
      }
      signalled = true;
      done(why);
    };
    process.on('SIGINT', () => onSignal(say('cli.signal.interrupted')));
    process.on('SIGTERM', () => onSignal(say('cli.signal.terminated')));
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
    if (outcome === 'late') console.error(cliT()('cli.close.late', { seconds: String(limitMs / 1000) }));
  } catch (error) {
    console.error(cliT()('cli.close.failed', { error: saidError(error).text }));
  } finally {
    clearTimeout(timer);
  }
}

let settled = false;
// A command waiting on something that can no longer happen would otherwise end with 0 and say
// nothing once Node runs out of work: that is a failure, and it is reported as one.
process.once('beforeExit', () => {
  if (settled) return;
  console.error(cliT()('cli.nothingToWaitFor'));
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
