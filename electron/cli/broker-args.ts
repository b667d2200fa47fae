import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { BrokerSettingsInput, defaultBrokerSettings } from '../../shared/domain/broker';
import { issueText } from '../../shared/i18n/issue-text';
import { errorCode } from '../core/storage/atomic-file';
import { UsageError, eachArgument, integer } from './cli-args';
import { say, saidIssue, saidMessage, verbatim } from './cli-text';

export interface BrokerArgs {
  flags: BrokerFlags;
  /**
   * The broker's settings as the app's settings form would save them, checked by the same schema;
   * undefined with --data-dir, whose saved settings the flags are laid over when the command runs.
   */
  settings: BrokerSettingsInput | undefined;
  /** Start from the broker.json the app keeps in this folder (web mode's data folder), then apply the flags. */
  dataDir: string | undefined;
  /** Each log entry as one JSON line instead of text. */
  json: boolean;
}

/** The flags given, before they are laid over the settings (defaults, or those of --data-dir). */
export interface BrokerFlags {
  port?: number;
  host?: string;
  websocketPort?: number;
  tlsPort?: number;
  certFile?: string;
  keyFile?: string;
  users: { username: string; password: string }[];
  dataDir?: string;
  json: boolean;
}

/**
 * broker [-p PORT] [--host ADDRESS] [--ws PORT] [--tls-port PORT] [--cert FILE --key FILE]
 * [-u USER:PASSWORD …] [--data-dir DIR] [--json]. Files are read here, so a missing one is named
 * before anything listens.
 */
export function parseBrokerFlags(argv: readonly string[]): BrokerFlags {
  const flags: BrokerFlags = { users: [], json: false };
  eachArgument(argv, (flag, value) => {
    switch (flag) {
      case '-p':
      case '--port':
        flags.port = integer(flag, value(), 1, 65535);
        break;
      case '-h':
      case '--host':
      case '--bind':
        flags.host = value();
        break;
      case '--ws':
      case '--ws-port':
        flags.websocketPort = integer(flag, value(), 1, 65535);
        break;
      case '--tls-port':
        flags.tlsPort = integer(flag, value(), 1, 65535);
        break;
      case '--cert':
        flags.certFile = value();
        break;
      case '--key':
        flags.keyFile = value();
        break;
      case '-u':
      case '--user':
        flags.users.push(userPassword(flag, value()));
        break;
      case '--data-dir':
        flags.dataDir = value();
        break;
      case '--json':
        flags.json = true;
        break;
      default:
        throw new UsageError(say('cli.args.unknownOption', { flag }));
    }
  });
  const tlsAsked = flags.tlsPort !== undefined || flags.certFile !== undefined || flags.keyFile !== undefined;
  if (tlsAsked && flags.dataDir === undefined && (flags.certFile === undefined || flags.keyFile === undefined)) {
    throw new UsageError(say('cli.broker.tlsNeedsBoth'));
  }
  return flags;
}

/** The flags laid over `base` (the defaults, or the settings of --data-dir), checked as the app checks a save. */
export function brokerSettingsFromFlags(flags: BrokerFlags, base: BrokerSettingsInput = { ...defaultBrokerSettings(), users: [] }): BrokerSettingsInput {
  const settings: BrokerSettingsInput = structuredClone(base);
  // The command line starts the broker itself; the app's "start with the app" means nothing here.
  settings.autoStart = false;
  if (flags.port !== undefined) settings.tcpPort = flags.port;
  if (flags.host !== undefined) settings.bindAddress = flags.host;
  if (flags.websocketPort !== undefined) settings.websocket = { enabled: true, port: flags.websocketPort };
  if (flags.certFile !== undefined && flags.keyFile !== undefined) {
    settings.tls = { ...settings.tls, enabled: true, cert: { name: basename(flags.certFile), pem: readPem(flags.certFile, 'certificate') }, keyName: basename(flags.keyFile) };
    settings.tlsKey = readPem(flags.keyFile, 'key');
  }
  if (flags.tlsPort !== undefined) settings.tls = { ...settings.tls, enabled: true, port: flags.tlsPort };
  if (flags.users.length > 0) {
    settings.auth = 'users';
    settings.users = flags.users;
  }
  const checked = BrokerSettingsInput.safeParse(settings);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    // The schema words its issues as catalogue keys (the app's form shows them in the user's language).
    const text = issue && issueText(issue);
    throw new UsageError(issue ? joinFlag(flagFor(issue.path), text ? saidMessage(text) : saidIssue(issue.message)) : say('cli.broker.invalidSettings'));
  }
  return checked.data;
}

export function parseBrokerArgs(argv: readonly string[]): BrokerArgs {
  const flags = parseBrokerFlags(argv);
  const dataDir = flags.dataDir === undefined ? undefined : resolve(flags.dataDir);
  return { flags, settings: dataDir === undefined ? brokerSettingsFromFlags(flags) : undefined, dataDir, json: flags.json };
}

/** USER:PASSWORD; the password may hold colons, the user name may not (MQTT allows it, but -u could not say where it ends). */
function userPassword(flag: string, text: string): { username: string; password: string } {
  const at = text.indexOf(':');
  if (at === -1) throw new UsageError(say('cli.broker.userPassword', { flag, text }));
  const username = text.slice(0, at);
  if (username === '') throw new UsageError(say('cli.broker.noUserName', { flag, text }));
  return { username, password: text.slice(at + 1) };
}

function readPem(path: string, what: 'certificate' | 'key'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(say(what === 'certificate' ? 'cli.broker.tlsCertUnreadable' : 'cli.broker.tlsKeyUnreadable', { path, code: errorCode(error) }));
  }
}

/** "-p: <the schema's sentence>", the flag verbatim and the sentence in the CLI's language. */
function joinFlag(flag: string, issue: ReturnType<typeof verbatim>) {
  return { en: `${flag}: ${issue.en}`, text: `${flag}: ${issue.text}` };
}

/** A settings path as the flag that sets it, so the message names what to change on the command line. */
function flagFor(path: readonly PropertyKey[]): string {
  switch (path.join('.')) {
    case 'tcpPort':
      return '-p';
    case 'bindAddress':
      return '--host';
    case 'websocket.port':
      return '--ws';
    case 'tls.port':
      return '--tls-port';
    case 'tls.cert':
      return '--cert';
    case 'tls.keyName':
      return '--key';
    default:
      return path[0] === 'users' ? '-u' : path.join('.');
  }
}
