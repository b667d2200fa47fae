import { z } from 'zod';
import { said } from './format-messages';

/**
 * Lesson text in one language or several. A plain string is one language (files written before
 * lessons spoke Chinese stay valid); an object holds a text per BCP 47 tag ("en", "zh-CN", "ja"…),
 * so a teacher's file may carry only the languages its author wrote.
 */
export type LocalizedText = string | Readonly<Record<string, string>>;

const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, said('lessons.format.languageTag'));

/** The schema for a text field of at most `max` characters in each language; `trim` for titles and labels. */
export function localizedText(max: number, options: { trim?: boolean; min?: number; what?: 'title' | 'label' } = {}) {
  let one = z.string();
  if (options.trim) one = one.trim();
  if (options.min) one = one.min(options.min, said('lessons.format.textNeeded', { what: options.what ?? 'text' }));
  one = one.max(max, said('lessons.format.atMostChars', { max: String(max) }));
  return z.union([one, z.record(languageTag, one).refine((texts) => Object.keys(texts).length > 0, said('lessons.format.oneLanguage'))], {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      return said(issue.input === undefined ? 'lessons.format.textMissing' : 'lessons.format.textExpected');
    },
  });
}

/**
 * The text to show in `locale`: that language, else another variant of it (zh-CN for zh-Hans),
 * else English, else whichever language the file has.
 */
export function pickText(text: LocalizedText, locale: string): string {
  if (typeof text === 'string') return text;
  const exact = text[locale];
  if (exact !== undefined) return exact;
  const language = locale.split('-')[0];
  const sibling = Object.keys(text).find((tag) => tag.split('-')[0] === language);
  if (sibling !== undefined) return text[sibling] ?? '';
  return text.en ?? Object.values(text)[0] ?? '';
}

/** The languages a text is given in; a plain string counts as unknown (undefined). */
export function languagesOf(text: LocalizedText): string[] | undefined {
  return typeof text === 'string' ? undefined : Object.keys(text);
}
