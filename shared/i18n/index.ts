export { catalogs, isMessageKey, type MessageKey } from './catalog';
export { isLocale, localeFromEnv, localeNames, locales, matchLocale, type Locale } from './locales';
export { MessageSchema, msg, type Message, type MessageParams, type WireMessage } from './message';
export { english, englishOf, intlConfig, translator, translatorOf, type Translator } from './translate';
export { englishNested, nested, wordNested, type NestedMessage } from './nested';
