import { z } from 'zod';
import { locales } from '../i18n/locales';
import type { MessageKey } from '../i18n/catalog';

/**
 * The list is one scrolling element of 30 px rows, and Chromium caps an element's height near
 * 33.5 million px: about 1.1 million rows. The budget stays below, so every message held can be
 * scrolled to.
 */
export const MAX_HISTORY_MESSAGES = 1_000_000;

/** How much each connection's history keeps before the oldest messages are evicted. */
/** The messages are catalogue keys: a form words them with `isMessageKey(m) ? t(m) : m`, the router sends both. */
const problems = {
  number: 'connections.settings.history.number',
  whole: 'connections.settings.history.whole',
  min: 'connections.settings.history.min',
  max: 'connections.settings.history.max',
  mbNumber: 'connections.settings.history.mbNumber',
  mbWhole: 'connections.settings.history.mbWhole',
  mbMin: 'connections.settings.history.mbMin',
  mbMax: 'connections.settings.history.mbMax',
} satisfies Record<string, MessageKey>;

export const HistoryBudget = z.object({
  maxMessages: z.number({ error: problems.number }).int(problems.whole).min(1000, problems.min).max(MAX_HISTORY_MESSAGES, problems.max),
  maxPayloadMB: z.number({ error: problems.mbNumber }).int(problems.mbWhole).min(1, problems.mbMin).max(16_384, problems.mbMax),
});
export type HistoryBudget = z.infer<typeof HistoryBudget>;

export const defaultHistoryBudget: HistoryBudget = { maxMessages: MAX_HISTORY_MESSAGES, maxPayloadMB: 512 };

/** language: the user's choice from the switch; absent, the app follows the system's language. */
export const AppSettings = z.object({ history: HistoryBudget, language: z.enum(locales).optional() });
export type AppSettings = z.infer<typeof AppSettings>;

export const defaultAppSettings: AppSettings = { history: defaultHistoryBudget };
