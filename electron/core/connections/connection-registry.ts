import { defaultHistoryBudget } from '../../../shared/domain/settings';
import type { HistoryBudget } from '../../../shared/domain/settings';
import type { MessageBudget } from '../messages/message-store';
import { randomUUID } from 'node:crypto';
import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import type { Profile, ProfileInput, QoS, SavedSubscription, Secrets } from '../../../shared/domain/profile';
import type { SubscriptionOptions } from '../../../shared/mqtt/subscription-options';
import { noSecrets, secretNames } from '../../../shared/domain/profile';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import type { EventBus } from '../event-bus';
import type { ProfileChange, ProfilePersistence } from '../profiles/profile-store';
import { Connection } from './connection';
import { isRecordingSessionId } from '../../../shared/domain/recording-session';
import { refuseRecording } from '../sessions/session';

/** A secret left out of a save request keeps its stored value; '' clears it. */
export function mergeSecrets(stored: Secrets, input: ProfileInput['secrets']): Secrets {
  return {
    password: input.password ?? stored.password,
    keyPassphrase: input.keyPassphrase ?? stored.keyPassphrase,
    clientKey: input.clientKey ?? stored.clientKey,
  };
}

const MAX_NAME_LENGTH = 200;

/** "Name (copy)", kept within the schema's length so the copy can be loaded again. */
export function copyName(name: string): string {
  const suffix = ' (copy)';
  return `${name.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
}

/**
 * The connections of this app instance, one per profile, by id. Every change to the profiles is
 * written to the persistence first and applied in memory only once the write succeeded, so the
 * file and the list never disagree; changes run one at a time, so none is lost to another.
 */
export class ConnectionRegistry {
  private readonly connections = new Map<string, { connection: Connection; profile: Profile }>();
  private changes: Promise<unknown> = Promise.resolve();

  private budget: MessageBudget = budgetOf(defaultHistoryBudget);

  constructor(
    private readonly bus: EventBus,
    private readonly persistence?: ProfilePersistence,
  ) {}

  /** Applies to every history now and to connections added later; a smaller one evicts at once. */
  setHistoryBudget(budget: HistoryBudget): void {
    this.budget = budgetOf(budget);
    for (const { connection } of this.connections.values()) connection.setBudget(this.budget);
  }

  /** The budget every connection's history has now; an opened recording gets at least as much. */
  get historyBudget(): MessageBudget {
    return this.budget;
  }

  list(): ConnectionSnapshot[] {
    return [...this.connections.values()].map(({ connection }) => connection.snapshot());
  }

  all(): Connection[] {
    return [...this.connections.values()].map(({ connection }) => connection);
  }

  profiles(): Profile[] {
    return [...this.connections.values()].map(({ profile }) => profile);
  }

  has(connectionId: string): boolean {
    return this.connections.has(connectionId);
  }

  /** The profiles read at start: already stored, so nothing is written. */
  load(profiles: readonly Profile[]): void {
    for (const profile of profiles) this.apply(profile);
  }

  save(input: ProfileInput): Promise<ConnectionSnapshot> {
    return this.change(async () => {
      const { secrets, ...fields } = input;
      const existing = this.connections.get(input.id);
      // The form does not hold the saved subscriptions: saving it keeps them.
      const subscriptions = existing?.profile.subscriptions ?? [];
      const profile: Profile = { ...fields, secrets: mergeSecrets(existing?.profile.secrets ?? noSecrets, secrets), subscriptions };
      const replacedSecrets = secretNames.filter((name) => secrets[name] !== undefined);
      await this.persist(this.profilesWith([profile]), { profileId: profile.id, replacedSecrets });
      return this.apply(profile);
    });
  }

  duplicate(connectionId: string): Promise<ConnectionSnapshot> {
    return this.change(async () => {
      const original = this.entry(connectionId).profile;
      const copy: Profile = { ...structuredClone(original), id: randomUUID(), name: copyName(original.name) };
      await this.persist(this.profilesWith([copy]));
      return this.apply(copy);
    });
  }

  /** New connections, as from an import: an id already in use gets a fresh one, so nothing is replaced. */
  add(profiles: readonly Profile[]): Promise<ConnectionSnapshot[]> {
    return this.change(async () => {
      const taken = new Set(this.connections.keys());
      const added = profiles.map((profile) => {
        const id = taken.has(profile.id) || isRecordingSessionId(profile.id) ? randomUUID() : profile.id;
        taken.add(id);
        return { ...profile, id };
      });
      await this.persist(this.profilesWith(added));
      return added.map((profile) => this.apply(profile));
    });
  }

  /** Saves a granted subscription with the profile: a filter already saved keeps its place and takes the new QoS. */
  rememberSubscription(connectionId: string, filter: string, qos: QoS, options?: SubscriptionOptions): Promise<void> {
    const remembered: SavedSubscription = options ? { filter, qos, options } : { filter, qos };
    return this.changeSubscriptions(connectionId, (saved) => {
      const index = saved.findIndex((entry) => entry.filter === filter);
      if (index === -1) return [...saved, remembered];
      const existing = saved[index];
      if (existing?.qos === qos && JSON.stringify(existing.options) === JSON.stringify(options)) return saved;
      return saved.map((entry, at) => (at === index ? remembered : entry));
    });
  }

  forgetSubscription(connectionId: string, filter: string): Promise<void> {
    return this.changeSubscriptions(connectionId, (saved) => (saved.some((entry) => entry.filter === filter) ? saved.filter((entry) => entry.filter !== filter) : saved));
  }

  profile(connectionId: string): Profile {
    return this.entry(connectionId).profile;
  }

  get(connectionId: string): Connection {
    return this.entry(connectionId).connection;
  }

  remove(connectionId: string): Promise<void> {
    return this.change(async () => {
      const { connection } = this.entry(connectionId);
      await this.persist(this.profiles().filter((profile) => profile.id !== connectionId));
      this.connections.delete(connectionId);
      await connection.dispose();
      this.bus.emit('connection.removed', { connectionId });
    });
  }

  /** Resolves once every change asked for so far is written. */
  async flush(): Promise<void> {
    await this.changes;
    await this.persistence?.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await Promise.all([...this.connections.values()].map(({ connection }) => connection.dispose()));
  }

  /** Writes only when the list changed; a connection removed meanwhile has nothing left to save. */
  private changeSubscriptions(connectionId: string, update: (saved: SavedSubscription[]) => SavedSubscription[]): Promise<void> {
    return this.change(async () => {
      const entry = this.connections.get(connectionId);
      if (!entry) return;
      const subscriptions = update(entry.profile.subscriptions);
      if (subscriptions === entry.profile.subscriptions) return;
      const profile: Profile = { ...entry.profile, subscriptions };
      await this.persist(this.profilesWith([profile]));
      entry.profile = profile;
    });
  }

  private change<T>(run: () => Promise<T>): Promise<T> {
    const done = this.changes.then(run, run);
    this.changes = done.catch(() => undefined);
    return done;
  }

  private persist(profiles: readonly Profile[], change?: ProfileChange): Promise<void> {
    return this.persistence ? this.persistence.write(profiles, change) : Promise.resolve();
  }

  /** The current profiles in their order, with these replacing the ones of the same id or added at the end. */
  private profilesWith(changed: readonly Profile[]): Profile[] {
    const byId = new Map(changed.map((profile) => [profile.id, profile]));
    const result = this.profiles().map((profile) => {
      const replacement = byId.get(profile.id);
      byId.delete(profile.id);
      return replacement ?? profile;
    });
    return [...result, ...byId.values()];
  }

  private apply(profile: Profile): ConnectionSnapshot {
    const existing = this.connections.get(profile.id);
    if (existing) {
      existing.profile = profile;
      existing.connection.updateProfile(profile);
      return existing.connection.snapshot();
    }
    const connection = new Connection(profile, this.bus, this.budget);
    // A saved subscription the broker now refuses would be refused on every connect: the profile drops it.
    // Should the write fail, it is asked for once more at the next start, and refused again.
    connection.onRestoreRefused((filter) => void this.forgetSubscription(profile.id, filter).catch(() => undefined));
    this.connections.set(profile.id, { connection, profile });
    const snapshot = connection.snapshot();
    this.bus.emit('connection.updated', snapshot);
    return snapshot;
  }

  private entry(connectionId: string) {
    const entry = this.connections.get(connectionId);
    // Every request that acts on a connection comes through here: a recording's id gets told why not.
    if (!entry && isRecordingSessionId(connectionId)) refuseRecording();
    if (!entry) throw new AppError('not_found', msg('connections.error.noConnection', { connectionId }));
    return entry;
  }
}

function budgetOf(budget: HistoryBudget): MessageBudget {
  return { maxMessages: budget.maxMessages, maxPayloadBytes: budget.maxPayloadMB * 1024 * 1024 };
}
