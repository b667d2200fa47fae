import type { Profile, SecretName } from '../../../shared/domain/profile';
import type { MessageKey } from '../../../shared/i18n';
import { englishNested, nested, type NestedMessage } from '../../../shared/i18n/nested';
import { noSecrets, secretNames } from '../../../shared/domain/profile';
import { ProfileFile } from './profile-file';
import type { StoredProfile } from './profile-file';
import type { SecretBox } from './secret-box';

/** What the registry needs to keep its profiles; absent, they live in memory only. */
export interface ProfilePersistence {
  /** Writes the whole list. Throws an AppError (storage_error) and leaves the file as it was when it cannot. */
  write(profiles: readonly Profile[], change?: ProfileChange): Promise<void>;
  flush(): Promise<void>;
}

/** The secrets a save request set or cleared on purpose, as opposed to leaving them as stored. */
export interface ProfileChange {
  profileId: string;
  replacedSecrets: readonly SecretName[];
}

/** A secret that does not open, in words with what the user does about it. */
const undecryptable: Record<SecretName, MessageKey> = {
  password: 'connections.profiles.passwordUndecryptable',
  keyPassphrase: 'connections.profiles.passphraseUndecryptable',
  clientKey: 'connections.profiles.keyUndecryptable',
};

interface SealedSecret {
  plain: string;
  sealed: string;
}

/**
 * The profile file plus the secret box: secrets are opened on load and sealed on write. Each sealed
 * value is remembered with its plain text, so an unchanged secret keeps its sealed form instead of
 * being encrypted again, and a secret this box cannot open (sealed by the other shell, which
 * shares the folder) stays in the file until the user replaces it.
 */
export class ProfileStore implements ProfilePersistence {
  /** For connection.list: what the user must hear about the stored profiles. */
  readonly notices: string[] = [];
  /** The same notices as messages, for the renderer to word. */
  readonly noticeTexts: NestedMessage[] = [];
  private sealed = new Map<string, Partial<Record<SecretName, SealedSecret>>>();

  constructor(
    readonly file: ProfileFile,
    private readonly box: SecretBox,
  ) {}

  static inDataDir(dataDir: string, box: SecretBox): ProfileStore {
    return new ProfileStore(new ProfileFile(dataDir), box);
  }

  load(): Profile[] {
    const { profiles: stored, notices, noticeTexts, rewrite } = this.file.read();
    this.notices.push(...notices);
    this.noticeTexts.push(...noticeTexts);
    const profiles = stored.map((entry) => this.open(entry));
    if (rewrite) {
      this.write(profiles).catch((error: unknown) => {
        this.notice(nested('connections.profiles.notRewritten', { detail: (error as Error).message }));
      });
    }
    return profiles;
  }

  async write(profiles: readonly Profile[], change?: ProfileChange): Promise<void> {
    const next = new Map<string, Partial<Record<SecretName, SealedSecret>>>();
    // Sealing happens before anything is written, so a box that refuses leaves the file untouched.
    const stored = profiles.map((profile): StoredProfile => {
      const { secrets, ...fields } = profile;
      const known = { ...this.sealed.get(profile.id) };
      if (change?.profileId === profile.id) for (const name of change.replacedSecrets) delete known[name];
      const sealedSecrets: StoredProfile['secrets'] = {};
      const kept: Partial<Record<SecretName, SealedSecret>> = {};
      for (const name of secretNames) {
        const plain = secrets[name];
        const previous = known[name];
        const entry = previous && previous.plain === plain ? previous : plain === '' ? undefined : { plain, sealed: this.box.encrypt(plain) };
        if (!entry) continue;
        sealedSecrets[name] = entry.sealed;
        kept[name] = entry;
      }
      next.set(profile.id, kept);
      return { ...fields, secrets: sealedSecrets };
    });
    await this.file.write(stored);
    this.sealed = next;
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  private notice(text: NestedMessage): void {
    this.noticeTexts.push(text);
    this.notices.push(englishNested(text));
  }

  private open(entry: StoredProfile): Profile {
    const { secrets: sealedSecrets, ...fields } = entry;
    const secrets = { ...noSecrets };
    const known: Partial<Record<SecretName, SealedSecret>> = {};
    for (const name of secretNames) {
      const sealed = sealedSecrets[name];
      if (sealed === undefined || sealed === '') continue;
      try {
        secrets[name] = this.box.decrypt(sealed);
      } catch (error) {
        this.notice(nested(undecryptable[name], { name: fields.name, detail: (error as Error).message }));
      }
      known[name] = { plain: secrets[name], sealed };
    }
    this.sealed.set(entry.id, known);
    return { ...fields, secrets };
  }
}
