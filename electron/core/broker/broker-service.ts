import type {
  BrokerLogEntry,
  BrokerPacketRow,
  BrokerSettingsInput,
  BrokerSettingsView,
  BrokerSnapshot,
  BrokerState,
  FaultInput,
  RetainedView,
} from '../../../shared/domain/broker';
import { describeFault } from '../../../shared/broker/fault-text';
import { text, type BrokerText } from '../../../shared/broker/broker-text';
import { msg } from '../../../shared/i18n';
import { AppError } from '../app-error';
import type { EventBus } from '../event-bus';
import type { SecretBox } from '../profiles/secret-box';
import { BrokerLog } from './broker-log';
import { BrokerSettingsFile } from './broker-settings-file';
import { defaultSettings, mergeSettings, viewOfSettings } from './broker-settings';
import type { BrokerSettings } from './broker-settings';
import { aedesEngine } from './engine-info';
import { FaultEngine } from './faults/fault-engine';
import { externalIpv4Addresses } from './network-addresses';
import { RateMeter } from './rate-meter';
import { RunningBroker } from './running-broker';
import { BrokerPacketLog } from './wire/broker-packet-log';

export interface BrokerServiceOptions {
  bus: EventBus;
  /** Where broker.json is kept; without it the settings live in memory, as in tests of other things. */
  storage?: { dataDir: string; secretBox: SecretBox };
}

/** Where a client reaches the running broker, and with which credentials, for a connection profile. */
export interface BrokerTarget {
  host: string;
  port: number;
  username: string;
  password: string;
}

/** broker.updated at most this often: a burst of connects is one snapshot, not hundreds. */
const SNAPSHOT_INTERVAL_MS = 250;
/** While running, rates and message counts are refreshed this often, without any packet asking for it. */
const RATES_INTERVAL_MS = 1000;

/**
 * The in-process broker as the rest of the core sees it: settings (kept in broker.json), start and
 * stop, live views (clients, retained messages, rates, the log and the packet tap) and faults.
 * Everything that lives only while the broker runs is in RunningBroker; what outlives a run (the
 * log, the packet log, the faults, the settings) is here.
 */
export class BrokerService {
  private state: BrokerState = 'stopped';
  private reason: string | undefined;
  private reasonText: BrokerText | undefined;
  private run: RunningBroker | undefined;
  /** start and stop run one at a time, in the order asked. */
  private transitions: Promise<unknown> = Promise.resolve();
  private readonly faults = new FaultEngine();
  private readonly packets = new BrokerPacketLog();
  private readonly rates = { in: new RateMeter(), out: new RateMeter() };
  private readonly log: BrokerLog;
  private readonly engine = aedesEngine();
  private settings: BrokerSettings;
  private readonly file: BrokerSettingsFile | undefined;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private lastSnapshotAt = -Infinity;
  private ratesTimer: NodeJS.Timeout | undefined;
  private ratesShown = false;
  private launchStart: Promise<void> = Promise.resolve();

  constructor(private readonly options: BrokerServiceOptions) {
    this.log = new BrokerLog((entries) => options.bus.emit('broker.log', { entries }));
    this.file = options.storage ? new BrokerSettingsFile(options.storage.dataDir, options.storage.secretBox) : undefined;
    this.settings = this.file?.load() ?? defaultSettings();
    for (const notice of this.file?.noticeTexts ?? []) this.log.add('error', notice);
    this.faults.onChange((change) => {
      if (change.kind === 'hit') {
        this.changed();
        return;
      }
      this.run?.releaseHeld((clientId) => !this.faults.pausedFor(clientId));
      if (change.kind === 'added') this.log.add('fault', text('broker.log.faultAdded', { id: String(change.faultId) }, { fault: describeAddedFault(this.faults.list().find((fault) => fault.id === change.faultId)) }));
      if (change.kind === 'removed') this.log.add('fault', text('broker.log.faultRemoved', { id: String(change.faultId) }));
      this.changed();
    });
  }

  /** The notices as sentences, for a console to word in its language. */
  get noticeTexts(): readonly BrokerText[] {
    return this.file?.noticeTexts ?? [];
  }

  private get notices(): string[] {
    return this.file?.notices ?? [];
  }

  /** Starts the broker when the settings say so; a failure is reported in the snapshot and the log. */
  autoStart(): void {
    if (this.settings.autoStart) this.launchStart = this.start().then(() => undefined, () => undefined);
  }

  /** Settles once the start the settings asked for at launch has succeeded or failed (at once if none was). */
  startedWithApp(): Promise<void> {
    return this.launchStart;
  }

  snapshot(): BrokerSnapshot {
    const snapshot: BrokerSnapshot = {
      state: this.state,
      engine: this.engine,
      settings: viewOfSettings(this.settings),
      listeners: this.run?.listenerViews ?? [],
      addresses: externalIpv4Addresses(),
      clients: this.run?.clients() ?? [],
      retainedCount: this.run?.retained.count ?? 0,
      rates: { inPerSecond: this.rates.in.perSecond(), outPerSecond: this.rates.out.perSecond() },
      faults: this.faults.list(),
    };
    if (this.reason !== undefined) snapshot.reason = this.reason;
    if (this.reasonText !== undefined) snapshot.reasonText = this.reasonText;
    if (this.run) {
      snapshot.startedAt = this.run.startedAt;
      snapshot.sharedGroups = this.run.sharedGroups();
    }
    if (this.notices.length > 0) snapshot.notices = [...this.notices];
    return snapshot;
  }

  /** Saved first, applied in memory only once the file has it; takes effect at the next start. */
  /**
   * In line with start and stop: a Start asked for while the settings are still being written
   * must start with the new ones, not the old.
   */
  saveSettings(input: BrokerSettingsInput): Promise<BrokerSettingsView> {
    return this.transition(async () => {
      const { settings, replaced } = mergeSettings(this.settings, input);
      await this.file?.write(settings, replaced);
      this.settings = settings;
      this.changed();
      return viewOfSettings(settings);
    });
  }

  /** Throws an AppError (broker_error) saying what to change when it cannot start. */
  start(): Promise<BrokerSnapshot> {
    return this.transition(async () => {
      if (this.run) return this.snapshot();
      this.setState('starting');
      try {
        this.rates.in.reset();
        this.rates.out.reset();
        this.run = await RunningBroker.start({
          settings: structuredClone(this.settings),
          faults: this.faults,
          packets: this.packets,
          rates: this.rates,
          log: (kind, text, clientId) => this.log.add(kind, text, clientId),
          changed: () => this.changed(),
        });
      } catch (error) {
        const failure = error instanceof AppError ? error : new AppError('broker_error', msg('broker.error.startFailed', { reason: (error as Error).message }));
        this.setState('failed', failure.message, failure.text);
        this.log.add('error', failure.text ? text('broker.error.startFailed', {}, { reason: failure.text }) : text('broker.error.startFailed', { reason: failure.message }));
        throw failure;
      }
      this.setState('running');
      this.log.add('start', text('broker.log.started', { engine: this.engine.name, version: this.engine.version, urls: this.run.listenerViews.flatMap((listener) => listener.urls).join(', ') }));
      this.ratesTimer = setInterval(() => this.refreshRates(), RATES_INTERVAL_MS);
      this.ratesTimer.unref();
      return this.snapshot();
    });
  }

  stop(): Promise<BrokerSnapshot> {
    return this.transition(async () => {
      const run = this.run;
      if (!run) {
        if (this.state === 'failed') this.setState('stopped');
        return this.snapshot();
      }
      this.setState('stopping');
      clearInterval(this.ratesTimer);
      await run.stop();
      this.run = undefined;
      this.setState('stopped');
      this.log.add('stop', text('broker.log.stopped'));
      return this.snapshot();
    });
  }

  kick(clientId: string): void {
    this.running().kick(clientId);
  }

  cut(clientId: string): void {
    this.running().cut(clientId);
  }

  async retained(): Promise<RetainedView[]> {
    return this.run ? this.run.retained.list() : [];
  }

  async deleteRetained(topic: string): Promise<void> {
    await this.running().retained.delete(topic);
    this.changed();
  }

  async clearRetained(): Promise<number> {
    const cleared = this.run ? await this.run.retained.clear() : 0;
    this.changed();
    return cleared;
  }

  logEntries(): BrokerLogEntry[] {
    return this.log.list();
  }

  /** The bytes of one packet through the broker, while its log still keeps them. */
  packetFrame(seq: number): { bytes: Uint8Array; protocolVersion: 3 | 4 | 5 } | undefined {
    return this.packets.frame(seq);
  }

  packetsAfter(afterSeq: number, limit: number): { packets: BrokerPacketRow[]; lastSeq: number } {
    return this.packets.list(afterSeq, limit);
  }

  addFault(input: FaultInput): BrokerSnapshot {
    this.faults.add(input);
    return this.snapshot();
  }

  removeFault(faultId: number): BrokerSnapshot {
    if (!this.faults.remove(faultId)) throw new AppError('not_found', msg('broker.error.noFault', { id: String(faultId) }));
    return this.snapshot();
  }

  /** Where a connection profile should point to reach this broker over plain MQTT. */
  target(): BrokerTarget {
    const { bindAddress, tcpPort, auth, users } = this.settings;
    // A broker bound to one address is not reachable on 127.0.0.1; on all interfaces it is.
    const host = bindAddress === '0.0.0.0' || bindAddress === '::' ? '127.0.0.1' : bindAddress;
    const user = auth === 'users' ? users[0] : undefined;
    return { host, port: this.run?.listenerViews[0]?.port ?? tcpPort, username: user?.username ?? '', password: user?.password ?? '' };
  }

  /** Stops the broker and waits for pending settings writes and log events. */
  async close(): Promise<void> {
    await this.stop();
    await this.file?.flush();
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    this.log.flush();
  }

  private running(): RunningBroker {
    if (!this.run) throw new AppError('broker_error', msg('broker.error.notRunning'));
    return this.run;
  }

  private transition<T>(run: () => Promise<T>): Promise<T> {
    const done = this.transitions.then(run, run);
    this.transitions = done.catch(() => undefined);
    return done;
  }

  private setState(state: BrokerState, reason?: string, reasonText?: BrokerText): void {
    this.state = state;
    this.reason = reason;
    this.reasonText = reasonText;
    this.changed();
  }

  /** Schedules a broker.updated, at most one every SNAPSHOT_INTERVAL_MS. */
  private changed(): void {
    if (this.snapshotTimer) return;
    const wait = Math.max(0, this.lastSnapshotAt + SNAPSHOT_INTERVAL_MS - performance.now());
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      this.lastSnapshotAt = performance.now();
      this.options.bus.emit('broker.updated', this.snapshot());
    }, wait);
  }

  /** Rates fall back to 0 by themselves: one last snapshot shows that, then it is quiet until traffic. */
  private refreshRates(): void {
    const moving = this.rates.in.perSecond() > 0 || this.rates.out.perSecond() > 0;
    if (moving || this.ratesShown) this.changed();
    this.ratesShown = moving;
  }
}

function describeAddedFault(fault: FaultInput | undefined): BrokerText {
  return fault ? describeFault(fault) : text('broker.log.faultUnknown');
}
