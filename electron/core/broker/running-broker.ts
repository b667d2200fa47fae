import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import type { AedesOptions, AedesPublishPacket, Client } from 'aedes';
import type { BrokerClientView, BrokerListener, BrokerLogKind, BrokerSharedGroupView } from '../../../shared/domain/broker';
import { protocolNames } from '../../../shared/domain/profile';
import type { ProtocolVersion } from '../../../shared/domain/profile';
import { connackToV5, describeConnack } from '../../../shared/mqtt/reason-codes';
import { AppError } from '../app-error';
import { englishText, text, type BrokerText } from '../../../shared/broker/broker-text';
import { msg } from '../../../shared/i18n';
import { capAtGrantedQos, deliverPerSubscription } from './granted-qos';
import { connectedClient, endSessionWithConnection, forgetWill, hardenBroker, onSessionExpired, persistenceOf, queueForAway, sessionEndsWithConnection, subscriptionsOf } from './aedes-internals';
import { credentialProblem } from './broker-auth';
import { BrokerListeners } from './broker-listeners';
import type { ListenerPlan } from './broker-listeners';
import type { BrokerSettings } from './broker-settings';
import { listenerLabels, unusableBindAddress } from './listen-failure';
import type { RateMeter } from './rate-meter';
import { RetainedMessages } from './retained-messages';
import { SharedSubscriptions } from './shared-subscriptions';
import { checkTlsCredentials } from './tls-credentials';
import { MAX_PACKET_SIZE, MAX_UNRELEASED_QOS2 } from './wire/aedes2-workarounds';
import type { BrokerPacketLog } from './wire/broker-packet-log';
import { BrokerWire } from './wire/broker-wire';
import type { FaultGate, WireHooks } from './wire/broker-wire';
import { OutboundResends } from './wire/outbound-resends';

/** What a running broker needs from the service that outlives it. */
export interface RunContext {
  /** As they were when the broker started: saved changes wait for the next start. */
  settings: BrokerSettings;
  faults: FaultGate;
  packets: BrokerPacketLog;
  rates: { in: RateMeter; out: RateMeter };
  log(kind: BrokerLogKind, message: BrokerText, clientId?: string): void;
  /** Something the snapshot shows changed (clients, subscriptions, retained). */
  changed(): void;
}

interface ConnectedClient {
  client: Client;
  wire: BrokerWire;
  connectedAt: number;
}

const STOPPED = text('broker.reason.stopped');
/** Topic aliases a client may set towards the broker: mosquitto 2.0.11's default (max_topic_alias 10). */
export const TOPIC_ALIAS_MAXIMUM = 10;

/**
 * The Response Information (MQTT 5 §3.2.2.3.15) given to a client that asks for it: a topic prefix
 * of its own, from which it builds response topics. mosquitto 2.0.11 gives none (the spec allows that);
 * MQTT Lab's request/response helper builds its response topic from it.
 */
export function responseInformationFor(client: Client): string {
  return `response/${client.id}/`;
}
const ADMINISTRATIVE_ACTION = 0x98;

/**
 * One run of the broker, from start to stop: aedes, its listeners, and the wire of every client.
 * A new one is made at each start, so nothing of a stopped run (clients, retained messages, timers)
 * can leak into the next.
 */
export class RunningBroker {
  readonly startedAt = Date.now();
  readonly retained: RetainedMessages;
  private readonly shared: SharedSubscriptions;
  /** Client ids whose session outlived their connection and has not expired. */
  private readonly keptSessions = new Set<string>();
  private listeners: BrokerListeners | undefined;
  private readonly wires = new Set<BrokerWire>();
  /** By client id; a takeover replaces the entry before the old connection's disconnect is seen. */
  private readonly connected = new Map<string, ConnectedClient>();
  /** Wires whose refusal is logged already, so aedes' follow-up connection error is not logged again. */
  private readonly refused = new WeakSet<BrokerWire>();
  private readonly hooks: WireHooks;

  private constructor(
    private readonly broker: Aedes,
    private readonly context: RunContext,
  ) {
    this.retained = new RetainedMessages(persistenceOf(broker));
    this.shared = new SharedSubscriptions(
      (clientId) => this.connected.get(clientId)?.client,
      (clientId, packet) => queueForAway(broker, clientId, packet),
    );
    this.hooks = {
      faults: context.faults,
      packets: context.packets,
      countPublish: (direction) => context.rates[direction].count(),
      refused: (wire, code, fault) => this.logRefusal(wire, code, fault),
      cleanIncoming: async (clientId) => {
        await persistenceOf(broker).cleanIncoming?.({ id: clientId });
      },
      shared: {
        subscribe: (clientId, subscription, subscriptionIdentifier) => {
          const code = this.shared.subscribe(clientId, subscription, subscriptionIdentifier);
          context.changed();
          return code;
        },
        unsubscribe: (clientId, topic) => {
          const code = this.shared.unsubscribe(clientId, topic);
          context.changed();
          return code;
        },
        acknowledged: (clientId, delivery) => this.shared.acknowledged(clientId, delivery),
      },
      resends: new OutboundResends(),
      sessionStarted: (clientId) => {
        this.hooks.resends.forget(clientId);
        this.keptSessions.delete(clientId);
        this.shared.forget(clientId);
      },
      sessionKept: (clientId) => {
        const live = this.connected.get(clientId);
        return this.keptSessions.has(clientId) || (live !== undefined && !sessionEndsWithConnection(live.client) && !live.wire.ephemeralSession);
      },
      discarded: (wire, message) => context.log('dropped', message, wire.clientId),
    };
    broker.authenticate = this.authenticate;
    broker.authorizeForward = capAtGrantedQos;
    this.observe();
  }

  /**
   * Checks the settings, starts aedes and opens the listeners. Throws an AppError (broker_error)
   * that says what to change, and leaves nothing running or listening behind.
   */
  static async start(context: RunContext): Promise<RunningBroker> {
    const { settings } = context;
    if (isIP(settings.bindAddress) === 0) throw unusableBindAddress(settings.bindAddress);
    const tls = settings.tls.enabled ? checkTlsCredentials(settings.tls.cert, settings.tls.keyName, settings.tlsKey) : undefined;
    const plans: ListenerPlan[] = [{ kind: 'mqtt', port: settings.tcpPort }];
    if (settings.websocket.enabled) plans.push({ kind: 'ws', port: settings.websocket.port });
    if (settings.tls.enabled) plans.push({ kind: 'mqtts', port: settings.tls.port });

    // aedes only announces this; the wire enforces it (DISCONNECT 0x93 past the limit).
    const broker = await Aedes.createBroker({
      receiveMaximum: MAX_UNRELEASED_QOS2,
      maximumPacketSize: MAX_PACKET_SIZE,
      // As mosquitto 2.0.11 allows by default; aedes' default of 0 refuses every alias a client sends.
      topicAliasMaximum: TOPIC_ALIAS_MAXIMUM,
      responseInformation: responseInformationFor,
    });
    hardenBroker(broker);
    deliverPerSubscription(broker);
    const run = new RunningBroker(broker, context);
    try {
      run.listeners = await BrokerListeners.open(settings.bindAddress, plans, tls, {
        accept: run.accept,
        failed: (kind, error) => context.log('error', text('broker.log.listenerFailed', { listener: listenerLabels[kind], error: error.message })),
      });
    } catch (error) {
      await closeAedes(broker);
      throw error;
    }
    return run;
  }

  get listenerViews(): BrokerListener[] {
    return this.listeners?.views ?? [];
  }

  clients(): BrokerClientView[] {
    // The flags come from the CONNECT as the client sent it: aedes 2's client.clean means "session
    // expiry 0", and the wire may have asked aedes for a different expiry (Aedes2Workarounds).
    return [...this.connected.values()].map(({ client, wire, connectedAt }) => ({
      clientId: client.id,
      address: wire.remoteAddress,
      protocolVersion: wire.connectRequest?.protocolVersion ?? client.version,
      keepalive: wire.connectRequest?.keepalive ?? 0,
      clean: wire.connectRequest?.clean ?? client.clean,
      ...(wire.connectRequest?.sessionExpiryInterval === undefined ? {} : { sessionExpiryInterval: wire.connectRequest.sessionExpiryInterval }),
      connectedAt,
      messagesIn: wire.messagesIn,
      messagesOut: wire.messagesOut,
      subscriptions: this.shared.empty ? subscriptionsOf(client) : [...subscriptionsOf(client), ...this.shared.filtersOf(client.id)],
    }));
  }

  /** The shared subscription groups and their members, for the broker page. */
  sharedGroups(): BrokerSharedGroupView[] {
    return this.shared.views();
  }

  /** Closes the client's connection from the broker's side; its will is forgotten, not published. */
  kick(clientId: string): void {
    const { client, wire } = this.entry(clientId);
    wire.closeBecause(text('broker.reason.kicked'));
    this.context.log('kick', text('broker.log.kicked', { clientId }), clientId);
    forgetWill(client);
    if (wire.ephemeralSession) endSessionWithConnection(client);
    // MQTT 5 clients hear why (DISCONNECT 0x98, administrative action); aedes just closes a 3.1.1 one.
    client.disconnect({ reasonCode: ADMINISTRATIVE_ACTION });
  }

  /** Drops the client's socket without a word, as a network failure would: the broker publishes its will. */
  cut(clientId: string): void {
    const { wire } = this.entry(clientId);
    this.context.log('cut', text('broker.log.cut', { clientId }), clientId);
    wire.cut();
  }

  /** A pause-delivery fault was lifted: the held packets of every client no longer paused go on. */
  releaseHeld(unpaused: (clientId: string) => boolean): void {
    for (const wire of this.wires) if (unpaused(wire.clientId)) wire.releaseHeld();
  }

  /** Closes every connection and listener; resolves once the ports are free. */
  async stop(): Promise<void> {
    // A stopping broker publishes no wills: its subscribers are being disconnected too.
    for (const { client } of this.connected.values()) forgetWill(client);
    for (const wire of this.wires) if (wire.closeReason === undefined) wire.closeBecause(STOPPED);
    await this.listeners?.close();
    await closeAedes(this.broker);
    for (const wire of this.wires) wire.destroy();
  }

  private entry(clientId: string): ConnectedClient {
    const entry = this.connected.get(clientId);
    if (!entry) throw new AppError('not_found', msg('broker.error.noClient', { clientId }));
    return entry;
  }

  private readonly accept = (socket: Duplex, remoteAddress: string): void => {
    const wire = new BrokerWire(socket, remoteAddress, this.hooks);
    this.wires.add(wire);
    wire.once('close', () => this.wires.delete(wire));
    this.broker.handle(wire);
  };

  private readonly authenticate: NonNullable<AedesOptions['authenticate']> = (client, username, password, done) => {
    const wire = wireOf(client);
    const { settings } = this.context;
    const problem = settings.auth === 'users' ? credentialProblem(settings.users, username, password) : undefined;
    if (problem !== undefined) {
      if (wire) wire.refusalNote = problem;
      done(Object.assign(new Error('bad user name or password'), { returnCode: 4 as const }), null);
      return;
    }
    // aedes closes the older connection with this id once this one registers: say why in the log.
    const previous = connectedClient(this.broker, client.id);
    const previousWire = previous && previous !== client ? wireOf(previous) : undefined;
    if (previousWire) previousWire.closeBecause(text('broker.reason.takenOver'));
    done(null, true);
  };

  private observe(): void {
    const { broker, context } = this;
    broker.on('client', (client) => {
      const wire = wireOf(client);
      if (!wire) return;
      // An empty client id got one from aedes; the packet log uses it from now on.
      wire.clientId = client.id;
      this.connected.set(client.id, { client, wire, connectedAt: Date.now() });
      // Live again: whether it outlives this connection is decided when it ends.
      this.keptSessions.delete(client.id);
      context.log('connect', text('broker.log.connected', { clientId: client.id, address: wire.remoteAddress }, { session: describeSession(client, wire) }), client.id);
      context.changed();
    });
    broker.on('clientDisconnect', (client) => {
      const entry = this.connected.get(client.id);
      if (entry?.client === client) {
        this.connected.delete(client.id);
        // Not when taken over: the session goes on with the new connection.
        const wire = wireOf(client);
        if (sessionEndsWithConnection(client) || wire?.ephemeralSession) {
          this.keptSessions.delete(client.id);
          this.shared.handOver(client.id, wire?.unacknowledgedDeliveries() ?? []);
        } else {
          this.keptSessions.add(client.id);
        }
      }
      const closed = wireOf(client);
      const line = closed?.closeReason === undefined ? text('broker.log.disconnectedSilently', { clientId: client.id }) : reasonLine('broker.log.disconnected', closed, { clientId: client.id });
      context.log('disconnect', line, client.id);
      context.changed();
    });
    broker.on('keepaliveTimeout', (client) => {
      const wire = wireOf(client);
      if (wire && wire.closeReason === undefined) wire.closeBecause(text('broker.reason.keepalive', { keepalive: String(wire.connectRequest?.keepalive ?? 0) }));
    });
    // Emitted just before aedes closes the client (a keepalive timeout arrives here too).
    broker.on('clientError', (client, error) => {
      const wire = wireOf(client);
      if (!wire) return;
      if (wire.closeReason === undefined) wire.closeBecause(text('broker.reason.error', { error: describeError(error) }));
      if (wire.ephemeralSession) endSessionWithConnection(client);
    });
    broker.on('connectionError', (client, error) => {
      const wire = wireOf(client);
      if (!wire || this.refused.has(wire)) return;
      context.log('error', wire.closeReason === undefined ? text('broker.log.endedEarly', { address: wire.remoteAddress, reason: error.message }) : reasonLine('broker.log.endedEarly', wire, { address: wire.remoteAddress }));
    });
    onSessionExpired(broker, (client) => {
      this.keptSessions.delete(client.id);
      this.shared.forget(client.id);
      context.changed();
    });
    broker.on('subscribe', () => context.changed());
    broker.on('unsubscribe', () => context.changed());
    broker.on('publish', (packet, client) => this.onPublish(packet, client));
  }

  private onPublish(packet: AedesPublishPacket, client: Client | null): void {
    this.shared.deliver(packet);
    if (packet.retain) {
      this.retained.noteStored(packet.topic, packet.payload.length);
      this.context.changed();
    }
    // aedes publishes a will on behalf of a client that is already closed.
    if (client?.closed && wireOf(client)?.connectRequest?.willTopic === packet.topic) {
      this.context.log('will', text(packet.retain ? 'broker.log.willRetained' : 'broker.log.will', { clientId: client.id, topic: packet.topic, qos: packet.qos }), client.id);
    }
  }

  private logRefusal(wire: BrokerWire, code: number, fault: BrokerText | undefined): void {
    this.refused.add(wire);
    const protocolVersion = wire.connectRequest?.protocolVersion ?? 4;
    const who = wire.clientId === '' ? text('broker.log.whoNoId', { address: wire.remoteAddress }) : text('broker.log.who', { clientId: wire.clientId, address: wire.remoteAddress });
    const because = fault ?? wire.refusalNote;
    if (wire.closeReason === undefined) wire.closeBecause(text('broker.reason.refused', { code: String(code) }));
    const described = describeConnack(protocolVersion === 5 ? 5 : 4, fault !== undefined && protocolVersion === 5 ? (connackToV5[code] ?? code) : code);
    const line = because ? text('broker.log.refusedBecause', { described }, { who, because }) : text('broker.log.refused', { described }, { who });
    this.context.log('refused', line, wire.clientId || undefined);
  }
}

/** A log line ending with why the wire closed: its message when the reason is ours, else its words as they are. */
function reasonLine(key: 'broker.log.disconnected' | 'broker.log.endedEarly', wire: BrokerWire, params: Record<string, string>): BrokerText {
  const reason = wire.closeReason ?? '';
  if (wire.closeText && englishText(wire.closeText) === reason) return text(key, params, { reason: wire.closeText });
  return text(key, { ...params, reason });
}

/** aedes wraps some errors ("packet received not valid"); the cause says which. */
function describeError(error: Error): string {
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

/** The wire aedes was handed for this client: every connection goes through one. */
function wireOf(client: Client): BrokerWire | undefined {
  return client.conn instanceof BrokerWire ? client.conn : undefined;
}

function describeSession(client: Client, wire: BrokerWire): BrokerText {
  const request = wire.connectRequest;
  const protocolVersion = request?.protocolVersion ?? client.version;
  const version = protocolNames[protocolVersion as ProtocolVersion] ?? String(protocolVersion);
  const user = request?.username ? { hasUser: 'yes', username: request.username } : { hasUser: 'no', username: '' };
  const keepalive = String(request?.keepalive ?? 0);
  // What the client asked for, not what the wire may have told aedes (Aedes2Workarounds, bug 2).
  if (protocolVersion === 5) {
    return text('broker.session.v5', { version, keepalive, clean: request?.clean === false ? 0 : 1, expiry: String(request?.sessionExpiryInterval ?? 0), ...user });
  }
  return text('broker.session.v3', { version, keepalive, clean: (request?.clean ?? client.clean) ? 'yes' : 'no', ...user });
}

function closeAedes(broker: Aedes): Promise<void> {
  return new Promise((resolve) => broker.close(() => resolve()));
}
