/**
 * The parts of aedes 1.x that its type declarations leave out but its JavaScript has had for years:
 * the connected clients by id, the persistence (retained messages), a client's subscriptions and
 * the flag a clean DISCONNECT sets. Kept in this one file so an aedes upgrade is checked here.
 */
import type { Readable } from 'node:stream';
import { Aedes } from 'aedes';
import type { Client } from 'aedes';

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
}

interface AedesInternals {
  clients: Record<string, Client | undefined>;
  persistence: AedesPersistence;
}

interface ClientInternals {
  subscriptions: Record<string, { qos: number } | undefined>;
  /** Set by a DISCONNECT packet; a client closed with it set does not publish its will. */
  _disconnected: boolean;
}

/** aedes' own version, read from its class so no broker has to exist yet. */
export function aedesVersion(): string {
  const version: unknown = Reflect.get(Aedes.prototype, 'version');
  return typeof version === 'string' ? version : 'unknown';
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

/** Marks the client as if it had sent DISCONNECT: when it closes, its will is forgotten, not published. */
export function forgetWill(client: Client): void {
  (client as unknown as ClientInternals)._disconnected = true;
}
