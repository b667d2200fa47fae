/** The languages MQTT Lab speaks. The first is the fallback for anything else. */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The first supported language among BCP 47 tags in order of preference (navigator.languages,
 * app.getLocale(), a POSIX LANG). Every Chinese tag maps to zh-CN: it is the only Chinese we ship,
 * and a Traditional reader reads it far better than English.
 */
export function matchLocale(tags: readonly (string | undefined | null)[]): Locale {
  for (const raw of tags) {
    if (!raw) continue;
    const language = raw.replace(/[.@].*$/, '').replace(/_/g, '-').split('-')[0]?.toLowerCase();
    if (language === 'zh') return 'zh-CN';
    if (language === 'en') return 'en';
  }
  return 'en';
}

/** The CLI's language: POSIX precedence is LC_ALL, then LC_MESSAGES, then LANG; "C" and "POSIX" mean English. */
export function localeFromEnv(env: Readonly<Record<string, string | undefined>>): Locale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return matchLocale([value]);
}

/** The name of each language in itself, for the switch. */
export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '中文' };
