// `mqtt-lab`: the headless command line on the same core as the app, for QA pipelines.
//   node dist/electron/cli.cjs record -h HOST -p PORT -t FILTER [-t FILTER…] -o FILE [--seconds N] [--count N] [--json]
import { join } from 'node:path';
import { createCore } from '../core/app-core';
import { UsageError, parseRecordArgs } from './cli-args';
import type { CliOutput } from './record-command';
import { recordCommand } from './record-command';

const usage = `Usage: mqtt-lab record -h HOST [-p PORT] -t FILTER [-t FILTER…] [-q QOS] -o FILE [options]

Connection flags follow mosquitto_sub: -h -p -t -q -V mqttv31|mqttv311|mqttv5 -u -P -i --cafile --cert --key
  -o, --output FILE   the recording to write (refuses to replace an existing file)
  --seconds N         stop after N seconds (otherwise Ctrl+C or SIGTERM stops it cleanly)
  -C, --count N       stop after N messages
  --json              print one JSON object as the result (the default when stdout is not a terminal)

Exit codes: 0 recorded and stopped cleanly, 1 could not connect or write, 2 bad command line.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(usage);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'record') {
    console.error(`Unknown command "${command}". This version has: record.\n\n${usage}`);
    return 2;
  }
  let args;
  try {
    args = parseRecordArgs(rest);
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
  const version = (require(join(__dirname, '..', '..', 'package.json')) as { version: string }).version;
  const core = createCore({ mode: 'web', version });
  const stop = new Promise<string>((done) => {
    process.once('SIGINT', () => done('interrupted'));
    process.once('SIGTERM', () => done('terminated'));
  });
  try {
    return await recordCommand(core, args, out, stop);
  } catch (error) {
    out.result({ ok: false, error: (error as Error).message }, `mqtt-lab: ${(error as Error).message}`);
    return 1;
  } finally {
    await core.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
