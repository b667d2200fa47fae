import type { BrokerSettingsFields, BrokerSettingsInput, BrokerSettingsView } from '../../../shared/domain/broker';
import { defaultBrokerSettings } from '../../../shared/domain/broker';

export interface BrokerUserRecord {
  username: string;
  /** '' when none was set. */
  password: string;
}

/** The broker's settings as the main process keeps them: with the users' passwords and the TLS key. */
export type BrokerSettings = BrokerSettingsFields & {
  users: BrokerUserRecord[];
  /** The TLS private key PEM; '' when none was chosen. */
  tlsKey: string;
};

/** Which secrets a save set or cleared on purpose, as keys of `secretKeys`. */
export type ReplacedSecrets = ReadonlySet<string>;

/** One key per secret, shared by the sealing cache and the replaced set. */
export const secretKeys = {
  tlsKey: 'tls-key',
  user: (username: string) => `user:${username}`,
};

export function defaultSettings(): BrokerSettings {
  return { ...defaultBrokerSettings(), users: [], tlsKey: '' };
}

/** A save request applied to the stored settings: a password or key left out keeps its stored value. */
export function mergeSettings(stored: BrokerSettings, input: BrokerSettingsInput): { settings: BrokerSettings; replaced: ReplacedSecrets } {
  const { users, tlsKey, ...fields } = input;
  const replaced = new Set<string>();
  const storedPasswords = new Map(stored.users.map((user) => [user.username, user.password]));
  const mergedUsers = users.map((user) => {
    if (user.password !== undefined) replaced.add(secretKeys.user(user.username));
    return { username: user.username, password: user.password ?? storedPasswords.get(user.username) ?? '' };
  });
  if (tlsKey !== undefined) replaced.add(secretKeys.tlsKey);
  return { settings: { ...fields, users: mergedUsers, tlsKey: tlsKey ?? stored.tlsKey }, replaced };
}

/** What the renderer may see: which secrets are set, never their values. */
export function viewOfSettings(settings: BrokerSettings): BrokerSettingsView {
  const { users, tlsKey, ...fields } = settings;
  return {
    ...structuredClone(fields),
    users: users.map((user) => ({ username: user.username, passwordSet: user.password !== '' })),
    tlsKeySet: tlsKey !== '',
  };
}
