import { catalogs, type Locale, type MessageKey } from '../../shared/i18n';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The accessible name a control has in `locale`, given the English name the other tests use: every
 * catalogue sentence whose English is exactly that text, in the other language. A control left in
 * English, or worded outside the catalogue, is then not found, and the test fails on it.
 */
export function nameIn(locale: Locale, english: string): RegExp {
  const keys = (Object.keys(catalogs.en) as MessageKey[]).filter((key) => catalogs.en[key] === english);
  if (keys.length === 0) throw new Error(`No catalogue sentence reads ${JSON.stringify(english)} in English.`);
  const names = [...new Set(keys.map((key) => catalogs[locale][key]))];
  return new RegExp(`^(${names.map(escape).join('|')})$`);
}

/** The same, for a sentence that begins the name (a status such as "Connected · 3 s"). */
export function startIn(locale: Locale, english: string): RegExp {
  return new RegExp(nameIn(locale, english).source.replace(/\$$/, ''));
}
