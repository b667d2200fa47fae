// `mqtt-lab broker`: the app's built-in broker without the window, for CI and QA. It is the same
// BrokerService the app runs (aedes, its workarounds, the packet tap, the settings checks), started
// from flags instead of the broker page, with its log printed instead of shown.
import type { BrokerLogEntry, BrokerSettingsInput } from '../../shared/domain/broker';
import { AppError } from '../core/app-error';
import { BrokerService } from '../core/broker/broker-service';
import { BrokerSettingsFile } from '../core/broker/broker-settings-file';
import { listeningLines } from '../core/broker/startup-report';
import { EventBus } from '../core/event-bus';
import { AesGcmSecretBox } from '../core/profiles/aes-gcm-secret-box';
import { brokerSettingsFromFlags } from './broker-args';
import type { BrokerArgs } from './broker-args';
import { cliT, saidError, type Said } from './cli-text';

export interface BrokerOutput {
  /** Log lines and the summary. */
  line(text: string): void;
  /** Notices and the reason the broker could not start. */
  error(text: string): void;
}

/** What a run did, for the summary printed when it stops. */
interface RunTally {
  connects: number;
  refused: number;
  disconnects: number;
}

/**
 * Runs the broker until `stop` settles (Ctrl+C or SIGTERM): 0 after a clean stop, 2 when the
 * settings cannot start it (a port in use, an unusable address or TLS file), as for a bad command line.
 */
export async function brokerCommand(args: BrokerArgs, out: BrokerOutput, stop: Promise<Said>): Promise<number> {
  const t = cliT();
  const settings = args.settings ?? brokerSettingsFromFlags(args.flags, args.dataDir === undefined ? undefined : loadAppSettings(args.dataDir, out));
  const bus = new EventBus();
  const broker = new BrokerService({ bus });
  const tally: RunTally = { connects: 0, refused: 0, disconnects: 0 };
  const print = (entry: BrokerLogEntry) => {
    if (entry.kind === 'connect') tally.connects++;
    else if (entry.kind === 'refused') tally.refused++;
    else if (entry.kind === 'disconnect') tally.disconnects++;
    out.line(args.json ? JSON.stringify({ time: new Date(entry.time).toISOString(), kind: entry.kind, ...(entry.clientId === undefined ? {} : { clientId: entry.clientId }), text: entry.text }) : formatEntry(entry));
  };
  bus.subscribe((envelope) => {
    if (envelope.name !== 'broker.log') return;
    for (const entry of (envelope.payload as { entries: BrokerLogEntry[] }).entries) print(entry);
  });
  await broker.saveSettings(settings);
  const startedAt = performance.now();
  try {
    const snapshot = await broker.start();
    if (!args.json) for (const text of listeningLines(snapshot, cliT())) out.line(text);
    out.line(args.json ? JSON.stringify({ kind: 'ready', listeners: snapshot.listeners }) : t('cli.broker.ready'));
  } catch (error) {
    await broker.close();
    if (!(error instanceof AppError)) throw error;
    out.error(t('cli.broker.failed', { error: saidError(error).text }));
    return 2;
  }
  const why = await stop;
  const clientsAtStop = broker.snapshot().clients.length;
  const packets = broker.packetsAfter(0, 0).lastSeq;
  await broker.close();
  const seconds = (performance.now() - startedAt) / 1000;
  const summary = {
    kind: 'stopped',
    reason: why.en,
    seconds: Math.round(seconds * 10) / 10,
    connections: tally.connects,
    refused: tally.refused,
    clientsAtStop,
    packets,
  };
  out.line(
    args.json
      ? JSON.stringify(summary)
      : t('cli.broker.stopped', { why: why.text, seconds: String(summary.seconds), connections: tally.connects, refused: String(tally.refused), clients: clientsAtStop, packets }),
  );
  return 0;
}

/** The broker settings web mode saved in `dataDir`, secrets opened with that folder's key. */
function loadAppSettings(dataDir: string, out: BrokerOutput): BrokerSettingsInput {
  const file = new BrokerSettingsFile(dataDir, AesGcmSecretBox.inDataDir(dataDir));
  const { users, tlsKey, ...fields } = file.load();
  // A secret that could not be opened is empty now: the notice says so, and the TLS check names the missing key.
  for (const notice of file.notices) out.error(`mqtt-lab broker: ${notice}`);
  return { ...fields, users: users.map((user) => ({ username: user.username, password: user.password })), tlsKey };
}

/** "05:21:07.123 connect    sensor-1 connected from 127.0.0.1:50514: MQTT 5.0, …" */
function formatEntry(entry: BrokerLogEntry): string {
  // People read the line in their language; --json keeps the English `text`.
  const text = entry.message ? cliT().msg(entry.message, entry.text) : entry.text;
  return `${new Date(entry.time).toISOString().slice(11, 23)} ${entry.kind.padEnd(10)} ${text}`;
}
