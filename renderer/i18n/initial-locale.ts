import { isLocale, matchLocale, type Locale } from '../../shared/i18n';

export const STORAGE_KEY = 'mqtt-lab-language';

/** Before the core answers: the last choice this origin saw, else the browser's languages. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  return matchLocale(navigator.languages ?? [navigator.language]);
}
