import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ProfileInput, QoS } from '../../shared/domain/profile';
import { defaultProfileFields } from '../../shared/domain/profile';

/** Thrown for a command line that cannot be run; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

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
}

export interface RecordArgs extends ConnectionFlags {
  topics: string[];
  qos: QoS;
  output: string;
  /** Stop after this many seconds, or this many messages; otherwise at Ctrl+C / SIGTERM. */
  seconds: number | undefined;
  count: number | undefined;
  json: boolean;
}

/**
 * Reads flags the way mosquitto_sub does (-h -p -t -q -V -u -P --cafile --cert --key), so a QA
 * pipeline can swap one for the other. Repeated -t adds topics.
 */
export function parseRecordArgs(argv: readonly string[]): RecordArgs {
  const args: RecordArgs = {
    host: 'localhost',
    port: undefined,
    version: 4,
    username: '',
    password: '',
    cafile: undefined,
    cert: undefined,
    key: undefined,
    clientId: `mqtt-lab-record-${randomUUID().slice(0, 8)}`,
    topics: [],
    qos: 0,
    output: '',
    seconds: undefined,
    count: undefined,
    json: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index] ?? '';
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new UsageError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '-h':
      case '--host':
        args.host = value();
        break;
      case '-p':
      case '--port':
        args.port = integer(flag, value(), 1, 65535);
        break;
      case '-t':
      case '--topic':
        args.topics.push(value());
        break;
      case '-q':
      case '--qos':
        args.qos = integer(flag, value(), 0, 2) as QoS;
        break;
      case '-V':
      case '--protocol-version':
        args.version = protocolVersion(value());
        break;
      case '-u':
      case '--username':
        args.username = value();
        break;
      case '-P':
      case '--pw':
        args.password = value();
        break;
      case '-i':
      case '--id':
        args.clientId = value();
        break;
      case '--cafile':
        args.cafile = value();
        break;
      case '--cert':
        args.cert = value();
        break;
      case '--key':
        args.key = value();
        break;
      case '-o':
      case '--output':
        args.output = value();
        break;
      case '--seconds':
        args.seconds = integer(flag, value(), 1, 31 * 24 * 3600);
        break;
      case '-C':
      case '--count':
        args.count = integer(flag, value(), 1, Number.MAX_SAFE_INTEGER);
        break;
      case '--json':
        args.json = true;
        break;
      default:
        throw new UsageError(`Unknown option ${flag}.`);
    }
  }
  if (args.topics.length === 0) throw new UsageError('Give at least one topic filter with -t, for example -t "sensors/#".');
  if (args.output === '') throw new UsageError('Give the file to record to with -o, for example -o run.mqttrec.jsonl.');
  return args;
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
    throw new UsageError(`${path} could not be read (${(error as { code?: string }).code ?? String(error)}).`);
  }
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, not "${text}".`);
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
      throw new UsageError(`-V takes mqttv31, mqttv311 or mqttv5, not "${text}".`);
  }
}
