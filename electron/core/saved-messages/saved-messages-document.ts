import type { z } from 'zod';
import { MessageCollection, savedMessagesFormat, savedMessagesVersion } from '../../../shared/domain/saved-messages';
import { isMessageKey, msg, type Message } from '../../../shared/i18n';

/**
 * Reading the saved-messages JSON, shared by the file the app keeps and the files users import:
 * both are `{ format, version, collections }`, and each collection is checked on its own, so one
 * bad collection does not cost the others. Problems are Messages: the store puts them inside its
 * own sentences, worded where they are shown.
 */
export type ReadDocument = { ok: true; collections: MessageCollection[]; skipped: Message[]; total: number } | { ok: false; problem: Message; hint?: Message };

export function readSavedMessagesDocument(text: string): ReadDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // The JSON parser's own words are the engine's, kept as they are.
    return { ok: false, problem: text.trim() === '' ? msg('savedMessages.document.empty') : msg('savedMessages.document.notJson', { detail: (error as Error).message }) };
  }
  if (!isRecord(document)) return { ok: false, problem: msg('savedMessages.document.noObject') };
  if (document.format !== savedMessagesFormat) {
    const format = document.format === 'mqtt-lab.profiles' ? 'profiles' : typeof document.format === 'string' ? 'named' : 'none';
    return { ok: false, problem: msg('savedMessages.document.otherFormat', { format, name: typeof document.format === 'string' ? document.format.slice(0, 60) : '' }) };
  }
  const { version } = document;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, problem: msg('savedMessages.document.noVersion') };
  if (version > savedMessagesVersion) {
    return { ok: false, problem: msg('savedMessages.document.newer', { version, supported: savedMessagesVersion }), hint: msg('savedMessages.document.update') };
  }
  if (!Array.isArray(document.collections)) return { ok: false, problem: msg('savedMessages.document.noList') };
  const collections: MessageCollection[] = [];
  const skipped: Message[] = [];
  const ids = new Set<string>();
  document.collections.forEach((entry: unknown, index) => {
    const result = MessageCollection.safeParse(entry);
    if (!result.success) skipped.push(msg('savedMessages.document.skipped', {}, { collection: label(entry, index), problem: issueText(result.error) }));
    else if (ids.has(result.data.id)) skipped.push(msg('savedMessages.document.skipped', {}, { collection: label(entry, index), problem: msg('savedMessages.document.idUsed') }));
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

function label(entry: unknown, index: number): Message {
  return isRecord(entry) && typeof entry.name === 'string' && entry.name.trim() !== '' ? msg('savedMessages.document.named', { name: entry.name.slice(0, 100) }) : msg('savedMessages.document.numbered', { number: index + 1 });
}

/** The first problem, with the path inside the collection: "messages.2.content.qos: …". */
function issueText(error: z.ZodError): Message {
  const issue = error.issues[0];
  if (!issue) return msg('savedMessages.document.malformed');
  const field = issue.path.map(String).join('.');
  // A schema's own sentence may be a catalogue key; zod's built-in ones stay as zod words them.
  const params = issue.code === 'custom' ? (issue.params as Record<string, string | number> | undefined) : undefined;
  const said = isMessageKey(issue.message) ? msg(issue.message, params) : msg('savedMessages.document.verbatim', { text: issue.message });
  return field ? msg('savedMessages.document.inField', { field }, { problem: said }) : said;
}

/** Several problems as one "a; b; c" sentence, still to be worded. */
export function listOf(messages: readonly Message[]): Message {
  const [first, ...rest] = messages;
  if (!first) return msg('savedMessages.document.verbatim', { text: '' });
  return rest.reduce((list, next) => msg('savedMessages.document.list', {}, { first: list, next }), first);
}
