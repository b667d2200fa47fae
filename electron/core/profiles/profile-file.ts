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
  private blocked: NestedMessage | undefined;

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
      this.blocked = nested('connections.profiles.blockedUnreadable', { path: this.path, code: errorCode(error) });
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
    const skipped: NestedMessage[] = [];
    const ids = new Set<string>();
    // Field paths and zod's own wording stay as they are; the sentences around them are ours to word.
    const skip = (entry: unknown, index: number, problem: NestedMessage) => skipped.push(nested('connections.profiles.skippedItem', undefined, { label: entryLabel(entry, index), problem }));
    parsed.entries.forEach((entry, index) => {
      const result = StoredProfile.safeParse(entry);
      if (!result.success) skip(entry, index, issueMessage(result.error));
      else if (ids.has(result.data.id)) skip(entry, index, nested('connections.profiles.idTaken'));
      else {
        ids.add(result.data.id);
        profiles.push(result.data);
      }
    });
    if (skipped.length === 0) return withNotice({ profiles, rewrite: false });
    const { moved, sentence } = this.moveAside();
    return withNotice({ profiles, rewrite: moved }, nested('connections.profiles.skipped', { count: skipped.length, total: parsed.entries.length }, { skipped: listOf(skipped), sentence }));
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
      this.blocked = nested('connections.profiles.blockedUnmovable', { path: this.path });
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

function entryLabel(entry: unknown, index: number): NestedMessage {
  return isRecord(entry) && typeof entry.name === 'string' && entry.name.trim() !== '' ? nested('connections.profiles.namedLabel', { name: entry.name }) : nested('connections.import.entryLabel', { index: String(index + 1) });
}

/**
 * "a; b; c" as one message, joined in halves so wording a long list never nests deeply.
 * Each language has its own separator.
 */
export function listOf(items: readonly NestedMessage[]): NestedMessage {
  if (items.length === 0) return nested('connections.error.raw', { text: '' });
  if (items.length === 1) return items[0] as NestedMessage;
  const half = Math.ceil(items.length / 2);
  return nested('connections.profiles.listMore', undefined, { first: listOf(items.slice(0, half)), rest: listOf(items.slice(half)) });
}

/** The first problem, as the router words it: "field.path: message". */
export function issueMessage(error: z.ZodError): NestedMessage {
  const issue = error.issues[0];
  if (!issue) return nested('connections.profiles.malformed');
  const field = issue.path.map(String).join('.');
  // The profile schema's messages are catalogue keys; zod's own wording is passed on as it is.
  const problem = isMessageKey(issue.message) ? nested(issue.message) : nested('connections.error.raw', { text: issue.message });
  return field ? nested('connections.profiles.issueField', { field }, { problem }) : problem;
}

/** The same in English, for files and logs. */
export function issueText(error: z.ZodError): string {
  return englishNested(issueMessage(error));
}
