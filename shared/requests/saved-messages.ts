import { z } from 'zod';
import { MessageCollections } from '../domain/saved-messages';
import type { MessageCollection } from '../domain/saved-messages';
import type { Message } from '../i18n';

const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

/** Saved messages in collections, spread into `requests` in `contract.ts`. */
export const savedMessageRequests = {
  /** notices: what the user must hear about the file, such as a damaged one moved aside. */
  'savedMessages.list': { input: z.object({}), output: z.custom<{ collections: MessageCollection[]; notices: string[]; noticeTexts: Message[] }>() },
  /** Replaces every collection (the list is small and edits are rare): written to disk before it answers. */
  'savedMessages.put': { input: z.object({ collections: MessageCollections }), output: z.custom<{ collections: MessageCollection[] }>() },
  /** collectionIds empty: every collection. */
  'savedMessages.export': {
    input: z.object({ collectionIds: z.array(z.string().max(100)).max(1000) }),
    output: z.object({ fileName: z.string(), content: z.string(), count: z.number() }),
  },
  /** Adds the file's collections, under new ids; a collection of a connection that is not here becomes global. */
  'savedMessages.import': {
    input: z.object({ fileName: z.string().max(1000), content: z.string().max(MAX_IMPORT_CHARS, 'The file is larger than 64 MB; that is not a saved-messages export.') }),
    /** warnings in English; warningTexts, one for each, to word in the user's language. */
    output: z.custom<{ collections: MessageCollection[]; imported: number; warnings: string[]; warningTexts?: Message[] }>(),
  },
} as const;

export const savedMessageEvents = {
  /** After every change, so every window shows the same collections. */
  'savedMessages.updated': z.custom<{ collections: MessageCollection[] }>(),
} as const;
