import { isLocale, matchLocale, type Locale } from '../../shared/i18n';
import { api } from '../api';
import { useAppStore } from '../store/app-store';
import { initialLocale, STORAGE_KEY } from './initial-locale';


function apply(locale: Locale): void {
  if (useAppStore.getState().locale !== locale) useAppStore.setState({ locale });
  document.documentElement.lang = locale;
}

/** The switch: changes every string at once, and is kept in settings.json so it survives a restart. */
export async function chooseLanguage(locale: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale);
  apply(locale);
  await api.invoke('settings.setLanguage', { language: locale });
}

/**
 * Once the core has answered: a saved choice wins; without one the system's language
 * (Electron's app.getLocale(); the browser's own languages in web mode) decides.
 */
export function settleLanguage(saved: Locale | undefined, systemLocale: string | undefined): void {
  if (saved) {
    localStorage.setItem(STORAGE_KEY, saved);
    apply(saved);
  } else if (!isLocale(localStorage.getItem(STORAGE_KEY))) {
    apply(systemLocale ? matchLocale([systemLocale]) : initialLocale());
  }
}
