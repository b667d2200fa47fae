import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import type { Profile, ProfileInput, Secrets } from '../../../shared/domain/profile';
import { noSecrets } from '../../../shared/domain/profile';
import { AppError } from '../app-error';
import type { EventBus } from '../event-bus';
import { Connection } from './connection';

/** A secret left out of a save request keeps its stored value; '' clears it. */
export function mergeSecrets(stored: Secrets, input: ProfileInput['secrets']): Secrets {
  return {
    password: input.password ?? stored.password,
    keyPassphrase: input.keyPassphrase ?? stored.keyPassphrase,
    clientKey: input.clientKey ?? stored.clientKey,
  };
}

/** The connections of this app instance, one per profile, by id. */
export class ConnectionRegistry {
  private readonly connections = new Map<string, { connection: Connection; profile: Profile }>();

  constructor(private readonly bus: EventBus) {}

  list(): ConnectionSnapshot[] {
    return [...this.connections.values()].map(({ connection }) => connection.snapshot());
  }

  profiles(): Profile[] {
    return [...this.connections.values()].map(({ profile }) => profile);
  }

  has(connectionId: string): boolean {
    return this.connections.has(connectionId);
  }

  save(input: ProfileInput): ConnectionSnapshot {
    const { secrets, ...fields } = input;
    const existing = this.connections.get(input.id);
    const profile: Profile = { ...fields, secrets: mergeSecrets(existing?.profile.secrets ?? noSecrets, secrets) };
    return this.put(profile);
  }

  /** Adds or replaces a complete profile, as loaded from disk or imported. */
  put(profile: Profile): ConnectionSnapshot {
    const existing = this.connections.get(profile.id);
    if (existing) {
      existing.profile = profile;
      existing.connection.updateProfile(profile);
      return existing.connection.snapshot();
    }
    const connection = new Connection(profile, this.bus);
    this.connections.set(profile.id, { connection, profile });
    const snapshot = connection.snapshot();
    this.bus.emit('connection.updated', snapshot);
    return snapshot;
  }

  profile(connectionId: string): Profile {
    return this.entry(connectionId).profile;
  }

  get(connectionId: string): Connection {
    return this.entry(connectionId).connection;
  }

  async remove(connectionId: string): Promise<void> {
    const { connection } = this.entry(connectionId);
    this.connections.delete(connectionId);
    await connection.dispose();
    this.bus.emit('connection.removed', { connectionId });
  }

  async close(): Promise<void> {
    await Promise.all([...this.connections.values()].map(({ connection }) => connection.dispose()));
  }

  private entry(connectionId: string) {
    const entry = this.connections.get(connectionId);
    if (!entry) throw new AppError('not_found', `There is no connection with id ${connectionId}.`);
    return entry;
  }
}
