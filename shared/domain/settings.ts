import { z } from 'zod';
import { locales } from '../i18n/locales';

/**
 * The list is one scrolling element of 30 px rows, and Chromium caps an element's height near
 * 33.5 million px: about 1.1 million rows. The budget stays below, so every message held can be
 * scrolled to.
 */
export const MAX_HISTORY_MESSAGES = 1_000_000;

/** How much each connection's history keeps before the oldest messages are evicted. */
export const HistoryBudget = z.object({
  maxMessages: z
    .number({ error: 'Enter a number of messages.' })
    .int('Enter a whole number of messages.')
    .min(1000, 'Keep at least 1,000 messages.')
    .max(MAX_HISTORY_MESSAGES, `At most ${MAX_HISTORY_MESSAGES.toLocaleString('en')} messages: the list cannot scroll further.`),
  maxPayloadMB: z
    .number({ error: 'Enter a size in MB.' })
    .int('Enter a whole number of MB.')
    .min(1, 'Keep at least 1 MB of payloads.')
    .max(16_384, 'At most 16,384 MB (16 GB) of payloads per connection.'),
});
export type HistoryBudget = z.infer<typeof HistoryBudget>;

export const defaultHistoryBudget: HistoryBudget = { maxMessages: MAX_HISTORY_MESSAGES, maxPayloadMB: 512 };

/** language: the user's choice from the switch; absent, the app follows the system's language. */
export const AppSettings = z.object({ history: HistoryBudget, language: z.enum(locales).optional() });
export type AppSettings = z.infer<typeof AppSettings>;

export const defaultAppSettings: AppSettings = { history: defaultHistoryBudget };
