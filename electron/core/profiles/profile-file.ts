import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ProfileFields, SavedSubscriptions, checkProfileRules } from '../../../shared/domain/profile';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import { english, isMessageKey } from '../../../shared/i18n';
import { englishNested, nested, type NestedMessage } from '../../../shared/i18n/nested';
import { WriteQueue, errorCode, moveAside, writeFileAtomically } from '../storage/atomic-file';

export { errorCode } from '../storage/atomic-file';

export const profileFileName = 'profiles.json';
export const profileFileFormat = 'mqtt-lab.profiles';
export const profileFileVersion = 1;

/** Each secret as its SecretBox sealed it; an absent one is not set. */
const SealedSecrets = z.object({
  password: z.string().max(10_000_000).optional(),
  keyPassphrase: z.string().max(10_000_000).optional(),
  clientKey: z.string().max(10_000_000).optional(),
});

/**
 * A profile as the file holds it: the same rules as a save request, so the file cannot smuggle in
 * what the form refuses. Files from before subscriptions were saved have none; that needs no new version.
 */
export const StoredProfile = ProfileFields.extend({
  id: z.string().min(1).max(100),
  secrets: SealedSecrets,
  subscriptions: SavedSubscriptions.default([]),
}).superRefine(checkProfileRules);
export type StoredProfile = z.infer<typeof StoredProfile>;

export interface ProfileFileContents {
  profiles: StoredProfile[];
  /** Plain sentences for the user: what could not be read and where the original went (English). */
  notices: string[];
  /** The same notices as messages, for the renderer to word. */
  noticeTexts: NestedMessage[];
  /** The file was moved aside after salvaging some profiles: write those back so they are not lost. */
  rewrite: boolean;
}

type Parsed = { ok: true; entries: unknown[] } | { ok: false; problem: NestedMessage; hint?: NestedMessage };

function withNotice(contents: Omit<ProfileFileContents, 'notices' | 'noticeTexts'>, text?: NestedMessage): ProfileFileContents {
  return { ...contents, notices: text ? [englishNested(text)] : [], noticeTexts: text ? [text] : [] };
}

/**
 * The versioned JSON file that keeps the profiles. It never overwrites what it could not read: an
 * unreadable file is moved aside first, and writes replace the file atomically, one at a time.
 */
export class ProfileFile {
  readonly path: string;
  private readonly writes = new WriteQueue();
  /** Why writing is unsafe: the file exists but could neither be read nor moved aside. */
  private blocked: string | undefined;

  constructor(
    readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.path = join(dataDir, profileFileName);
  }

  /** Synchronous so the core has its connections before it answers the first request. */
  read(): ProfileFileContents {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return withNotice({ profiles: [], rewrite: false });
      this.blocked = `MQTT Lab will not save connections while ${this.path} cannot be read (${errorCode(error)}): saving would replace it. Fix its permissions and restart MQTT Lab.`;
      return withNotice({ profiles: [], rewrite: false }, nested('connections.profiles.unreadable', { path: this.path, code: errorCode(error) }));
    }

    const parsed = this.parse(text);
    if (!parsed.ok) {
      const { sentence } = this.moveAside();
      const problem = { problem: parsed.problem, sentence };
      const text = parsed.hint ? nested('connections.profiles.notLoadedHint', undefined, { ...problem, hint: parsed.hint }) : nested('connections.profiles.notLoaded', undefined, problem);
      return withNotice({ profiles: [], rewrite: false }, text);
    }

    const profiles: StoredProfile[] = [];
    const skipped: string[] = [];
    const ids = new Set<string>();
    parsed.entries.forEach((entry, index) => {
      const result = StoredProfile.safeParse(entry);
      if (!result.success) skipped.push(`${entryLabel(entry, index)} (${issueText(result.error)})`);
      else if (ids.has(result.data.id)) skipped.push(`${entryLabel(entry, index)} (its id is already used by an earlier connection)`); // The list of entries stays English: it names fields and schema problems.
      else {
        ids.add(result.data.id);
        profiles.push(result.data);
      }
    });
    if (skipped.length === 0) return withNotice({ profiles, rewrite: false });
    const { moved, sentence } = this.moveAside();
    return withNotice({ profiles, rewrite: moved }, nested('connections.profiles.skipped', { count: skipped.length, total: parsed.entries.length, skipped: skipped.join('; ') }, { sentence }));
  }

  /** Writes run in the order they were asked for, so a later save is never overtaken by an earlier one. */
  write(profiles: readonly StoredProfile[]): Promise<void> {
    const content = `${JSON.stringify({ format: profileFileFormat, version: profileFileVersion, profiles }, null, 2)}\n`;
    return this.writes.run(async () => {
      if (this.blocked) throw new AppError('storage_error', this.blocked);
      try {
        await writeFileAtomically(this.path, content);
      } catch (error) {
        throw new AppError('storage_error', msg('connections.profiles.saveFailed', { path: this.path, code: errorCode(error) }));
      }
    });
  }

  /** Resolves when every write asked for so far has finished. */
  flush(): Promise<void> {
    return this.writes.flush();
  }

  private parse(text: string): Parsed {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      const detail = text.trim() === '' ? nested('connections.profiles.empty') : nested('connections.profiles.incompleteJson', { message: (error as Error).message });
      return { ok: false, problem: nested('connections.profiles.damaged', { path: this.path }, { detail }) };
    }
    if (!isRecord(document) || document.format !== profileFileFormat) {
      return { ok: false, problem: nested('connections.profiles.notProfileFile', { path: this.path }) };
    }
    const { version } = document;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      return { ok: false, problem: nested('connections.profiles.fileNoVersion', { path: this.path }) };
    }
    if (version > profileFileVersion) {
      return {
        ok: false,
        problem: nested('connections.profiles.fileNewer', { path: this.path, version, readable: profileFileVersion }),
        hint: nested('connections.profiles.update'),
      };
    }
    if (!Array.isArray(document.profiles)) return { ok: false, problem: nested('connections.profiles.damaged', { path: this.path }, { detail: nested('connections.profiles.noList') }) };
    return { ok: true, entries: document.profiles };
  }

  /** Keeps the original bytes under a new name, so nothing the user had is ever deleted. */
  private moveAside(): { moved: boolean; sentence: NestedMessage } {
    try {
      const aside = moveAside(this.path, this.now());
      return { moved: true, sentence: nested('connections.profiles.keptAs', { aside }) };
    } catch (error) {
      this.blocked = `MQTT Lab will not save connections while the unreadable ${this.path} is in place: saving would replace it. Move it away and restart MQTT Lab.`;
      return {
        moved: false,
        sentence: nested('connections.profiles.notMoved', { code: errorCode(error), path: this.path }),
      };
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entryLabel(entry: unknown, index: number): string {
  return isRecord(entry) && typeof entry.name === 'string' && entry.name.trim() !== '' ? `"${entry.name}"` : `entry ${index + 1}`;
}

/** The first problem, as the router words it: "field.path: message". */
export function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it is malformed';
  const field = issue.path.map(String).join('.');
  // The profile schema's messages are catalogue keys; this text is English, for files and logs.
  const message = isMessageKey(issue.message) ? english(issue.message) : issue.message;
  return field ? `${field}: ${message}` : message;
}
