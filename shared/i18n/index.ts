export { catalogs, isMessageKey, type MessageKey } from './catalog';
export { isLocale, localeFromEnv, localeNames, locales, matchLocale, type Locale } from './locales';
export { MessageSchema, msg, type Message, type MessageParams } from './message';
export { english, intlConfig, translator, translatorOf, type Translator } from './translate';
