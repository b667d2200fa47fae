/**
 * A lesson sentence in every language the app speaks, worded once where it is made (the check
 * engine in the main process) and picked by the stage with pickText: the engine knows the values
 * (actor names, counts, packet ids) and a teacher's `says` templates per language, the stage does not.
 */
import { locales, translator, type Translator } from '../i18n';
import type { LocalizedText } from './localized-text';

/** The same sentence in each of the app's languages, keyed by locale: a LocalizedText. */
export type Wording = Readonly<Record<string, string>>;

export function wordAll(word: (t: Translator) => string): Wording {
  return Object.fromEntries(locales.map((locale) => [locale, word(translator(locale))]));
}

/**
 * The tag `pickText(text, locale)` would choose; a text in a language the app does not speak is
 * filled with English values, so a sentence never mixes a Chinese template with English words.
 */
export function pickedTag(text: LocalizedText, locale: string): string | undefined {
  if (typeof text === 'string') return undefined;
  if (text[locale] !== undefined) return locale;
  const language = locale.split('-')[0];
  const sibling = Object.keys(text).find((tag) => tag.split('-')[0] === language);
  if (sibling !== undefined) return sibling;
  if (text.en !== undefined) return 'en';
  return Object.keys(text)[0];
}
