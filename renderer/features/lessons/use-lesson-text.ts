import { useCallback } from 'react';
import { pickText, type LocalizedText } from '../../../shared/lessons/localized-text';
import { useAppStore } from '../../store/app-store';

/** Picks a lesson's text in the language on screen (or the nearest the lesson file carries). */
export function useLessonText(): (text: LocalizedText) => string {
  const locale = useAppStore((state) => state.locale);
  return useCallback((text: LocalizedText) => pickText(text, locale), [locale]);
}
