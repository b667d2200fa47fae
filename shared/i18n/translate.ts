import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { catalogs, isMessageKey, type MessageKey } from './catalog';
import type { Locale } from './locales';
import type { Message, MessageParams, WireMessage } from './message';

/**
 * Words messages in one language, the same way in the renderer, the main process and the CLI:
 * FormatJS's ICU engine over the one catalogue, numbers and dates through Intl.
 */
export interface Translator {
  readonly locale: Locale;
  (key: MessageKey, params?: MessageParams): string;
  /** A message from the core; an unknown key (a newer core) falls back to its English text if given. */
  msg(message: Message | WireMessage, fallback?: string): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  date(value: number | Date, options?: Intl.DateTimeFormatOptions): string;
  /** A duration in the unit a person would use: 850 ms, 1.2 s, 3.5 min. */
  duration(ms: number): string;
}

const cache = createIntlCache();
const translators = new Map<Locale, Translator>();

function intlFor(locale: Locale): IntlShape<string> {
  return createIntl(intlConfig(locale), cache);
}

/** The options both the core's createIntl and the renderer's <IntlProvider> take, so they word alike. */
export function intlConfig(locale: Locale) {
  return {
    locale,
    defaultLocale: 'en',
    messages: catalogs[locale],
    // A missing key is a programming error the key-parity test catches; never print to the console at run time.
    onError: () => undefined,
  };
}

export function translator(locale: Locale): Translator {
  const known = translators.get(locale);
  if (known) return known;
  const t = translatorOf(intlFor(locale), locale);
  translators.set(locale, t);
  return t;
}

/** The part of a FormatJS intl object the Translator needs; react-intl's and @formatjs/intl's both fit. */
export interface IntlLike {
  formatMessage(descriptor: { id: string }, values?: MessageParams): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  formatDate(value: number | Date, options?: Intl.DateTimeFormatOptions): string;
}

/** Wraps a FormatJS intl object (react-intl's useIntl() or createIntl) in the typed Translator. */
export function translatorOf(intl: IntlLike, locale: Locale): Translator {
  const t = ((key: MessageKey, params?: MessageParams) => intl.formatMessage({ id: key }, params)) as Translator;
  Object.defineProperty(t, 'locale', { value: locale });
  t.msg = (message, fallback) => {
    if (!isMessageKey(message.key)) return fallback ?? message.key;
    if (!message.parts) return t(message.key, message.params);
    const params: MessageParams = { ...message.params };
    for (const [name, part] of Object.entries(message.parts)) params[name] = t.msg(part);
    return t(message.key, params);
  };
  t.number = (value, options) => intl.formatNumber(value, options);
  t.date = (value, options) => intl.formatDate(value, options);
  t.duration = (ms) => {
    if (Math.abs(ms) < 1000) return t('common.duration.ms', { value: Math.round(ms) });
    if (Math.abs(ms) < 60_000) return t('common.duration.s', { value: ms / 1000 });
    return t('common.duration.min', { value: ms / 60_000 });
  };
  return t;
}

/** The English wording, for logs, thrown Error messages and the CLI's JSON, which stay English. */
export function english(key: MessageKey, params?: MessageParams): string {
  return translator('en')(key, params);
}

/** A whole Message, inner sentences included, in English. */
export function englishOf(message: Message): string {
  return translator('en').msg(message);
}
