import type { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { intlConfig } from '../../shared/i18n';
import { useAppStore } from '../store/app-store';

/** Every component below words its text in the language the store holds; a switch re-renders them all. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useAppStore((state) => state.locale);
  return <IntlProvider {...intlConfig(locale)}>{children}</IntlProvider>;
}
