/**
 * The parts of aedes 2.0.0-beta.1 that its type declarations leave out but its JavaScript has: the
 * connected clients by id, the persistence (retained messages, QoS 2 receive state), a client's
 * subscriptions and the flag a clean DISCONNECT sets. Kept in this one file so an aedes upgrade is
 * checked here.
 *
 * aedes 2 changed two fields the app reads: `client.version` is null until CONNECT is accepted, and
 * `client.clean` now means "the session ends with the connection" (Session Expiry 0), not the
 * Clean Session / Clean Start flag. The client list therefore reads the flags from the CONNECT the
 * wire saw (see BrokerWire.connectRequest), not from the client object.
 */
import type { Readable } from 'node:stream';
import { Aedes } from 'aedes';
import type { AedesPublishPacket, Client } from 'aedes';

export interface RetainedPacket {
  topic: string;
  payload: Buffer;
  qos: number;
  retain: boolean;
}

export interface AedesPersistence {
  createRetainedStream(pattern: string): Readable;
  /** An empty payload removes the topic's retained message. */
  storeRetained(packet: RetainedPacket & { cmd: 'publish' }): Promise<void>;
  /**
   * Forgets the QoS 2 PUBLISHes the client sent but never released. aedes-persistence 11 has it
   * (the override in package.json); the 10.x that aedes 2.0.0-beta.1 pins does not.
   */
  cleanIncoming?(client: { id: string }): Promise<void>;
  /** Queues a message for a client that is away, delivered when its session resumes. */
  outgoingEnqueue(subscription: { clientId: string }, packet: AedesPublishPacket): Promise<void>;
}

interface AedesInternals {
  id: string;
  /** Numbers every message, so queued copies are told apart (aedes-packet's brokerCounter). */
  counter: number;
  clients: Record<string, Client | undefined>;
  brokers: Record<string, number | undefined>;
  persistence: AedesPersistence;
  handle: Aedes['handle'];
}

type Deliver = (packet: AedesPublishPacket, callback: () => void) => void;

interface ClientInternals {
  subscriptions: Record<string, { qos: number } | undefined>;
  /** What a subscription of QoS 0, or of QoS 1 or 2, calls to deliver a message to this client. */
  deliver0: Deliver;
  deliverQoS: Deliver;
  /** Per-broker message counters for dedupe, keyed by broker id. */
  duplicates: Record<string, number | undefined>;
  /** Set by a DISCONNECT packet; a client closed with it set does not publish its will. */
  _disconnected: boolean;
}

/**
 * Every client's duplicates map: it remembers nothing, so aedes takes no copy of a message for a
 * duplicate. Its check exists for clusters of brokers; in one broker it only drops the copies that
 * overlapping subscriptions must each get (see deliverPerSubscription). One object for all clients
 * of the broker, whose counter for this broker always reads 0 and ignores writes (an accessor, not a
 * Proxy: this is read and written on every delivery).
 */
function forgetfulDuplicates(brokerId: string): ClientInternals['duplicates'] {
  const duplicates = Object.create(null) as ClientInternals['duplicates'];
  Object.defineProperty(duplicates, brokerId, { get: () => 0, set: () => undefined, enumerable: true });
  return duplicates;
}

/** aedes' own version, read from its class so no broker has to exist yet. */
export function aedesVersion(): string {
  const version: unknown = Reflect.get(Aedes.prototype, 'version');
  return typeof version === 'string' ? version : 'unknown';
}

/**
 * aedes 2.0.0-beta.1 keys plain `{}` objects by wire strings, so a CONNECT with the client id
 * `constructor` throws an uncaught TypeError in registerClient and ends the process, and a
 * SUBSCRIBE to `constructor` trips an uncaught assert (GHSA-52qw-whmv-87c5, fixed in 1.2.0 but not
 * in the 2.0 beta). Prototype-less maps, as 1.2.0 uses, fix both. Call once, right after creating
 * the broker and before any client connects.
 */
export function hardenBroker(broker: Aedes): void {
  const internals = broker as unknown as AedesInternals;
  internals.clients = Object.create(null) as AedesInternals['clients'];
  internals.brokers = Object.create(null) as AedesInternals['brokers'];
  const duplicates = forgetfulDuplicates(internals.id);
  const handle = internals.handle;
  internals.handle = (stream, request) => {
    const client = handle(stream, request);
    const clientInternals = client as unknown as ClientInternals;
    clientInternals.subscriptions = Object.create(null) as ClientInternals['subscriptions'];
    clientInternals.duplicates = duplicates;
    return client;
  };
}

export function connectedClient(broker: Aedes, clientId: string): Client | undefined {
  return (broker as unknown as AedesInternals).clients[clientId];
}

export function persistenceOf(broker: Aedes): AedesPersistence {
  return (broker as unknown as AedesInternals).persistence;
}

export function subscriptionsOf(client: Client): { filter: string; qos: number }[] {
  const subscriptions = (client as unknown as ClientInternals).subscriptions;
  return Object.entries(subscriptions).flatMap(([filter, subscription]) => (subscription ? [{ filter, qos: subscription.qos }] : []));
}

/**
 * aedes 2 reads the Session Expiry Interval when the connection closes: 0 wipes the session at once.
 * For a connection the wire gave a stand-in expiry (Aedes2Workarounds, bug 2) that aedes closes
 * itself (kick, keepalive timeout, error), so the session ends with it as the client asked.
 */
export function endSessionWithConnection(client: Client): void {
  (client as unknown as { sessionExpiryInterval: number }).sessionExpiryInterval = 0;
}

/** Marks the client as if it had sent DISCONNECT: when it closes, its will is forgotten, not published. */
export function forgetWill(client: Client): void {
  (client as unknown as ClientInternals)._disconnected = true;
}

/** aedes 2 reads the Session Expiry Interval when the connection closes: 0 ends the session with it. */
export function sessionEndsWithConnection(client: Client): boolean {
  return (client as unknown as { sessionExpiryInterval: number }).sessionExpiryInterval === 0;
}

/** aedes 2 emits 'sessionExpired' (client) when a session outlived its connection by its expiry; its types leave it out. */
export function onSessionExpired(broker: Aedes, listener: (client: Client) => void): void {
  (broker as unknown as { on(event: 'sessionExpired', listener: (client: Client) => void): void }).on('sessionExpired', listener);
}

/** The QoS granted to the client's subscription on exactly this filter, or -1 when it has none. */
export function grantedQosOf(client: Client, filter: string): number {
  return (client as unknown as ClientInternals).subscriptions[filter]?.qos ?? -1;
}

/**
 * Delivers a message to the client as one of its subscriptions would: aedes then sets up the QoS
 * flow, picks the packet id and tracks the message in flight as its own.
 */
export function deliverAsSubscription(client: Client, packet: AedesPublishPacket): void {
  const internals = client as unknown as ClientInternals;
  if (packet.qos === 0) internals.deliver0(packet, noop);
  else internals.deliverQoS(packet, noop);
}

function noop(): void {}

/**
 * Queues a message for a client away with a kept session, as aedes queues one for its own
 * subscriptions: numbered like aedes numbers them, or the queue would take two copies for one, and
 * with the absolute expiry aedes counts the Message Expiry Interval down by when it is delivered.
 */
export function queueForAway(broker: Aedes, clientId: string, packet: AedesPublishPacket): void {
  const internals = broker as unknown as AedesInternals;
  const interval = packet.properties?.messageExpiryInterval;
  const queued = { ...packet, brokerId: internals.id, brokerCounter: ++internals.counter, ...(interval ? { messageExpiry: Date.now() + interval * 1000 } : {}) };
  internals.persistence.outgoingEnqueue({ clientId }, queued).catch(noop);
}
