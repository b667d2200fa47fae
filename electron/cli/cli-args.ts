import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ProfileInput, QoS } from '../../shared/domain/profile';
import { defaultProfileFields } from '../../shared/domain/profile';
import { ReplayOptions } from '../../shared/domain/replay';
import { say, saidIssue, type Said } from './cli-text';

/**
 * Thrown for a command line that cannot be run; the CLI prints it (in the user's language) with the
 * usage and exits 2. `message` stays English, like every Error's.
 */
export class UsageError extends Error {
  readonly said: Said;
  constructor(said: Said) {
    super(said.en);
    this.said = said;
  }
}

export interface ConnectionFlags {
  host: string;
  port: number | undefined;
  version: 3 | 4 | 5;
  username: string;
  password: string;
  cafile: string | undefined;
  cert: string | undefined;
  key: string | undefined;
  clientId: string;
  /** One JSON object (or line) instead of text for people. */
  json: boolean;
}

/** mosquitto_sub's -t (repeatable), -q and -C, shared by record and sub. */
export interface SubscribeFlags {
  topics: string[];
  qos: QoS;
  count: number | undefined;
}

export interface RecordArgs extends ConnectionFlags, SubscribeFlags {
  output: string;
  /** Stop after this many seconds, or `count` messages; otherwise at Ctrl+C / SIGTERM. */
  seconds: number | undefined;
}

/**
 * Reads flags the way mosquitto_sub does (-h -p -t -q -V -u -P --cafile --cert --key), so a QA
 * pipeline can swap one for the other. Repeated -t adds topics.
 */
export interface ReplayArgs extends ConnectionFlags {
  file: string;
  options: ReplayOptions;
}

export function defaultConnectionFlags(role: string): ConnectionFlags {
  return {
    host: 'localhost',
    port: undefined,
    version: 4,
    username: '',
    password: '',
    cafile: undefined,
    cert: undefined,
    key: undefined,
    clientId: `mqtt-lab-${role}-${randomUUID().slice(0, 8)}`,
    json: false,
  };
}

/** Walks argv, giving each flag and a way to take its value to `take`; connection flags are handled here. */
export function walk(argv: readonly string[], flags: ConnectionFlags, take: (flag: string, value: () => string) => boolean): void {
  eachArgument(argv, (flag, value) => {
    if (!takeConnectionFlag(flags, flag, value) && !take(flag, value)) throw new UsageError(say('cli.args.unknownOption', { flag }));
  });
}

/** Each argument in turn, with a way to take the one after it as its value ("-p 1883"). */
export function eachArgument(argv: readonly string[], handle: (argument: string, value: () => string) => void): void {
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index] ?? '';
    handle(flag, () => {
      const next = argv[++index];
      if (next === undefined) throw new UsageError(say('cli.args.needsValue', { flag }));
      return next;
    });
  }
}

function takeConnectionFlag(flags: ConnectionFlags, flag: string, value: () => string): boolean {
  switch (flag) {
    case '-h':
    case '--host':
      flags.host = value();
      return true;
    case '-p':
    case '--port':
      flags.port = integer(flag, value(), 1, 65535);
      return true;
    case '-V':
    case '--protocol-version':
      flags.version = protocolVersion(value());
      return true;
    case '-u':
    case '--username':
      flags.username = value();
      return true;
    case '-P':
    case '--pw':
      flags.password = value();
      return true;
    case '-i':
    case '--id':
      flags.clientId = value();
      return true;
    case '--cafile':
      flags.cafile = value();
      return true;
    case '--cert':
      flags.cert = value();
      return true;
    case '--key':
      flags.key = value();
      return true;
    case '--json':
      flags.json = true;
      return true;
    default:
      return false;
  }
}

/** Takes -t, -q and -C into `flags`; false for any other flag. */
export function takeSubscribeFlag(flags: SubscribeFlags, flag: string, value: () => string): boolean {
  switch (flag) {
    case '-t':
    case '--topic':
      flags.topics.push(value());
      return true;
    case '-q':
    case '--qos':
      flags.qos = integer(flag, value(), 0, 2) as QoS;
      return true;
    case '-C':
    case '--count':
      flags.count = integer(flag, value(), 1, Number.MAX_SAFE_INTEGER);
      return true;
    default:
      return false;
  }
}

/**
 * Reads flags the way mosquitto_sub does (-h -p -t -q -V -u -P --cafile --cert --key), so a QA
 * pipeline can swap one for the other. Repeated -t adds topics.
 */
export function parseRecordArgs(argv: readonly string[]): RecordArgs {
  const args: RecordArgs = { ...defaultConnectionFlags('record'), topics: [], qos: 0, output: '', seconds: undefined, count: undefined };
  walk(argv, args, (flag, value) => {
    if (takeSubscribeFlag(args, flag, value)) return true;
    switch (flag) {
      case '-o':
      case '--output':
        args.output = value();
        return true;
      case '--seconds':
        args.seconds = integer(flag, value(), 1, 31 * 24 * 3600);
        return true;
      default:
        return false;
    }
  });
  if (args.topics.length === 0) throw new UsageError(say('cli.record.needTopic'));
  if (args.output === '') throw new UsageError(say('cli.record.needOutput'));
  return args;
}

/** replay -f FILE [--speed N|max] [--loop] [--filter F] [--topic-prefix FROM=TO | --topic-regex PATTERN=REPLACEMENT] [-q N] [-r | --no-retain] */
export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  const args: ReplayArgs = { ...defaultConnectionFlags('replay'), file: '', options: { speed: 1, loop: false, direction: 'in' } };
  const options = args.options;
  walk(argv, args, (flag, value) => {
    switch (flag) {
      case '-f':
      case '--file':
        args.file = value();
        return true;
      case '--speed': {
        const text = value();
        const speed = text === 'max' ? 'max' : Number(text);
        if (speed !== 'max' && !(speed >= 0.1 && speed <= 100)) throw new UsageError(say('cli.replay.speed', { text }));
        options.speed = speed;
        return true;
      }
      case '--loop':
        options.loop = true;
        return true;
      case '--filter':
        options.filter = value();
        return true;
      case '--direction': {
        const text = value();
        if (text !== 'in' && text !== 'out' && text !== 'both') throw new UsageError(say('cli.args.direction', { text }));
        options.direction = text;
        return true;
      }
      case '--topic-prefix': {
        const [from, to] = pair(flag, value());
        options.rewrite = { kind: 'prefix', from, to };
        return true;
      }
      case '--topic-regex': {
        const [pattern, replacement] = pair(flag, value());
        options.rewrite = { kind: 'regex', pattern, replacement };
        return true;
      }
      case '-q':
      case '--qos':
        options.qos = integer(flag, value(), 0, 2) as QoS;
        return true;
      case '-r':
      case '--retain':
        options.retain = true;
        return true;
      case '--no-retain':
        options.retain = false;
        return true;
      default:
        return false;
    }
  });
  if (args.file === '') throw new UsageError(say('cli.replay.needFile'));
  const checked = ReplayOptions.safeParse(options);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new UsageError(issue ? saidIssue(issue.message) : say('cli.replay.invalidOptions'));
  }
  return args;
}

function pair(flag: string, text: string): [string, string] {
  const at = text.indexOf('=');
  if (at === -1) throw new UsageError(say('cli.args.pair', { flag, text }));
  return [text.slice(0, at), text.slice(at + 1)];
}

/** A profile for the flags; files are read here so a missing one is named before connecting. */
export function profileFromFlags(flags: ConnectionFlags): ProfileInput {
  const tls = flags.cafile !== undefined || flags.cert !== undefined;
  const fields = defaultProfileFields();
  const profile: ProfileInput = {
    ...fields,
    id: randomUUID(),
    name: `${flags.host}:${flags.port ?? (tls ? 8883 : 1883)}`,
    transport: tls ? 'mqtts' : 'mqtt',
    host: flags.host,
    port: flags.port ?? (tls ? 8883 : 1883),
    protocolVersion: flags.version,
    clientId: flags.clientId,
    username: flags.username,
    // A headless run should not retry for ever: a broker that never comes back ends it.
    reconnect: { ...fields.reconnect, maxAttempts: 5 },
    tls: {
      ...fields.tls,
      ca: flags.cafile ? pemFile(flags.cafile) : null,
      cert: flags.cert ? pemFile(flags.cert) : null,
      keyName: flags.key ? basename(flags.key) : '',
    },
    secrets: { password: flags.password, ...(flags.key ? { clientKey: readText(flags.key) } : {}) },
  };
  return profile;
}

function pemFile(path: string) {
  return { name: basename(path), pem: readText(path) };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(say('cli.args.unreadable', { path, code: (error as { code?: string }).code ?? String(error) }));
  }
}

export function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(say('cli.args.integer', { flag, min: String(min), max: String(max), text }));
  return value;
}

function protocolVersion(text: string): 3 | 4 | 5 {
  switch (text) {
    case 'mqttv31':
    case '31':
      return 3;
    case 'mqttv311':
    case '311':
      return 4;
    case 'mqttv5':
    case '5':
      return 5;
    default:
      throw new UsageError(say('cli.args.protocolVersion', { text }));
  }
}
