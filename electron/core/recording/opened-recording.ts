import { basename } from 'node:path';
import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import type { HistoryUpdate } from '../../../shared/domain/message';
import type { Profile, ProfileView } from '../../../shared/domain/profile';
import { noSecrets } from '../../../shared/domain/profile';
import type { RecordedConnectionView, RecordingSessionView } from '../../../shared/domain/recording-session';
import type { EventRecord, HeaderRecord, MessageRecord, PacketRecord } from '../../../shared/recording/records';
import type { EventBus } from '../event-bus';
import { FlowFeed } from '../flows/flow-feed';
import type { HistoryNotifier } from '../messages/history-notifier';
import type { MessageStore } from '../messages/message-store';
import type { MessageBudget, MessageFields } from '../messages/message-store';
import { LifelineFeed } from '../lifeline/lifeline-feed';
import { PacketLog } from '../packets/packet-log';
import type { Session } from '../sessions/session';
import type { TopicTreeFeed } from '../topics/topic-tree-feed';
import { createSessionHistory } from '../sessions/session-history';
import { RecordedFlows } from './recorded-flows';
import { tappedFromRecord } from './recorded-packets';
import { readRecording } from './recording-reader';
import type { RecordingVisitor } from './recording-reader';
import { wordingOf } from './worded-error';
import { english, msg, type Message } from '../../../shared/i18n';

/** How often, at most, the session's progress is told while the file is read. */
const PROGRESS_INTERVAL_MS = 250;
/** Whatever the user's history budget, an opened recording keeps at least this many messages. */
export const RECORDING_MIN_MESSAGES = 1_000_000;
const RECORDING_MIN_PAYLOAD_BYTES = 512 * 1024 * 1024;

/** A stand-in for a recording whose header lists no connection; the views only need a name and a target. */
const unknownProfile = { id: '', name: '(no connection in the header)', transport: 'mqtt', host: '(not recorded)', port: 0, path: '', protocolVersion: 4, clientId: '' } as unknown as ProfileView;

/**
 * A recording file read into the same parts a connection has (history, topic tree, packet log, QoS
 * flows, lifeline), so every view shows it as it shows a connection, and nothing can change it.
 *
 * Message ids are the 1-based ordinal of the message record in the file: the first message record
 * is message 1, the tenth is message 10, whatever connection it came from and whatever id it had
 * when recorded. (Comparing recordings relies on this.) A line that is not a record is skipped and
 * reported, and does not count.
 *
 * Packets, flows and the lifeline come from the first connection of the header: packet sequence
 * numbers and packet ids of different connections would collide. A file with several connections
 * says so in its problems; the messages of all of them are in the history.
 */
export class OpenedRecording implements Session {
  readonly store: MessageStore;
  readonly packets: PacketLog;
  readonly topics: TopicTreeFeed;
  readonly lifeline: LifelineFeed;
  readonly flows: FlowFeed;
  private readonly notifier: HistoryNotifier;
  private readonly recordedFlows: RecordedFlows;
  private header: HeaderRecord | undefined;
  private view: RecordingSessionView;
  private lastMonotonic = 0;
  private progressTimer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private readonly reading = new AbortController();

  constructor(
    readonly id: string,
    readonly path: string,
    private readonly bus: EventBus,
    userBudget: MessageBudget,
  ) {
    this.packets = new PacketLog(() => this.profile().protocolVersion);
    const budget = {
      maxMessages: Math.max(userBudget.maxMessages, RECORDING_MIN_MESSAGES),
      maxPayloadBytes: Math.max(userBudget.maxPayloadBytes, RECORDING_MIN_PAYLOAD_BYTES),
    };
    // A PUBLISH packet in the file has no payload (its message has it): linked to its message, the
    // packet log rebuilds it from the history, payload included, for the inspector.
    ({ store: this.store, topics: this.topics, notifier: this.notifier } = createSessionHistory(id, bus, budget, this.packets));
    this.lifeline = new LifelineFeed(() => id, bus, () => ({ ...this.profile(), secrets: { ...noSecrets }, subscriptions: [] }) as Profile);
    // Waiting flows age on the file's clock: the last packet read is "now".
    this.flows = new FlowFeed(() => id, bus, { now: () => this.lastMonotonic });
    this.recordedFlows = new RecordedFlows(this.flows.tracker, (tapped, messageId) => this.packets.keepAsMessage(tapped, messageId));
    this.view = {
      sessionId: id,
      path,
      fileName: basename(path),
      connections: [],
      readBytes: 0,
      totalBytes: 0,
      done: false,
      counts: { messages: 0, packets: 0, events: 0 },
      evicted: 0,
      problems: [],
    };
  }

  /**
   * Reads the file in the background. Resolves once the header is read, so a file that is not a
   * recording is refused with its reason; everything after the header fills the views as it comes.
   */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      let headerRead = false;
      const visitor: RecordingVisitor = {
        header: (record) => {
          this.onHeader(record);
          headerRead = true;
          resolve();
        },
        message: (record) => this.onMessage(record),
        packet: (record) => this.onPacket(record),
        event: (record) => this.onEvent(record),
        progress: (readBytes, totalBytes) => {
          this.view.readBytes = readBytes;
          this.view.totalBytes = totalBytes;
        },
      };
      this.progressTimer = setInterval(() => this.report(), PROGRESS_INTERVAL_MS);
      this.progressTimer.unref?.();
      readRecording(this.path, visitor, this.reading.signal).then(
        (summary) => {
          if (summary.footer) this.view.endedAt = summary.footer.endedAt;
          if (summary.cut) this.view.cut = summary.cut;
          if (summary.cutText) this.view.cutText = summary.cutText;
          this.view.problems.push(...summary.problems);
          this.finish();
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          this.view.error = message;
          const text = wordingOf(error);
          if (typeof text !== 'string') this.view.errorText = text;
          this.finish();
          if (!headerRead) reject(error instanceof Error ? error : new Error(message));
        },
      );
    });
  }

  sessionView(): RecordingSessionView {
    return { ...this.view, counts: { ...this.view.counts }, problems: [...this.view.problems], evicted: this.store.evicted };
  }

  history(): HistoryUpdate {
    return this.notifier.snapshot();
  }

  snapshot(): ConnectionSnapshot {
    return {
      connectionId: this.id,
      profile: { ...this.profile(), name: this.view.fileName },
      status: { state: 'disconnected', reason: 'a recording', since: this.header?.startWallMs ?? 0 },
      subscriptions: [],
      messageCount: this.store.size,
      evictedCount: this.store.evicted,
      pending: { count: 0, bytes: 0, inFlight: 0, limit: { messages: 0, bytes: 0 }, overflow: 'refuse-new', refused: 0 },
    };
  }

  close(): void {
    // Reading stops at the next chunk; until then the visitor ignores what comes.
    this.closed = true;
    this.reading.abort();
    clearInterval(this.progressTimer);
    this.notifier.discard();
    this.topics.dispose();
    this.lifeline.dispose();
    this.flows.dispose();
  }

  private profile(): ProfileView {
    return this.view.connections[0]?.profile ?? unknownProfile;
  }

  /** A problem worded by us: English in `problems` (as before), its Message beside it by index. */
  private addProblem(text: Message): void {
    this.view.problemTexts = { ...this.view.problemTexts, [this.view.problems.length]: text };
    this.view.problems.push(english(text.key, text.params));
  }

  private onHeader(record: HeaderRecord): void {
    this.header = record;
    this.view.appVersion = record.appVersion;
    this.view.startedAt = record.startedAt;
    this.view.connections = (record.connections ?? []).map(
      (entry): RecordedConnectionView => ({ connectionId: entry.connectionId, profile: entry.profile, subscriptions: entry.subscriptions ?? [] }),
    );
    if (this.view.connections.length > 1) {
      const first = this.view.connections[0]?.profile.name ?? '';
      this.addProblem(msg('recordings.core.manyConnections', { count: String(this.view.connections.length), first }));
    }
    this.report();
  }

  private onMessage(record: MessageRecord): void {
    if (this.closed) return;
    this.view.counts.messages++;
    const payload = Buffer.from(record.payload, 'base64');
    const fields: MessageFields = {
      time: record.t,
      monotonicMs: record.m,
      direction: record.dir,
      topic: record.topic,
      qos: record.qos,
      retain: record.retain,
      dup: record.dup,
      size: payload.byteLength,
    };
    if (record.packetId !== undefined) fields.packetId = record.packetId;
    if (record.properties) fields.properties = record.properties;
    const id = this.store.append(fields, payload);
    if (this.isFirstConnection(record.c)) {
      const key = record.packetId === undefined ? { direction: record.dir, topic: record.topic } : { direction: record.dir, topic: record.topic, packetId: record.packetId };
      this.recordedFlows.message(id, key);
    }
    this.notifier.noteAppended(record.dir);
  }

  private onPacket(record: PacketRecord): void {
    if (this.closed) return;
    this.view.counts.packets++;
    if (!this.isFirstConnection(record.c)) return;
    const tapped = tappedFromRecord(record);
    this.lastMonotonic = Math.max(this.lastMonotonic, tapped.monotonicMs);
    this.packets.add(tapped);
    this.lifeline.recorder.onPacket(tapped);
    this.recordedFlows.packet(tapped);
  }

  private onEvent(record: EventRecord): void {
    if (this.closed) return;
    this.view.counts.events++;
    if (!this.isFirstConnection(record.c)) return;
    const status = { state: record.state, since: record.t, ...(record.reason ? { reason: record.reason } : {}) };
    this.lifeline.recorder.onStatus(status);
  }

  private isFirstConnection(connectionId: string): boolean {
    const first = this.view.connections[0];
    return first === undefined || first.connectionId === connectionId;
  }

  private finish(): void {
    clearInterval(this.progressTimer);
    this.progressTimer = undefined;
    if (this.closed) return;
    this.recordedFlows.finish();
    // The file's clock stopped: an exchange still open would otherwise look as if it were waiting now.
    this.flows.tracker.abandonWaiting('not finished when the recording ended');
    this.view.done = true;
    if (this.store.evicted > 0) {
      this.addProblem(
        msg('recordings.core.evicted', {
          evicted: this.store.evicted.toLocaleString('en'),
          max: this.store.budget.maxMessages.toLocaleString('en'),
          mb: String(Math.round(this.store.budget.maxPayloadBytes / 1024 / 1024)),
        }),
      );
    }
    this.notifier.flush();
    this.report();
  }

  private report(): void {
    if (this.closed) return;
    this.bus.emit('recording.session.updated', this.sessionView());
  }
}
