import type { ConnectionSnapshot, ProfileInput } from '../../../shared/domain/connection';
import { AppError } from '../app-error';
import type { EventBus } from '../event-bus';
import { Connection } from './connection';

/** The live connections of this app instance, by id. Profiles persist in a later issue; here they live in memory. */
export class ConnectionRegistry {
  private readonly connections = new Map<string, Connection>();

  constructor(private readonly bus: EventBus) {}

  list(): ConnectionSnapshot[] {
    return [...this.connections.values()].map((connection) => connection.snapshot());
  }

  save(input: ProfileInput): ConnectionSnapshot {
    const existing = this.connections.get(input.id);
    if (existing) {
      existing.updateProfile(input);
      return existing.snapshot();
    }
    const connection = new Connection({ ...input, password: input.password ?? '' }, this.bus);
    this.connections.set(input.id, connection);
    const snapshot = connection.snapshot();
    this.bus.emit('connection.updated', snapshot);
    return snapshot;
  }

  get(connectionId: string): Connection {
    const connection = this.connections.get(connectionId);
    if (!connection) throw new AppError('not_found', `There is no connection with id ${connectionId}.`);
    return connection;
  }

  async remove(connectionId: string): Promise<void> {
    const connection = this.get(connectionId);
    this.connections.delete(connectionId);
    await connection.dispose();
    this.bus.emit('connection.removed', { connectionId });
  }

  async close(): Promise<void> {
    await Promise.all([...this.connections.values()].map((connection) => connection.dispose()));
  }
}
