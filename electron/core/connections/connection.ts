import mqtt from 'mqtt';
import type { IClientOptions, MqttClient, Packet } from 'mqtt';
import type {
  ConnectionSnapshot,
  ConnectionStatus,
  ProfileInput,
  QoS,
  SubscriptionView,
} from '../../../shared/domain/connection';
import type { PublishOutcome } from '../../../shared/domain/message';
import { describeConnack, describeReasonCode, describeSubackFailure } from '../../../shared/mqtt/reason-codes';
import { payloadPreview } from '../../../shared/payload/preview';
import type { EventBus } from '../event-bus';
import { MessageStore } from '../messages/message-store';
import { RowBatcher } from '../messages/row-batcher';
import { PacketTap } from '../packets/packet-tap';
import type { TappedPacket } from '../packets/packet-tap';
import { AppError } from '../app-error';
import { describeTransportError } from './socket-errors';

export type StoredProfile = Omit<ProfileInput, 'password'> & { password: string };

/** How long a QoS 1 or 2 publish waits for its acknowledgement before the request reports a timeout. */
const ACK_TIMEOUT_MS = 30_000;

/**
 * One MQTT client and everything that belongs to it: its status, subscriptions, tapped packets and
 * message history. It lives in the main process so a throttled background window cannot starve its
 * keepalive, and it reports to the renderer only through the event bus.
 */
export class Connection {
  readonly store = new MessageStore();
  readonly tap = new PacketTap();
  private client: MqttClient | undefined;
  private status: ConnectionStatus = { state: 'idle', since: Date.now() };
  private readonly subscriptions = new Map<string, SubscriptionView>();
  private readonly batcher: RowBatcher;
  /** Set when the current client reached CONNACK 0 at least once: later losses are reconnects, not failures. */
  private everConnected = false;
  private lastProblem: string | undefined;
  /** Filters of each SUBSCRIBE in flight, by packet id, to pair them with the SUBACK's codes. */
  private readonly subscribeFilters = new Map<number, string[]>();
  private readonly subackCodes = new Map<string, number>();

  constructor(
    private profile: StoredProfile,
    private readonly bus: EventBus,
  ) {
    this.batcher = new RowBatcher((rows) =>
      this.bus.emit('messages.appended', { connectionId: this.id, rows, total: this.store.size }),
    );
    this.tap.onPacket((tapped) => this.onPacket(tapped));
  }

  get id(): string {
    return this.profile.id;
  }

  get isConnected(): boolean {
    return this.status.state === 'connected';
  }

  snapshot(): ConnectionSnapshot {
    const { password, ...fields } = this.profile;
    return {
      connectionId: this.id,
      profile: { ...fields, passwordSet: password.length > 0 },
      status: this.status,
      subscriptions: [...this.subscriptions.values()],
      messageCount: this.store.size,
    };
  }

  /** Takes effect at the next connect; a live session keeps the settings it was opened with. */
  updateProfile(input: ProfileInput): void {
    const password = input.password ?? this.profile.password;
    this.profile = { ...input, password };
    this.changed();
  }

  connect(): ConnectionSnapshot {
    this.closeClient();
    this.everConnected = false;
    this.lastProblem = undefined;
    this.setStatus('connecting');
    const client = mqtt.connect(this.clientOptions());
    this.client = client;
    this.attach(client);
    return this.snapshot();
  }

  async disconnect(): Promise<ConnectionSnapshot> {
    const client = this.client;
    if (!client) return this.snapshot();
    this.client = undefined;
    // A graceful end sends DISCONNECT when connected; when not, there is nothing to say goodbye to.
    await client.endAsync(!client.connected);
    this.batcher.flush();
    this.setStatus('disconnected', 'disconnected by you');
    return this.snapshot();
  }

  async subscribe(filter: string, qos: QoS): Promise<SubscriptionView> {
    const client = this.requireConnected('subscribe');
    const pending: SubscriptionView = { filter, requestedQos: qos, state: 'pending' };
    this.subscriptions.set(filter, pending);
    this.changed();
    let failure: unknown;
    try {
      await client.subscribeAsync(filter, { qos });
    } catch (error) {
      failure = error;
    }
    // The code comes from the SUBACK itself, as tapped off the wire, not from MQTT.js's error text.
    const code = this.subackCodes.get(filter);
    this.subackCodes.delete(filter);
    let result: SubscriptionView;
    if (code === undefined) {
      result = { filter, requestedQos: qos, state: 'failed', reason: `no SUBACK: ${describeTransportError(failure, this.profile)}` };
    } else if (code <= 2) {
      result = { filter, requestedQos: qos, state: 'granted', grantedQos: code as QoS };
    } else {
      result = this.failedSubscription(filter, qos, code);
    }
    // The user may have unsubscribed while the SUBACK was on its way.
    if (this.subscriptions.get(filter) === pending) {
      this.subscriptions.set(filter, result);
      this.changed();
    }
    return result;
  }

  async unsubscribe(filter: string): Promise<void> {
    const existed = this.subscriptions.delete(filter);
    if (!existed) throw new AppError('not_found', `There is no subscription to ${filter}.`);
    this.changed();
    if (this.client?.connected) await this.client.unsubscribeAsync(filter);
  }

  async publish(topic: string, payload: Uint8Array, qos: QoS, retain: boolean): Promise<{ outcome: PublishOutcome; elapsedMs: number }> {
    const client = this.requireConnected('publish');
    const started = performance.now();
    const published = client.publishAsync(topic, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), { qos, retain });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const ack = qos === 1 ? 'PUBACK' : 'PUBCOMP';
        reject(new AppError('mqtt_error', `no ${ack} within ${ACK_TIMEOUT_MS / 1000} s; the message stays in flight and is resent after a reconnect`));
      }, ACK_TIMEOUT_MS);
    });
    try {
      const ackPacket = await Promise.race([published, timeout]);
      const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
      if (qos === 0) return { outcome: { kind: 'sent' }, elapsedMs };
      const reasonCode = (ackPacket as { reasonCode?: number } | undefined)?.reasonCode;
      const outcome: PublishOutcome = { kind: 'acked', ack: qos === 1 ? 'PUBACK' : 'PUBCOMP' };
      if (reasonCode !== undefined) outcome.reasonCode = reasonCode;
      return { outcome, elapsedMs };
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: unknown }).code;
      const packetName = qos === 1 ? 'PUBACK' : 'PUBREC';
      throw new AppError(
        'mqtt_error',
        typeof code === 'number' ? `the broker refused the message: ${describeReasonCode(code, packetName)}` : `publish failed: ${describeTransportError(error, this.profile)}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  clearMessages(): void {
    this.batcher.discard();
    this.store.clear();
    this.bus.emit('messages.cleared', { connectionId: this.id });
    this.changed();
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    this.batcher.discard();
  }

  private clientOptions(): IClientOptions {
    const profile = this.profile;
    const options: IClientOptions = {
      protocol: profile.transport,
      host: profile.host,
      port: profile.port,
      protocolVersion: profile.protocolVersion,
      clientId: profile.clientId,
      clean: profile.clean,
      keepalive: profile.keepalive,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      resubscribe: true,
      // Nothing is sent behind the user's back: offline publishing is refused, not queued silently.
      queueQoSZero: false,
    };
    if (profile.transport === 'ws') options.path = profile.path;
    if (profile.username) options.username = profile.username;
    if (profile.password) options.password = profile.password;
    return options;
  }

  private attach(client: MqttClient): void {
    const current = () => this.client === client;
    client.on('packetsend', (packet: Packet) => {
      if (current()) this.tap.record('sent', packet);
    });
    client.on('packetreceive', (packet: Packet) => {
      if (current()) this.tap.record('received', packet);
    });
    client.on('connect', () => {
      if (!current()) return;
      this.everConnected = true;
      this.lastProblem = undefined;
      this.setStatus('connected');
    });
    client.on('reconnect', () => {
      if (current()) this.setStatus('reconnecting', this.lastProblem ?? 'the connection was lost; trying again');
    });
    client.on('error', (error) => {
      if (!current()) return;
      if (this.status.state === 'failed') return;
      const reason = describeTransportError(error, this.profile);
      if (!this.everConnected) {
        // A first connection that cannot be made is a failure to report, not something to retry forever.
        this.fail(client, reason);
        return;
      }
      this.lastProblem = reason;
    });
    client.on('close', () => {
      if (!current()) return;
      this.batcher.flush();
      if (this.status.state === 'failed') return;
      if (!this.everConnected) {
        this.fail(client, this.lastProblem ?? `the broker at ${this.profile.host}:${this.profile.port} closed the connection before sending CONNACK`);
        return;
      }
      if (this.status.state === 'connected') {
        this.setStatus('reconnecting', this.lastProblem ?? 'the connection was lost; trying again');
      }
    });
  }

  private onPacket({ packet, wallTime, direction }: TappedPacket): void {
    switch (packet.cmd) {
      case 'publish': {
        const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : new Uint8Array(packet.payload);
        const row = this.store.append(
          {
            time: wallTime,
            direction: direction === 'sent' ? 'out' : 'in',
            topic: packet.topic,
            qos: packet.qos,
            retain: packet.retain,
            dup: packet.dup,
            size: payload.byteLength,
            preview: payloadPreview(payload),
          },
          payload,
        );
        this.batcher.push(row);
        break;
      }
      case 'subscribe': {
        if (packet.messageId !== undefined) this.subscribeFilters.set(packet.messageId, packet.subscriptions.map((entry) => entry.topic));
        break;
      }
      case 'suback': {
        const filters = this.subscribeFilters.get(packet.messageId ?? -1) ?? [];
        this.subscribeFilters.delete(packet.messageId ?? -1);
        packet.granted.forEach((code, index) => {
          const filter = filters[index];
          if (filter !== undefined && typeof code === 'number') this.subackCodes.set(filter, code);
        });
        break;
      }
      case 'connack': {
        const code = this.profile.protocolVersion === 5 ? packet.reasonCode : packet.returnCode;
        if (code !== undefined && code !== 0 && this.client) this.fail(this.client, `the broker refused the connection: ${describeConnack(this.profile.protocolVersion, code)}`);
        break;
      }
      case 'disconnect': {
        if (direction === 'received' && packet.reasonCode !== undefined) {
          this.lastProblem = `the broker disconnected: ${describeReasonCode(packet.reasonCode, 'DISCONNECT')}`;
        }
        break;
      }
      default:
        break;
    }
  }

  private fail(client: MqttClient, reason: string): void {
    this.setStatus('failed', reason);
    client.end(true);
  }

  private failedSubscription(filter: string, qos: QoS, code: number): SubscriptionView {
    return {
      filter,
      requestedQos: qos,
      state: 'failed',
      reasonCode: code,
      reason: describeSubackFailure(this.profile.protocolVersion, code),
    };
  }

  private requireConnected(action: string): MqttClient {
    if (!this.client || !this.isConnected) {
      throw new AppError('not_connected', `Cannot ${action}: "${this.profile.name}" is not connected. Connect first.`);
    }
    return this.client;
  }

  private closeClient(): void {
    const client = this.client;
    this.client = undefined;
    client?.end(true);
  }

  private setStatus(state: ConnectionStatus['state'], reason?: string): void {
    this.status = reason ? { state, reason, since: Date.now() } : { state, since: Date.now() };
    this.changed();
  }

  private changed(): void {
    this.bus.emit('connection.updated', this.snapshot());
  }
}

