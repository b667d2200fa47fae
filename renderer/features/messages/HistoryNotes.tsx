import { useSyncExternalStore } from 'react';
import { useAppStore } from '../../store/app-store';
import { historyView } from './history-view';
import { useT } from '../../i18n/use-t';

/** What the list does not show by itself: messages evicted by the budget, and a paused view. */
export function HistoryNotes({ connectionId }: { connectionId: string }) {
  const t = useT();
  const view = historyView(connectionId);
  useSyncExternalStore(view.subscribe, view.getVersion);
  const budget = useAppStore((state) => state.settings?.history);
  if (view.evicted === 0 && !view.paused) return null;
  return (
    <div className="history-notes">
      {view.evicted > 0 && (
        <p role="status" aria-label={t('messages.notes.evictedLabel')} className="evicted-note">
          {budget
            ? t('messages.notes.evictedWithBudget', { count: view.evicted, maxMessages: budget.maxMessages, maxPayloadMB: budget.maxPayloadMB })
            : t('messages.notes.evicted', { count: view.evicted })}
        </p>
      )}
      {view.paused && (
        <p role="status" aria-label={t('messages.notes.pausedLabel')} className="paused-note">
          {t('messages.notes.paused', { count: view.newSincePause })}
        </p>
      )}
    </div>
  );
}
