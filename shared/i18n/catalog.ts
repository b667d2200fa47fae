import { en } from './catalog/en';
import { zhCN } from './catalog/zh-CN';
import type { Locale } from './locales';

export type MessageKey = keyof typeof en;

/**
 * Both catalogues, flat and keyed alike. The compiler already refuses a zh-CN area file that lacks
 * or adds a key (each is typed against its English twin); i18n-catalog.test.ts checks it at run time too.
 */
export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
