import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BrokerSettingsFields } from '../../../shared/domain/broker';
import { AppError } from '../app-error';
import { english, isMessageKey } from '../../../shared/i18n';
import type { SecretBox } from '../profiles/secret-box';
import { WriteQueue, errorCode, moveAside, writeFileAtomically } from '../storage/atomic-file';
import { defaultSettings, secretKeys } from './broker-settings';
import type { BrokerSettings, ReplacedSecrets } from './broker-settings';

export const brokerFileName = 'broker.json';
export const brokerFileFormat = 'mqtt-lab.broker';
export const brokerFileVersion = 1;

/** The settings as the file holds them: passwords and the TLS key sealed by the SecretBox. */
const StoredSettings = BrokerSettingsFields.extend({
  users: z.array(z.object({ username: z.string().min(1).max(65535), password: z.string().max(10_000_000).optional() })).max(1000),
  tlsKey: z.string().max(10_000_000).optional(),
});
type StoredSettings = z.infer<typeof StoredSettings>;

interface SealedSecret {
  plain: string;
  sealed: string;
}

/**
 * broker.json beside profiles.json: versioned, written atomically one save at a time, and never
 * overwritten when it could not be read (it is moved aside, and the broker starts from defaults).
 * Each sealed secret is remembered with its plain text, so an unchanged one keeps its sealed form,
 * and one this box cannot open (sealed by the other shell sharing the folder) stays until replaced.
 */
export class BrokerSettingsFile {
  readonly path: string;
  /** What the user must hear about the file as it was found. */
  readonly notices: string[] = [];
  private readonly writes = new WriteQueue();
  private sealed = new Map<string, SealedSecret>();
  /** Why writing is unsafe: the file exists but could neither be read nor moved aside. */
  private blocked: string | undefined;

  constructor(
    dataDir: string,
    private readonly box: SecretBox,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.path = join(dataDir, brokerFileName);
  }

  /** Synchronous so the core knows whether to start the broker before it answers a request. */
  load(): BrokerSettings {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return defaultSettings();
      this.blocked = `MQTT Lab will not save the broker settings while ${this.path} cannot be read (${errorCode(error)}): saving would replace it. Fix its permissions and restart MQTT Lab.`;
      this.notices.push(`The broker settings could not be loaded: ${this.path} cannot be read (${errorCode(error)}). Fix its permissions and restart MQTT Lab; until then the broker uses its default settings and changes cannot be saved.`);
      return defaultSettings();
    }
    const parsed = this.parse(text);
    if (typeof parsed === 'string') {
      this.notices.push(`The broker settings could not be loaded: ${parsed}. ${this.moveAside()} The broker uses its default settings.`);
      return defaultSettings();
    }
    return this.open(parsed);
  }

  write(settings: BrokerSettings, replaced: ReplacedSecrets = new Set()): Promise<void> {
    // Sealing happens before anything is written, so a box that refuses leaves the file untouched.
    const next = new Map<string, SealedSecret>();
    const seal = (key: string, plain: string): string | undefined => {
      const previous = replaced.has(key) ? undefined : this.sealed.get(key);
      const entry = previous && previous.plain === plain ? previous : plain === '' ? undefined : { plain, sealed: this.box.encrypt(plain) };
      if (entry) next.set(key, entry);
      return entry?.sealed;
    };
    const { users, tlsKey, ...fields } = settings;
    const stored: StoredSettings = {
      ...fields,
      users: users.map((user) => ({ username: user.username, password: seal(secretKeys.user(user.username), user.password) })),
      tlsKey: seal(secretKeys.tlsKey, tlsKey),
    };
    const content = `${JSON.stringify({ format: brokerFileFormat, version: brokerFileVersion, settings: stored }, null, 2)}\n`;
    return this.writes.run(async () => {
      if (this.blocked) throw new AppError('storage_error', this.blocked);
      try {
        await writeFileAtomically(this.path, content);
      } catch (error) {
        throw new AppError('storage_error', `The broker settings could not be saved to ${this.path} (${errorCode(error)}). Check that the folder is writable and the disk is not full.`);
      }
      this.sealed = next;
    });
  }

  flush(): Promise<void> {
    return this.writes.flush();
  }

  /** The stored settings, or why they cannot be used. */
  private parse(text: string): StoredSettings | string {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      return `${this.path} is damaged (${text.trim() === '' ? 'it is empty' : `it is not complete JSON: ${(error as Error).message}`})`;
    }
    const envelope = z.object({ format: z.literal(brokerFileFormat), version: z.number().int().min(1), settings: z.unknown() }).safeParse(document);
    if (!envelope.success) return `${this.path} is not an MQTT Lab broker settings file`;
    if (envelope.data.version > brokerFileVersion) {
      return `${this.path} was written by a newer version of MQTT Lab (file version ${envelope.data.version}; this version reads version ${brokerFileVersion})`;
    }
    const settings = StoredSettings.safeParse(envelope.data.settings);
    if (!settings.success) {
      const issue = settings.error.issues[0];
      return `${this.path} holds settings this version cannot use (${issue ? `${issue.path.join('.')}: ${isMessageKey(issue.message) ? english(issue.message) : issue.message}` : 'malformed'})`;
    }
    return settings.data;
  }

  private open(stored: StoredSettings): BrokerSettings {
    const unseal = (key: string, sealed: string | undefined, what: string, remedy: string): string => {
      if (sealed === undefined || sealed === '') return '';
      let plain = '';
      try {
        plain = this.box.decrypt(sealed);
      } catch (error) {
        this.notices.push(`The ${what} could not be decrypted: ${(error as Error).message}. ${remedy}`);
      }
      this.sealed.set(key, { plain, sealed });
      return plain;
    };
    const { users, tlsKey, ...fields } = stored;
    return {
      ...fields,
      users: users.map((user) => ({
        username: user.username,
        password: unseal(secretKeys.user(user.username), user.password, `password of broker user "${user.username}"`, 'Enter it again in the broker settings.'),
      })),
      tlsKey: unseal(secretKeys.tlsKey, tlsKey, "broker's TLS key", 'Choose the key file again in the broker settings.'),
    };
  }

  /** The sentence saying where the unreadable file went. */
  private moveAside(): string {
    try {
      return `The file was kept as ${moveAside(this.path, this.now())}; nothing in it was deleted.`;
    } catch (error) {
      this.blocked = `MQTT Lab will not save the broker settings while the unreadable ${this.path} is in place: saving would replace it. Move it away and restart MQTT Lab.`;
      return `It could not be moved aside (${errorCode(error)}), so broker settings cannot be saved until ${this.path} is moved away.`;
    }
  }
}
