import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { translator, translatorOf, type Locale, type Translator } from '../../shared/i18n';
import { useAppStore } from '../store/app-store';

/**
 * The typed translator for the language on screen, from react-intl's provider. Components that
 * call it re-render when the language changes, so a switch rewords everything without a reload.
 */
export function useT(): Translator {
  const intl = useIntl();
  return useMemo(() => translatorOf(intl, intl.locale as Locale), [intl]);
}

/** For code outside React (store actions, models): the language on screen right now. */
export function currentT(): Translator {
  return translator(useAppStore.getState().locale);
}
