import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import mqtt from 'mqtt';
import type { MqttClient, Packet } from 'mqtt';
import type { BrokerReport, ConnectionSnapshot, ConnectionStatus, PendingPublish, SubscriptionView, UnsubscribeResult } from '../../../shared/domain/connection';
import type { HistoryUpdate, PublishOutcome } from '../../../shared/domain/message';
import type { Profile, QoS } from '../../../shared/domain/profile';
import { usesTls, usesWebSocket, viewOfProfile } from '../../../shared/domain/profile';
import { reconnectDelay } from '../../../shared/mqtt/backoff';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import type { EventBus } from '../event-bus';
import { FlowFeed } from '../flows/flow-feed';
import type { MessageStore } from '../messages/message-store';
import type { MessageBudget, MessageFields } from '../messages/message-store';
import { messageProperties, ReceivedTopicAliases } from '../messages/publish-properties';
import type { HistoryNotifier } from '../messages/history-notifier';
import { LifelineFeed } from '../lifeline/lifeline-feed';
import { PacketLog } from '../packets/packet-log';
import { PacketTap } from '../packets/packet-tap';
import type { TappedPacket } from '../packets/packet-tap';
import type { TopicTreeFeed } from '../topics/topic-tree-feed';
import { createSessionHistory } from '../sessions/session-history';
import { connackRefusal, disconnectFromServer, disconnectProblem, reportFromConnack } from './broker-report';
import type { ConnectionProblem } from './broker-report';
import { checkReceivedPacket, describeViolation, isParserError, parserViolation, said } from './broker-violations';
import type { ProtocolViolation, ViolationContext } from './broker-violations';
import { clientOptions } from './client-options';
import { ConnectPhaseClock, watchedWebSocket } from './connect-phases';
import { CoalescedSignal } from './coalesced-signal';
import { ClosedSafeStore } from './closed-safe-store';
import { IncomingBytes, receivedPacketBytes } from './incoming-bytes';
import { OutgoingBytes } from './outgoing-bytes';
import { endClient, goodbyePacket, ignoreInMqttJs, ownDisconnectText, unacknowledgedOf, unacknowledgedText } from './client-ending';
import { englishNested, nested, type NestedMessage } from '../../../shared/i18n/nested';
import { withinTime } from './within-time';
import { PendingQueue } from './pending-queue';
import type { QueuedPublish } from './pending-queue';
import { RedeliveryMarkingStore } from './redelivery-store';
import { publishWithAck, toBuffer } from './publish-with-ack';
import type { PublishOptions } from '../../../shared/mqtt/publish-options';
import { topicAliasUse } from '../messages/topic-alias-use';
import { joinedWire, mayHaveLostOrder, userPropertiesInWireOrder } from '../messages/user-property-order';
import { OutgoingTopicAliases } from './outgoing-topic-aliases';
import { checkOptionsFitVersion, outgoingPublish } from './outgoing-publish';
import { SubscriptionBook, subscriptionResult } from './subscription-book';
import { mqttSubscribeOptions } from './subscribe-options';
import { subscriptionOptionsProblem } from '../../../shared/mqtt/subscription-options';
import type { SubscriptionOptions } from '../../../shared/mqtt/subscription-options';
import { disconnectOptionsProblem } from '../../../shared/mqtt/disconnect-options';
import type { DisconnectOptions } from '../../../shared/mqtt/disconnect-options';
import { describeReasonCode } from '../../../shared/mqtt/reason-codes';
import { describeConnectionError, describeTransportErrorText } from './socket-errors';
import type { DescribedError } from './socket-errors';

/**
 * A connection that lasted this long was a good one: the next loss starts the backoff from the first
 * delay. Only a connection dropped at once (two clients with one client id taking the session from
 * each other) keeps backing off. At 10 s, a broker restarted every few seconds pushed each reconnect
 * further out (1, 2, 6, 12 s… then the 30 s maximum), as if it were such a fight.
 */
const STABLE_CONNECTION_MS = 1_000;

/**
 * QoS 1 and 2 messages from the offline queue in flight at once, when the broker announces no lower
 * Receive Maximum. MQTT.js resends what is in flight one message at a time after a reconnect, and
 * reports the connection only when that is done, so what it holds must stay small.
 */
const QUEUE_IN_FLIGHT_CAP = 256;
/** MQTT 5 §3.2.2.3.3: a CONNACK without Receive Maximum means 65,535. */
const DEFAULT_RECEIVE_MAXIMUM = 65_535;

/** Messages the offline queue handed to one client and not yet settled. */
interface QueueFlight {
  client: MqttClient;
  inFlight: number;
  /** A QoS 0 message waits for the socket to drain; the next is not written before it has. */
  writeBlocked: boolean;
}
/** A drop this soon after CONNACK, without a DISCONNECT, looks like a client id taken over by another client. */
const QUICK_DROP_MS = 3_000;
/** How many such drops in a row, each accepted again by the broker, before the status says so. */
const QUICK_DROPS_FOR_HINT = 3;
/** How long a user's Disconnect waits for the DISCONNECT to be written before the socket is closed anyway. */
const DISCONNECT_WAIT_MS = 1_000;

/**
 * One MQTT client and everything that belongs to it: its status, subscriptions, tapped packets and
 * message history. It lives in the main process so a throttled background window cannot starve its
 * keepalive, and it reports to the renderer only through the event bus.
 */
export class Connection {
  readonly store: MessageStore;
  readonly tap = new PacketTap();
  readonly packets = PacketLog.attach(this.tap, () => this.profile.protocolVersion);
  /** The topic hierarchy of what arrived, fed from the same append as the store. */
  readonly topics: TopicTreeFeed;
  /** Attempts, CONNACKs, pings, disconnects and backoff over time, from the tap and the status. */
  readonly lifeline: LifelineFeed;
  /** The QoS flows of the same packets, fed after the store so a PUBLISH step knows its message id. */
  readonly flows: FlowFeed;
  private readonly topicAliases = new ReceivedTopicAliases();
  /** The aliases this client set up with the broker on the current network connection. */
  private readonly sentTopicAliases = new OutgoingTopicAliases();
  private client: MqttClient | undefined;
  private status: ConnectionStatus = { state: 'idle', since: Date.now() };
  private readonly subscriptions = new SubscriptionBook();
  /** The Session Expiry Interval the last CONNECT sent: a profile edited since does not change what MQTT-3.14.2-2 allows. */
  private connectSessionExpiry: number | undefined;
  /** Told of each subscription the broker refused when it was asked for again, so the profile stops asking. */
  private restoreRefused: ((filter: string) => void) | undefined;
  private readonly notifier: HistoryNotifier;
  private readonly pending = new PendingQueue();
  private flight: QueueFlight | undefined;
  private drainScheduled = false;
  /** Queue changes come once per publish; the snapshots they cause are sent at most every 100 ms. */
  private readonly queueSignal = new CoalescedSignal(() => this.changed());
  private broker: BrokerReport | undefined;
  /** Set when the current client reached CONNACK 0 at least once: later losses are reconnects, not failures. */
  private everConnected = false;
  private lastProblem: ConnectionProblem | undefined;
  private reconnectAttempt = 0;
  /** When the current connection got its CONNACK, to tell a stable connection from one that keeps dropping. */
  private connectedAt: number | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether this attempt's TCP connection was made, to tell "no answer" from "no CONNACK" on a timeout. */
  private transportOpen: boolean | undefined;
  /** The bytes of this attempt not yet reported as packets: each received packet is listed with its own. */
  private incoming: IncomingBytes | undefined;
  /** The bytes MQTT.js writes for each packet, on the stream of the current attempt. */
  private outgoing: OutgoingBytes | undefined;
  /** Whether this attempt's network connection had its CONNACK: a second one is a violation. */
  private connackReceived = false;
  /** Drops right after CONNACK in a row, without a word from the broker: see QUICK_DROP_MS. */
  private quickDrops = 0;
  /** Times the steps of the current attempt, for the broker report and the lifeline. */
  private phaseClock: ConnectPhaseClock | undefined;
  /** Ends an attempt that is still not connected well after its connect timeout, whatever MQTT.js made of the CONNACK. */
  private attemptTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the bytes of the packet being checked are known (IncomingBytes kept track of them). */
  private currentBytesKnown = false;
  /** What the checks of each received packet ask about the connection: one object, read live, not one per packet. */
  private readonly receivedContext: ViolationContext = (() => {
    const connection = this;
    return {
      get protocolVersion() {
        return connection.profile.protocolVersion;
      },
      get connackReceived() {
        return connection.connackReceived;
      },
      get topicAliasMaximum() {
        return connection.profile.protocolVersion === 5 ? (connection.profile.properties.topicAliasMaximum ?? 0) : 0;
      },
      knowsTopicAlias: (alias: number) => connection.topicAliases.has(alias),
      subscribeFilterCount: (messageId: number) => connection.subscriptions.filterCount(messageId),
      topicBytes: () => (connection.currentBytesKnown ? connection.incoming?.currentPublishTopic() : undefined),
    };
  })();

  constructor(
    private profile: Profile,
    private readonly bus: EventBus,
    /** The history's budget; the default keeps 1,000,000 messages or 512 MB of payload. */
    budget: Partial<MessageBudget> = {},
  ) {
    ({ store: this.store, topics: this.topics, notifier: this.notifier } = createSessionHistory(profile.id, bus, budget, this.packets));
    this.lifeline = new LifelineFeed(() => this.id, bus, () => this.profile, (connackAtMs) => this.phaseClock?.phases(connackAtMs));
    // Before our own listener: a refusing CONNACK fails the connection inside it, and the CONNACK belongs first.
    this.tap.onPacket((tapped) => {
      if (!tapped.violation) this.lifeline.recorder.onPacket(tapped);
    });
    this.flows = new FlowFeed(() => this.id, bus, { protocolVersion: profile.protocolVersion });
    // Listed as pending until the first CONNACK, when restoreSession asks the broker for them.
    if (profile.restoreSubscriptions) for (const saved of profile.subscriptions) this.subscriptions.request(saved.filter, saved.qos, saved.options);
    this.tap.onPacket((tapped) => this.onPacket(tapped));
  }

  get id(): string {
    return this.profile.id;
  }

  get isConnected(): boolean {
    return this.status.state === 'connected';
  }

  /**
   * Whether a publish now waits in the offline queue instead of going out: while reconnecting, and
   * until the queue has drained after a reconnect and its last messages are acknowledged, so new
   * messages go behind it (the order holds) and count against the same Receive Maximum.
   */
  get queuesPublishes(): boolean {
    if (this.status.state === 'reconnecting') return true;
    if (!this.isConnected) return false;
    const draining = this.flight !== undefined && this.flight.client === this.client && this.flight.inFlight > 0;
    return this.pending.size > 0 || draining;
  }

  snapshot(): ConnectionSnapshot {
    const snapshot: ConnectionSnapshot = {
      connectionId: this.id,
      profile: viewOfProfile(this.profile),
      status: this.status,
      subscriptions: this.subscriptions.list(),
      messageCount: this.store.size,
      evictedCount: this.store.evicted,
      pending: this.pending.summary(this.flight?.inFlight ?? 0),
    };
    if (this.broker) snapshot.broker = this.broker;
    return snapshot;
  }

  onRestoreRefused(listener: (filter: string) => void): void {
    this.restoreRefused = listener;
  }

  /** Takes effect at the next connect; a live session keeps the settings it was opened with. */
  updateProfile(profile: Profile): void {
    this.profile = profile;
    this.changed();
  }

  connect(): ConnectionSnapshot {
    this.closeClient();
    // A report from an earlier session would pass for this one's until its CONNACK comes.
    this.broker = undefined;
    this.everConnected = false;
    this.lastProblem = undefined;
    this.reconnectAttempt = 0;
    this.connectedAt = undefined;
    this.quickDrops = 0;
    this.flows.tracker.protocolVersion = this.profile.protocolVersion;
    this.flows.tracker.abandonWaiting(nested('connections.lost.replaced'));
    this.setStatus({ state: 'connecting' });
    try {
      // MQTT.js writes CONNECT inside its constructor; connecting by hand lets the tap see that packet.
      const client = mqtt.connect({
        ...clientOptions(this.profile),
        ...(usesWebSocket(this.profile.transport) ? { createWebsocket: watchedWebSocket(() => this.phaseClock) } : {}),
        outgoingStore: new RedeliveryMarkingStore(),
        incomingStore: new ClosedSafeStore(),
        manualConnect: true,
      });
      this.client = client;
      this.attach(client);
      this.phaseClock = new ConnectPhaseClock();
      client.connect();
      this.watchTransport(client);
    } catch (error) {
      // Some problems are thrown, not emitted: TLS material (a wrong passphrase, a key that does not
      // match) and options MQTT.js refuses. The client has no stream then, and end() would throw.
      this.client = undefined;
      this.setStatus({ state: 'failed', ...this.describe(error) });
    }
    return this.snapshot();
  }

  async disconnect(options: DisconnectOptions = {}): Promise<ConnectionSnapshot> {
    const problem = disconnectOptionsProblem(options, this.profile.protocolVersion, this.connectSessionExpiry ?? this.profile.properties.sessionExpiryInterval);
    if (problem) throw new AppError('invalid_input', problem);
    this.cancelReconnect();
    const client = this.client;
    if (!client) {
      if (this.status.state === 'reconnecting') this.setStatus({ state: 'disconnected', text: nested('connections.status.byYou') });
      return this.snapshot();
    }
    this.client = undefined;
    this.stopAttemptTimer();
    this.stopReadingBytes();
    const left = unacknowledgedText(unacknowledgedOf(client, this.subscriptions));
    // MQTT.js's graceful end waits for every acknowledgement still to come, and a broker that never
    // sends one (or is frozen) would hold the user's Disconnect for ever: say goodbye, then close.
    await endClient(client, {
      goodbye: client.connected ? goodbyePacket(this.profile.protocolVersion, options) : undefined,
      protocolVersion: this.profile.protocolVersion,
      waitMs: DISCONNECT_WAIT_MS,
      onSent: (packet, bytes) => this.tap.record('sent', packet, { wire: [bytes] }),
    });
    this.notifier.flush();
    const said = client.connected || options.reasonCode === undefined ? ownDisconnectText(options) : nested('connections.status.byYou');
    this.setStatus({ state: 'disconnected', text: left ? nested('connections.status.saidLeft', undefined, { said, left }) : said });
    return this.snapshot();
  }

  async subscribe(filter: string, qos: QoS, options?: SubscriptionOptions): Promise<SubscriptionView> {
    const problem = subscriptionOptionsProblem(filter, options, this.profile.protocolVersion);
    if (problem) throw new AppError('invalid_input', problem);
    const client = this.requireConnected('subscribe');
    const pending = this.subscriptions.request(filter, qos, options);
    this.changed();
    return this.sendSubscribe(client, pending);
  }

  async unsubscribe(filter: string): Promise<UnsubscribeResult> {
    const existed = this.subscriptions.delete(filter);
    if (!existed) throw new AppError('not_found', msg('connections.error.noSubscription', { filter }));
    this.changed();
    const client = this.client;
    if (!client?.connected) return reasonOf(nested('connections.unsubscribe.notSent'));
    // Bounded like a SUBSCRIBE: the subscription is gone from the list either way.
    const waitMs = this.answerWaitMs();
    const answered = await withinTime(client.unsubscribeAsync(filter).then(() => true, () => false), waitMs);
    // Read off the tapped UNSUBACK, like SUBACK codes: it names the code of each filter.
    const code = this.subscriptions.takeUnsubackCode(filter);
    if (code !== undefined) return { reasonCode: code, reason: describeReasonCode(code, 'UNSUBACK') };
    if (!answered) return reasonOf(nested('connections.unsubscribe.noUnsuback', { seconds: waitMs / 1000 }));
    return {};
  }

  async publish(topic: string, payload: Uint8Array, qos: QoS, retain: boolean, options?: PublishOptions): Promise<{ outcome: PublishOutcome; elapsedMs: number }> {
    checkOptionsFitVersion(options, this.profile.protocolVersion);
    if (this.queuesPublishes) {
      const queued = this.pending.add(topic, payload, qos, retain, options);
      this.queueSignal.request();
      if (this.client && this.isConnected) this.scheduleDrain(this.client);
      return { outcome: { kind: 'queued', pendingId: queued.id }, elapsedMs: 0 };
    }
    const client = this.requireConnected('publish');
    const outgoing = outgoingPublish({ topic, payload, qos, retain }, options, this.sentTopicAliases);
    const result = await publishWithAck(client, { topic: outgoing.topic, payload, qos, retain, properties: outgoing.properties }, this.profile);
    if (outgoing.aliasUse && result.outcome.kind === 'acked') result.outcome.topicAlias = outgoing.aliasUse;
    return result;
  }

  /** The connected MQTT.js client, for a feature that sends packets of its own (request/response); throws when not connected. */
  liveClient(action: ConnectionAction): MqttClient {
    return this.requireConnected(action);
  }

  /** Drops the messages waiting for a reconnect; returns how many there were. */
  discardPending(): number {
    const count = this.pending.discard();
    this.changed();
    return count;
  }

  /** Rows of the queue for a view that shows a page of it; events carry only its counts. */
  pendingPage(offset: number, limit: number): { rows: PendingPublish[]; total: number } {
    return { rows: this.pending.page(offset, limit), total: this.pending.size };
  }

  /** Evictions it causes are reported like any other, so the view says how many went. */
  setBudget(budget: MessageBudget): void {
    this.store.setBudget(budget);
    this.notifier.flush();
  }

  history(): HistoryUpdate {
    return this.notifier.snapshot();
  }

  clearMessages(): void {
    this.notifier.discard();
    this.store.clear();
    this.topics.clear();
    this.bus.emit('messages.cleared', { connectionId: this.id });
    this.changed();
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    this.notifier.discard();
    this.queueSignal.dispose();
    this.topics.dispose();
    this.lifeline.dispose();
    this.flows.dispose();
  }

  private async sendSubscribe(client: MqttClient, request: SubscriptionView): Promise<SubscriptionView> {
    const { filter, requestedQos: qos } = request;
    // Saved options stay with a profile switched to MQTT 3.1.1, for when it speaks MQTT 5 again.
    const options = this.profile.protocolVersion === 5 ? request.options : undefined;
    let failure: unknown;
    let timedOut = false;
    const waitMs = this.answerWaitMs();
    try {
      const answered = await withinTime(client.subscribeAsync(filter, mqttSubscribeOptions(qos, options)).then(() => true), waitMs);
      timedOut = !answered;
    } catch (error) {
      failure = error;
    }
    const code = this.subscriptions.takeCode(filter);
    // The connection went down before the SUBACK: the request stays pending and is sent again on connect.
    if (code === undefined && (!this.isConnected || this.client !== client)) return request;
    const result: SubscriptionView =
      code === undefined
        ? {
            filter,
            requestedQos: qos,
            state: 'failed',
            ...reasonOf(timedOut ? nested('connections.subscribe.noSuback', { seconds: waitMs / 1000 }) : nested('connections.subscribe.failed', undefined, { problem: describeTransportErrorText(failure, this.profile) })),
          }
        : subscriptionResult(request, code, this.profile.protocolVersion);
    if (this.subscriptions.settle(request, result)) this.changed();
    return result;
  }

  private attach(client: MqttClient): void {
    const current = () => this.client === client;
    client.on('packetsend', (packet: Packet) => {
      // mqtt-packet writes from these fields right after this event, so they encode to the bytes written.
      if (current()) this.tap.record('sent', packet, { wire: this.writtenBytes(client)?.beginPacket(), rebuildsExactly: true });
    });
    client.on('packetreceive', (packet: Packet) => {
      if (current()) this.onReceived(client, packet);
    });
    client.on('connect', (connack) => {
      if (!current()) return;
      this.stopAttemptTimer();
      this.everConnected = true;
      this.lastProblem = undefined;
      this.connectedAt = Date.now();
      this.setStatus({ state: 'connected' });
      // Not only after a lost connection: after the user's own disconnect and connect too, or the
      // list would show as granted subscriptions that a clean session no longer has.
      this.restoreSession(client, connack.sessionPresent);
      // A QoS 0 message waiting for the old socket to drain waits no more: that socket is gone.
      if (this.flight?.client === client) this.flight.writeBlocked = false;
      this.drainPending(client);
    });
    client.on('error', (error) => this.onError(client, error));
    client.on('close', () => {
      if (!current()) return;
      this.stopAttemptTimer();
      this.notifier.flush();
      this.flows.tracker.connectionLost(this.lastProblem?.reason ?? 'socket closed', this.lastProblem?.text ?? nested('connections.lost.socketClosed'));
      if (this.status.state === 'failed') return;
      if (!this.everConnected) {
        this.fail(client, this.lastProblem ?? problemOf(nested('connections.error.closedAfterConnect', { where: `${this.profile.host}:${this.profile.port}` }), 'socket closed before CONNACK'));
        return;
      }
      this.scheduleReconnect(client);
    });
  }

  /**
   * Every packet from the broker passes here before anything else sees it. One that breaks the
   * protocol ends the connection; nothing in it may throw into MQTT.js's socket handling.
   */
  private onReceived(client: MqttClient, packet: Packet): void {
    const incoming = this.incoming;
    try {
      const known = incoming?.beginPacket(packet.length ?? 0) ?? false;
      this.currentBytesKnown = known;
      const violation = checkReceivedPacket(packet, this.receivedContext);
      if (packet.cmd === 'connack') this.connackReceived = true;
      if (!violation) {
        const kept = known && incoming ? receivedPacketBytes(incoming, packet, this.profile.protocolVersion) : {};
        incoming?.endPacket();
        this.tap.record('received', packet, kept);
        return;
      }
      const bytes = known ? incoming?.currentBytes() : undefined;
      incoming?.endPacket();
      this.breach(client, violation, { ...packet }, bytes);
      ignoreInMqttJs(packet);
    } catch (error) {
      // A packet our own code could not take: end this connection, saying so, and let the app go on.
      const message = error instanceof Error ? error.message : String(error);
      const internal = { ...said(nested('connections.violation.unhandled', { message })), rule: 'an internal error of MQTT Lab', ruleText: nested('connections.violation.internalRule') };
      this.breach(client, { packetName: packet.cmd.toUpperCase(), ...internal, disconnectCode: 0x83 }, { ...packet }, undefined);
      ignoreInMqttJs(packet);
    }
  }

  /**
   * The broker broke the protocol: keep the packet, marked, close as the spec says (with a
   * DISCONNECT on MQTT 5) and stay down, since connecting again would most likely meet the same.
   */
  private breach(client: MqttClient, violation: ProtocolViolation, packet: Packet | undefined, bytes: Uint8Array | undefined): void {
    if (this.client !== client) return;
    const version = this.profile.protocolVersion;
    const { reason, text, detail, mark } = describeViolation(violation, bytes, version);
    // A packet that could not be parsed is listed under the type its first byte names.
    const listed = packet ?? ({ cmd: violation.packetName.split(' ')[0]?.toLowerCase() ?? 'reserved' } as unknown as Packet);
    this.tap.record('received', listed, { violation: mark });
    this.cancelReconnect();
    this.stopAttemptTimer();
    this.stopReadingBytes();
    this.client = undefined;
    void endClient(client, { goodbye: version === 5 ? { cmd: 'disconnect', reasonCode: violation.disconnectCode } : undefined, protocolVersion: version, waitMs: DISCONNECT_WAIT_MS, onSent: (sent, sentBytes) => this.tap.record('sent', sent, { wire: [sentBytes] }) });
    this.notifier.flush();
    this.flows.tracker.connectionLost(reason, text);
    this.setStatus({ state: this.everConnected ? 'disconnected' : 'failed', text, detail });
  }

  private onError(client: MqttClient, error: unknown): void {
    if (this.client !== client) return;
    if (isParserError(error)) {
      const bytes = this.incoming?.locateMalformed(this.profile.protocolVersion);
      this.breach(client, parserViolation(error, this.profile.protocolVersion, bytes?.[0]), undefined, bytes);
      return;
    }
    if (this.status.state === 'failed') return;
    const described = this.describe(error);
    if (!this.everConnected) {
      // A first connection that cannot be made is a failure to report, not something to retry forever.
      this.fail(client, described);
      return;
    }
    this.lastProblem = described;
  }

  private scheduleReconnect(client: MqttClient): void {
    if (this.reconnectTimer) return;
    // The backoff starts over only after a connection that held. One that drops right after CONNACK
    // (as when two clients share a client id and take the session from each other, which brokers
    // before MQTT 5 do without a word) keeps backing off instead of retrying at the first delay for ever.
    const lasted = this.connectedAt === undefined ? undefined : Date.now() - this.connectedAt;
    const held = lasted !== undefined && lasted >= STABLE_CONNECTION_MS;
    if (held) this.reconnectAttempt = 0;
    this.connectedAt = undefined;
    // Only a pattern points at a shared client id: drops right after CONNACK, again and again, each
    // without a DISCONNECT, while the broker keeps accepting the connection. One drop (a broker
    // restart) says nothing of the kind; an MQTT 5 broker says 0x8E (session taken over) itself.
    const quick = lasted !== undefined && lasted < QUICK_DROP_MS && this.lastProblem === undefined;
    this.quickDrops = quick ? this.quickDrops + 1 : 0;
    const lost = this.lastProblem ?? (this.quickDrops >= QUICK_DROPS_FOR_HINT
      ? problemOf(nested('connections.error.quickDrops', { times: this.quickDrops }), 'socket closed')
      : problemOf(nested(held ? 'connections.error.lost' : 'connections.error.lostSoon'), 'socket closed'));
    const options = this.profile.reconnect;
    if (lost.stayDown) {
      // Coming back would undo what the broker did on purpose (give the session to another client), or
      // resend the in-flight message it threw the connection out over, and be thrown out again.
      this.client = undefined;
      client.end(true);
      this.setStatus({ state: 'disconnected', text: lost.text, detail: lost.detail });
      return;
    }
    if (!options.enabled) {
      this.client = undefined;
      client.end(true);
      this.setStatus({ state: 'disconnected', text: nested('connections.error.reconnectOff', undefined, { problem: lost.text }), detail: lost.detail });
      return;
    }
    const attempt = ++this.reconnectAttempt;
    if (options.maxAttempts > 0 && attempt > options.maxAttempts) {
      this.fail(client, problemOf(nested('connections.error.gaveUp', { attempts: options.maxAttempts }, { problem: lost.text }), lost.detail));
      return;
    }
    const delay = reconnectDelay(attempt, options);
    // One clock reading for both, so the delay the lifeline reads back is the one scheduled.
    const now = Date.now();
    this.setStatus({ state: 'reconnecting', text: lost.text, detail: lost.detail, attempt, nextAttemptAt: now + delay, since: now });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.client || this.client !== client) return;
      this.setStatus({ state: 'reconnecting', text: nested('connections.status.attemptConnecting', { attempt }), detail: lost.detail, attempt });
      this.phaseClock = new ConnectPhaseClock();
      // Passing the stores keeps QoS 1 and 2 messages that were in flight, so they are resent.
      client.reconnect({ incomingStore: client.incomingStore, outgoingStore: client.outgoingStore });
      this.watchTransport(client);
    }, delay);
  }

  /** A broker that kept the session kept its subscriptions; otherwise ask again for each. */
  private restoreSession(client: MqttClient, sessionPresent: boolean): void {
    // A kept session still lacks those never answered: restored from the profile, or cut off before their SUBACK.
    const restoring = sessionPresent ? this.subscriptions.list().filter((view) => view.state === 'pending') : this.subscriptions.toRestore();
    for (const subscription of restoring) {
      void this.sendSubscribe(client, this.subscriptions.request(subscription.filter, subscription.requestedQos, subscription.options)).then((result) => {
        if (result.state === 'failed' && result.reasonCode !== undefined) this.restoreRefused?.(result.filter);
      });
    }
    if (restoring.length > 0) this.changed();
  }

  /**
   * Sends the queue at the broker's pace: at most Receive Maximum QoS 1 and 2 messages unacknowledged
   * (the rest stay queued, and counted, until acknowledgements make room), and QoS 0 only as fast as
   * the socket takes it. Handing all of a long queue to MQTT.js at once would put every message in
   * its store, to be resent one round trip at a time after the next drop before it reports the
   * connection back.
   */
  private drainPending(client: MqttClient): void {
    if (this.flight?.client !== client) this.flight = { client, inFlight: 0, writeBlocked: false };
    const flight = this.flight;
    const limit = this.inFlightLimit();
    let sent = 0;
    while (this.client === client && this.isConnected && client.connected) {
      const next = this.pending.peek();
      if (!next) break;
      if (next.view.qos === 0 ? flight.writeBlocked : flight.inFlight >= limit) break;
      this.pending.shift();
      this.sendQueued(client, flight, next);
      sent++;
    }
    if (sent > 0) this.queueSignal.request();
  }

  private sendQueued(client: MqttClient, flight: QueueFlight, item: QueuedPublish): void {
    const { qos, retain } = item.view;
    const outgoing = outgoingPublish({ topic: item.view.topic, payload: item.payload, qos, retain }, item.options, this.sentTopicAliases, true);
    const { topic } = outgoing;
    if (qos === 0) flight.writeBlocked = true;
    else flight.inFlight++;
    // MQTT.js calls back for QoS 0 once the socket took the bytes (at once, or at 'drain'); for
    // QoS 1 and 2 at the acknowledgement, which after a lost connection comes from its resend.
    client.publish(topic, toBuffer(item.payload), outgoing.properties ? { qos, retain, properties: outgoing.properties } : { qos, retain }, (error) => {
      if (qos === 0) flight.writeBlocked = false;
      else flight.inFlight--;
      // A QoS 0 message not written goes back to the front for the next connection; QoS 1 and 2
      // fail only when the client is ended (the user's disconnect) or the broker refuses them.
      if (error && qos === 0 && this.flight === flight) this.pending.returnToFront(item);
      if (this.flight === flight) {
        this.queueSignal.request();
        this.scheduleDrain(client);
      }
    });
  }

  /** One drain per turn of the event loop, however many acknowledgements arrived in it. */
  private scheduleDrain(client: MqttClient): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      if (this.client === client) this.drainPending(client);
    });
  }

  private inFlightLimit(): number {
    const announced = this.broker?.properties.receiveMaximum ?? DEFAULT_RECEIVE_MAXIMUM;
    return Math.max(1, Math.min(announced, QUEUE_IN_FLIGHT_CAP));
  }

  private onPacket(tapped: TappedPacket): void {
    // A packet that broke the protocol is in the packet list, and nowhere else: not a message, not a flow step.
    if (tapped.violation) return;
    const { packet, wallTime, monotonicMs, direction } = tapped;
    // Before what follows: a refusing CONNACK ends the client, and the flow must have it first.
    if (packet.cmd !== 'publish') this.flows.tracker.record(tapped);
    switch (packet.cmd) {
      case 'publish': {
        // No copy here: the store copies the bytes into its own buffers.
        const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
        const fields: MessageFields = {
          time: wallTime,
          monotonicMs,
          direction: direction === 'sent' ? 'out' : 'in',
          topic: direction === 'received' ? this.topicAliases.resolve(packet.topic, packet.properties?.topicAlias) : this.sentTopicAliases.topicOf(packet.topic, packet.properties?.topicAlias),
          qos: packet.qos,
          retain: packet.retain,
          dup: packet.dup,
          size: payload.byteLength,
        };
        if (packet.messageId !== undefined) fields.packetId = packet.messageId;
        const properties = messageProperties(packet.properties);
        if (properties) fields.properties = properties;
        if (properties?.userProperties && direction === 'received' && mayHaveLostOrder(packet.properties?.userProperties)) {
          const wire = joinedWire(tapped.wire);
          const ordered = wire && userPropertiesInWireOrder(wire);
          if (ordered) properties.userProperties = ordered;
        }
        if (properties?.topicAlias !== undefined) {
          const use = topicAliasUse(packet, fields.topic);
          if (use) {
            properties.topicAliasUse = use;
            tapped.topicAlias = { ...use, topic: fields.topic };
          }
        }
        const id = this.store.append(fields, payload);
        this.packets.keepAsMessage(tapped, id);
        this.flows.tracker.record(tapped, id);
        this.notifier.noteAppended(fields.direction);
        break;
      }
      case 'subscribe':
        this.subscriptions.noteSubscribe(packet);
        break;
      case 'suback':
        this.subscriptions.noteSuback(packet);
        break;
      case 'unsubscribe':
        this.subscriptions.noteUnsubscribe(packet);
        break;
      case 'unsuback':
        this.subscriptions.noteUnsuback(packet);
        break;
      case 'connect':
        if (direction === 'sent') {
          this.phaseClock?.noteConnectQueued(monotonicMs);
          this.connectSessionExpiry = packet.properties?.sessionExpiryInterval ?? 0;
        }
        break;
      case 'connack': {
        this.topicAliases.clear();
        this.sentTopicAliases.reset(packet.properties?.topicAliasMaximum);
        const report = reportFromConnack(packet, this.profile.protocolVersion, wallTime, this.phaseClock?.phases(monotonicMs));
        this.broker = report;
        if (report.code !== 0 && this.client) this.fail(this.client, connackRefusal(report));
        break;
      }
      case 'disconnect': {
        if (direction === 'received') {
          const said = disconnectFromServer(packet, wallTime);
          if (this.broker) this.broker = { ...this.broker, disconnect: said };
          this.lastProblem = disconnectProblem(packet, said);
        }
        break;
      }
      default:
        break;
    }
  }

  /** Listens to the stream of each attempt itself, for what MQTT.js does not pass on. */
  private watchTransport(client: MqttClient): void {
    const stream: unknown = client.stream;
    this.transportOpen = undefined;
    this.connackReceived = false;
    // Not the written bytes: MQTT.js has already written CONNECT to this stream, and they were tapped.
    this.incoming?.detach();
    this.incoming = undefined;
    if (stream instanceof EventEmitter) this.incoming = new IncomingBytes(stream);
    this.startAttemptTimer(client);
    // MQTT.js passes on only stream errors that carry a code, and TLS errors only when verifying:
    // a WebSocket refused with HTTP 404 would otherwise end as a bare "closed".
    if (stream instanceof EventEmitter) {
      stream.on('error', (error: unknown) => {
        if (client.stream === stream) this.onError(client, error);
      });
    }
    // MQTT.js starts its CONNACK timer before TCP connects, so its "connack timeout" alone cannot say
    // whether the host never answered or answered and then said nothing. Over TCP and TLS the socket
    // tells; over WebSocket MQTT.js keeps the socket to itself, and the question stays open.
    if (!(stream instanceof Socket)) return;
    this.phaseClock?.watchSocket(stream, usesTls(this.profile.transport));
    this.transportOpen = !stream.connecting;
    stream.once('connect', () => {
      if (client.stream === stream) this.transportOpen = true;
    });
  }

  private describe(error: unknown): DescribedError {
    return describeConnectionError(error, this.profile, { beforeConnack: this.status.state !== 'connected', transportOpen: this.transportOpen });
  }

  /**
   * MQTT.js times out only an attempt that got no CONNACK at all; one whose CONNACK it could not act
   * on stayed "connecting" for ever. This bounds every attempt, a little after MQTT.js's own timer.
   */
  private startAttemptTimer(client: MqttClient): void {
    this.stopAttemptTimer();
    this.attemptTimer = setTimeout(() => {
      this.attemptTimer = undefined;
      if (this.client !== client || client.connected) return;
      const seconds = this.profile.connectTimeoutSeconds;
      const problem = this.connackReceived
        ? problemOf(nested('connections.error.connackIncomplete', { seconds }), 'CONNACK received, connection not established')
        : this.describe(new Error('connack timeout'));
      if (!this.everConnected) {
        this.fail(client, problem);
        return;
      }
      this.lastProblem = problem;
      client.stream.destroy();
    }, this.answerWaitMs() + 1_000);
  }

  private stopAttemptTimer(): void {
    clearTimeout(this.attemptTimer);
    this.attemptTimer = undefined;
  }

  private stopReadingBytes(): void {
    this.incoming?.detach();
    this.incoming = undefined;
    this.outgoing?.detach();
    this.outgoing = undefined;
  }

  /**
   * Taps the stream MQTT.js writes to. Set up at its first packet: MQTT.js makes a new stream for
   * each attempt and writes CONNECT to it before anyone else can see it.
   */
  private writtenBytes(client: MqttClient): OutgoingBytes | undefined {
    const stream: unknown = client.stream;
    if (this.outgoing?.stream === stream) return this.outgoing;
    this.outgoing?.detach();
    this.outgoing = undefined;
    if (isWritable(stream)) this.outgoing = new OutgoingBytes(stream);
    return this.outgoing;
  }

  /** How long to wait for the broker to answer a SUBSCRIBE or UNSUBSCRIBE, and for a CONNACK: the profile's connect timeout. */
  private answerWaitMs(): number {
    return this.profile.connectTimeoutSeconds * 1000;
  }

  private fail(client: MqttClient, problem: DescribedError): void {
    this.cancelReconnect();
    this.stopAttemptTimer();
    this.setStatus({ state: 'failed', text: problem.text, detail: problem.detail });
    client.end(true);
  }

  private requireConnected(action: ConnectionAction): MqttClient {
    if (!this.client || !this.isConnected) {
      // The action is a name the catalogue words, so the sentence reads whole in every language.
      throw new AppError('not_connected', msg('connections.error.notConnectedTo', { action, name: this.profile.name }));
    }
    return this.client;
  }

  private cancelReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  private closeClient(): void {
    this.cancelReconnect();
    this.stopAttemptTimer();
    this.stopReadingBytes();
    const client = this.client;
    this.client = undefined;
    client?.end(true);
  }

  /** `text` is the reason as a message: the status carries it for the renderer, and its English as `reason`. */
  private setStatus(status: Omit<ConnectionStatus, 'since' | 'reason' | 'reasonText'> & { since?: number; text?: NestedMessage }): void {
    const { text, ...rest } = status;
    this.status = { ...rest, ...(text ? { reason: englishNested(text), reasonText: text } : {}), since: status.since ?? Date.now() };
    this.lifeline.recorder.onStatus(this.status);
    this.changed();
  }

  private changed(): void {
    this.bus.emit('connection.updated', this.snapshot());
    this.queueSignal.fired();
  }
}

/** What a feature wanted to do with the live client, named for the "is not connected" sentence. */
export type ConnectionAction = 'subscribe' | 'publish' | 'cutSocket' | 'sendAuth' | 'stopPinging' | 'sendRequest' | 'answerRequest';

/** A problem of our own words, with the raw detail for searching. */
function problemOf(text: NestedMessage, detail: string): ConnectionProblem {
  return { reason: englishNested(text), text, detail };
}

function isWritable(stream: unknown): stream is { write(chunk: unknown, ...rest: unknown[]): boolean } {
  return typeof stream === 'object' && stream !== null && typeof (stream as { write?: unknown }).write === 'function';
}

/** A subscribe or unsubscribe reason of our own: English for logs, tests and the CLI, the Message for the screen. */
function reasonOf(text: NestedMessage): { reason: string; reasonText: NestedMessage } {
  return { reason: englishNested(text), reasonText: text };
}
