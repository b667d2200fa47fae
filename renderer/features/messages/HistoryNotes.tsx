import { useSyncExternalStore } from 'react';
import { useAppStore } from '../../store/app-store';
import { historyView } from './history-view';

/** What the list does not show by itself: messages evicted by the budget, and a paused view. */
export function HistoryNotes({ connectionId }: { connectionId: string }) {
  const view = historyView(connectionId);
  useSyncExternalStore(view.subscribe, view.getVersion);
  const budget = useAppStore((state) => state.settings?.history);
  if (view.evicted === 0 && !view.paused) return null;
  return (
    <div className="history-notes">
      {view.evicted > 0 && (
        <p role="status" aria-label="Evicted messages" className="evicted-note">
          {view.evicted.toLocaleString()} older {view.evicted === 1 ? 'message' : 'messages'} evicted
          {budget && ` (the history keeps the newest ${budget.maxMessages.toLocaleString()} messages or ${budget.maxPayloadMB.toLocaleString()} MB of payload)`}
        </p>
      )}
      {view.paused && (
        <p role="status" aria-label="View paused" className="paused-note">
          View paused: {view.newSincePause.toLocaleString()} new {view.newSincePause === 1 ? 'message' : 'messages'} recorded since.
        </p>
      )}
    </div>
  );
}
