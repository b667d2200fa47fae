import type { EventEnvelope } from '../../../shared/contract';
import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import type { HistoryUpdate } from '../../../shared/domain/message';
import type { RecordingStatus } from '../../../shared/domain/recording';
import { bytesToBase64 } from '../../../shared/payload/preview';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../../shared/recording/records';
import type { MessageRecord, PacketRecord, RecordingCounts } from '../../../shared/recording/records';
import { monotonicMs } from '../broker/wire/monotonic-clock';
import type { Connection } from '../connections/connection';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { EventBus } from '../event-bus';
import type { TappedPacket } from '../packets/packet-tap';
import { RecordingWriter } from './recording-writer';
import { english, msg, type Message } from '../../../shared/i18n';
import { WordedError } from './worded-error';

const STATUS_INTERVAL_MS = 500;

interface Attached {
  connection: Connection;
  /** The newest message id copied into the file. */
  copiedUpTo: number;
  detach: () => void;
  lastState: string;
}

/**
 * Records connections to a file: every message in and out (copied from the store in the batches the
 * history notifier announces, so recording costs the per-message path nothing), every tapped
 * packet, and the connection's state changes. Before the store evicts, it lets the recorder copy
 * what it has not copied yet, so a small budget under a burst loses nothing from the recording.
 */
export class Recorder {
  private writer: RecordingWriter | undefined;
  private attached = new Map<string, Attached>();
  private counts: RecordingCounts = { messages: 0, packets: 0, events: 0 };
  private missed = 0;
  private startedAt: number | undefined;
  private stoppedAt: number | undefined;
  private failure: string | undefined;
  private failureText: Message | undefined;
  private path: string | undefined;
  private offBus: (() => void) | undefined;
  private statusTimer: ReturnType<typeof setInterval> | undefined;
  /** Bytes the last recording wrote, shown after it stopped. */
  private lastBytes = 0;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly bus: EventBus,
    private readonly appVersion: string,
  ) {}

  status(): RecordingStatus {
    const end = this.writer ? Date.now() : (this.stoppedAt ?? Date.now());
    const status: RecordingStatus = {
      active: this.writer !== undefined,
      connectionIds: [...this.attached.keys()],
      durationMs: this.startedAt === undefined ? 0 : end - this.startedAt,
      counts: { ...this.counts },
      bytes: this.writer?.bytesWritten ?? this.lastBytes,
      missed: this.missed,
    };
    if (this.path) status.path = this.path;
    if (this.startedAt !== undefined) status.startedAt = this.startedAt;
    if (this.failure) status.failure = this.failure;
    if (this.failureText) status.failureText = this.failureText;
    return status;
  }

  /** connectionIds empty: every connection there is now. */
  start(connectionIds: readonly string[], path: string): RecordingStatus {
    if (this.writer) throw new WordedError(this.path ? msg('recordings.core.alreadyRunning', { path: this.path }) : msg('recordings.core.alreadyRunning', { path: english('recordings.core.aFile') }));
    const chosen = connectionIds.length > 0 ? [...new Set(connectionIds)].map((id) => this.connections.get(id)) : this.connections.all();
    if (chosen.length === 0) throw new WordedError(msg('recordings.core.noConnection'));
    const writer = RecordingWriter.create(path, (message, text) => this.failed(message, text));
    this.writer = writer;
    this.path = path;
    this.counts = { messages: 0, packets: 0, events: 0 };
    this.missed = 0;
    this.failure = undefined;
    this.failureText = undefined;
    this.startedAt = Date.now();
    this.stoppedAt = undefined;
    this.lastBytes = 0;
    this.attached = new Map();
    writer.append({
      type: 'header',
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      appVersion: this.appVersion,
      startedAt: new Date(this.startedAt).toISOString(),
      startWallMs: this.startedAt,
      startMonotonicMs: monotonicMs(),
      connections: chosen.map((connection) => {
        const snapshot = connection.snapshot();
        return { connectionId: connection.id, profile: snapshot.profile, subscriptions: snapshot.subscriptions.map((entry) => entry.filter) };
      }),
    });
    for (const connection of chosen) this.attach(connection);
    this.offBus = this.bus.subscribe((envelope) => this.onEvent(envelope));
    this.statusTimer = setInterval(() => this.bus.emit('recording.updated', this.status()), STATUS_INTERVAL_MS);
    this.statusTimer.unref?.();
    writer.flush();
    this.bus.emit('recording.updated', this.status());
    return this.status();
  }

  stop(): RecordingStatus {
    const writer = this.writer;
    if (!writer) return this.status();
    // What the store holds but no batch has announced yet still belongs in the file.
    for (const entry of this.attached.values()) this.copyMessages(entry, entry.connection.store.newestId);
    this.detachAll();
    this.writer = undefined;
    this.stoppedAt = Date.now();
    const footer = { type: 'footer' as const, endedAt: new Date(this.stoppedAt).toISOString(), counts: { ...this.counts }, ...(this.missed > 0 ? { missed: this.missed } : {}) };
    writer.close(footer);
    this.lastBytes = writer.bytesWritten;
    this.bus.emit('recording.updated', this.status());
    return this.status();
  }

  private attach(connection: Connection): void {
    const offPacket = connection.tap.onPacket((tapped) => this.onPacket(connection.id, tapped));
    let offEvict = (): void => undefined;
    const entry: Attached = {
      connection,
      copiedUpTo: connection.store.newestId,
      detach: () => {
        offPacket();
        offEvict();
      },
      lastState: connection.snapshot().status.state,
    };
    offEvict = connection.store.onBeforeEvict((newestId) => this.copyMessages(entry, newestId));
    this.attached.set(connection.id, entry);
  }

  private onEvent(envelope: EventEnvelope): void {
    if (envelope.name === 'messages.appended') {
      const update = envelope.payload as HistoryUpdate;
      const entry = this.attached.get(update.connectionId);
      if (entry) this.copyMessages(entry, update.lastId);
    } else if (envelope.name === 'connection.updated') {
      const snapshot = envelope.payload as ConnectionSnapshot;
      const entry = this.attached.get(snapshot.connectionId);
      if (!entry || snapshot.status.state === entry.lastState) return;
      entry.lastState = snapshot.status.state;
      this.counts.events++;
      const event = { type: 'event' as const, c: snapshot.connectionId, t: Date.now(), state: snapshot.status.state, ...(snapshot.status.reason ? { reason: snapshot.status.reason } : {}) };
      this.writer?.append(event);
    } else if (envelope.name === 'messages.cleared') {
      // A cleared history restarts its ids above the old ones: nothing to copy from before.
      const entry = this.attached.get((envelope.payload as { connectionId: string }).connectionId);
      if (entry) entry.copiedUpTo = Math.max(entry.copiedUpTo, entry.connection.store.oldestId - 1);
    } else if (envelope.name === 'connection.removed') {
      const entry = this.attached.get((envelope.payload as { connectionId: string }).connectionId);
      if (entry) this.copyMessages(entry, entry.connection.store.newestId);
    }
  }

  private copyMessages(entry: Attached, upTo: number): void {
    const writer = this.writer;
    if (!writer) return;
    const store = entry.connection.store;
    if (store.oldestId > entry.copiedUpTo + 1 && store.size > 0) {
      this.missed += store.oldestId - (entry.copiedUpTo + 1);
      entry.copiedUpTo = store.oldestId - 1;
    }
    for (let id = entry.copiedUpTo + 1; id <= upTo; id++) {
      const message = store.get(id);
      if (!message) continue;
      const { row } = message;
      const record: MessageRecord = {
        type: 'message',
        c: entry.connection.id,
        id,
        t: row.time,
        m: message.monotonicMs,
        dir: row.direction,
        topic: row.topic,
        qos: row.qos,
        retain: row.retain,
        dup: row.dup,
        payload: bytesToBase64(message.payload),
      };
      if (row.packetId !== undefined) record.packetId = row.packetId;
      if (message.properties) record.properties = message.properties;
      writer.append(record);
      this.counts.messages++;
    }
    entry.copiedUpTo = Math.max(entry.copiedUpTo, upTo);
  }

  private onPacket(connectionId: string, { seq, wallTime, monotonicMs: monotonic, direction, packet }: TappedPacket): void {
    const writer = this.writer;
    if (!writer) return;
    const record: PacketRecord = { type: 'packet', c: connectionId, seq, t: wallTime, m: monotonic, dir: direction, cmd: packet.cmd };
    const fields = packet as { messageId?: number; qos?: number; dup?: boolean; retain?: boolean; topic?: string; reasonCode?: number };
    if (fields.messageId !== undefined) record.packetId = fields.messageId;
    if (packet.cmd === 'publish') {
      record.qos = fields.qos ?? 0;
      record.dup = fields.dup ?? false;
      record.retain = fields.retain ?? false;
      record.topic = fields.topic ?? '';
    }
    if (typeof fields.reasonCode === 'number') record.reasonCode = fields.reasonCode;
    writer.append(record);
    this.counts.packets++;
  }

  private failed(message: string, text: Message): void {
    this.failure = message;
    this.failureText = text;
    this.detachAll();
    this.lastBytes = this.writer?.bytesWritten ?? this.lastBytes;
    this.writer = undefined;
    this.stoppedAt = Date.now();
    this.bus.emit('recording.updated', this.status());
  }

  private detachAll(): void {
    for (const entry of this.attached.values()) entry.detach();
    this.offBus?.();
    this.offBus = undefined;
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = undefined;
  }

  close(): void {
    this.stop();
  }
}
