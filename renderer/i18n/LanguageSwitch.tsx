import { localeNames, locales } from '../../shared/i18n';
import { useAppStore } from '../store/app-store';
import { chooseLanguage } from './language';
import { useT } from './use-t';

/** Beside the theme button; each language is named in itself, so anyone can find their own. */
export function LanguageSwitch() {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  return (
    <select className="language-switch" aria-label={t('app.language.label')} value={locale} onChange={(event) => void chooseLanguage(event.target.value as typeof locale)}>
      {locales.map((code) => (
        <option key={code} value={code} lang={code}>
          {localeNames[code]}
        </option>
      ))}
    </select>
  );
}
