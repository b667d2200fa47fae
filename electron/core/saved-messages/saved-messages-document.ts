import type { z } from 'zod';
import { MessageCollection, savedMessagesFormat, savedMessagesVersion } from '../../../shared/domain/saved-messages';
import { english, isMessageKey } from '../../../shared/i18n';

/**
 * Reading the saved-messages JSON, shared by the file the app keeps and the files users import:
 * both are `{ format, version, collections }`, and each collection is checked on its own, so one
 * bad collection does not cost the others.
 */
export type ReadDocument = { ok: true; collections: MessageCollection[]; skipped: string[]; total: number } | { ok: false; problem: string; hint?: string };

export function readSavedMessagesDocument(text: string): ReadDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: text.trim() === '' ? 'it is empty' : `it is not complete JSON: ${(error as Error).message}` };
  }
  if (!isRecord(document)) return { ok: false, problem: 'it is not a saved-messages file (it holds no JSON object)' };
  if (document.format !== savedMessagesFormat) {
    const hint = document.format === 'mqtt-lab.profiles' ? ' (it is a connection export: import it under Connections)' : typeof document.format === 'string' ? ` (its format is "${document.format.slice(0, 60)}")` : '';
    return { ok: false, problem: `it is not an MQTT Lab saved-messages file${hint}` };
  }
  const { version } = document;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, problem: 'it has no valid version number' };
  if (version > savedMessagesVersion) {
    return { ok: false, problem: `it was written by a newer version of MQTT Lab (file version ${version}; this version reads version ${savedMessagesVersion})`, hint: 'Update MQTT Lab to read it.' };
  }
  if (!Array.isArray(document.collections)) return { ok: false, problem: 'it has no list of collections' };
  const collections: MessageCollection[] = [];
  const skipped: string[] = [];
  const ids = new Set<string>();
  document.collections.forEach((entry: unknown, index) => {
    const result = MessageCollection.safeParse(entry);
    if (!result.success) skipped.push(`${label(entry, index)} (${issueText(result.error)})`);
    else if (ids.has(result.data.id)) skipped.push(`${label(entry, index)} (its id is already used by an earlier collection)`);
    else {
      ids.add(result.data.id);
      collections.push(result.data);
    }
  });
  return { ok: true, collections, skipped, total: document.collections.length };
}

export function writeSavedMessagesDocument(collections: readonly MessageCollection[], extra: Record<string, string> = {}): string {
  return `${JSON.stringify({ format: savedMessagesFormat, version: savedMessagesVersion, ...extra, collections }, null, 2)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function label(entry: unknown, index: number): string {
  return isRecord(entry) && typeof entry.name === 'string' && entry.name.trim() !== '' ? `collection "${entry.name.slice(0, 100)}"` : `collection ${index + 1}`;
}

/** The first problem, with the path inside the collection: "messages.2.content.qos: …". */
function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it is malformed';
  const field = issue.path.map(String).join('.');
  // Shared schemas (user properties) name their problems by catalogue key: English here, like the rest of this text.
  const message = isMessageKey(issue.message) ? english(issue.message) : issue.message;
  return field ? `${field}: ${message}` : message;
}
