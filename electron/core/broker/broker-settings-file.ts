import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BrokerSettingsFields } from '../../../shared/domain/broker';
import { AppError } from '../app-error';
import { english, isMessageKey } from '../../../shared/i18n';
import { englishText, text, type BrokerText } from '../../../shared/broker/broker-text';
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
  /** What the user must hear about the file as it was found, as messages to word where shown. */
  readonly noticeTexts: BrokerText[] = [];
  private readonly writes = new WriteQueue();
  private sealed = new Map<string, SealedSecret>();
  /** Why writing is unsafe: the file exists but could neither be read nor moved aside. */
  private blocked: BrokerText | undefined;

  constructor(
    dataDir: string,
    private readonly box: SecretBox,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.path = join(dataDir, brokerFileName);
  }

  /** The notices in English, for the console and the CLI. */
  get notices(): string[] {
    return this.noticeTexts.map(englishText);
  }

  /** Synchronous so the core knows whether to start the broker before it answers a request. */
  load(): BrokerSettings {
    let content: string;
    try {
      content = readFileSync(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return defaultSettings();
      const params = { path: this.path, code: String(errorCode(error)) };
      this.blocked = text('broker.file.blockedUnreadable', params);
      this.noticeTexts.push(text('broker.file.unreadable', params));
      return defaultSettings();
    }
    const parsed = this.parse(content);
    if ('problem' in parsed) {
      this.noticeTexts.push(text('broker.file.notLoaded', {}, { problem: parsed.problem, aside: this.moveAside() }));
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
        throw new AppError('storage_error', text('broker.file.notSaved', { path: this.path, code: String(errorCode(error)) }));
      }
      this.sealed = next;
    });
  }

  flush(): Promise<void> {
    return this.writes.flush();
  }

  /** The stored settings, or why they cannot be used. */
  private parse(content: string): StoredSettings | { problem: BrokerText } {
    const path = this.path;
    let document: unknown;
    try {
      document = JSON.parse(content);
    } catch (error) {
      return { problem: content.trim() === '' ? text('broker.file.empty', { path }) : text('broker.file.notJson', { path, error: (error as Error).message }) };
    }
    const envelope = z.object({ format: z.literal(brokerFileFormat), version: z.number().int().min(1), settings: z.unknown() }).safeParse(document);
    if (!envelope.success) return { problem: text('broker.file.notOurs', { path }) };
    if (envelope.data.version > brokerFileVersion) {
      return { problem: text('broker.file.newer', { path, found: String(envelope.data.version), known: String(brokerFileVersion) }) };
    }
    const settings = StoredSettings.safeParse(envelope.data.settings);
    if (!settings.success) {
      const issue = settings.error.issues[0];
      // The field path and the schema's words, technical detail kept in English.
      const detail = issue ? `${issue.path.join('.')}: ${isMessageKey(issue.message) ? english(issue.message) : issue.message}` : 'malformed';
      return { problem: text('broker.file.unusable', { path, detail }) };
    }
    return settings.data;
  }

  private open(stored: StoredSettings): BrokerSettings {
    const unseal = (key: string, sealed: string | undefined, what: BrokerText): string => {
      if (sealed === undefined || sealed === '') return '';
      let plain = '';
      try {
        plain = this.box.decrypt(sealed);
      } catch (error) {
        this.noticeTexts.push(text(what.key, { ...what.params, error: (error as Error).message }));
      }
      this.sealed.set(key, { plain, sealed });
      return plain;
    };
    const { users, tlsKey, ...fields } = stored;
    return {
      ...fields,
      users: users.map((user) => ({
        username: user.username,
        password: unseal(secretKeys.user(user.username), user.password, text('broker.file.passwordUndecryptable', { username: user.username })),
      })),
      tlsKey: unseal(secretKeys.tlsKey, tlsKey, text('broker.file.keyUndecryptable')),
    };
  }

  /** The sentence saying where the unreadable file went. */
  private moveAside(): BrokerText {
    try {
      return text('broker.file.keptAs', { kept: moveAside(this.path, this.now()) });
    } catch (error) {
      this.blocked = text('broker.file.blockedInPlace', { path: this.path });
      return text('broker.file.notMoved', { path: this.path, code: String(errorCode(error)) });
    }
  }
}
