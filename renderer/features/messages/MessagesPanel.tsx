import { useEffect, useState, useSyncExternalStore } from 'react';
import { isRecordingSessionId } from '../../../shared/domain/recording-session';
import { api } from '../../api';
import { useT } from '../../i18n/use-t';
import { selectMessage, useAppStore } from '../../store/app-store';
import { HistoryBudgetButton } from './HistoryBudget';
import { HistoryNotes } from './HistoryNotes';
import { LowerPane } from './LowerPane';
import { MessageFilterBar } from './MessageFilterBar';
import { MessageList } from './MessageList';
import { PaneSplitter } from './PaneSplitter';
import { historyView } from './history-view';
import './messages-panel.css';

const noCriteria = {};

const LOWER_PANE_KEY = 'mqtt-lab-lower-pane-height';

export function MessagesPanel({ connectionId }: { connectionId: string }) {
  const view = historyView(connectionId);
  const criteria = useAppStore((state) => state.messageFilters[connectionId] ?? noCriteria);
  useEffect(() => view.setCriteria(criteria), [view, criteria]);
  const [lowerHeight, setLowerHeight] = useState(() => Number(localStorage.getItem(LOWER_PANE_KEY)) || 380);
  const resize = (height: number) => {
    setLowerHeight(height);
    localStorage.setItem(LOWER_PANE_KEY, String(height));
  };
  return (
    <section className="panel messages" aria-labelledby={`messages-${connectionId}`}>
      <MessagesHeader connectionId={connectionId} />
      <MessageFilterBar connectionId={connectionId} />
      <HistoryNotes connectionId={connectionId} />
      <MessageList connectionId={connectionId} />
      <PaneSplitter height={lowerHeight} onChange={resize} max={window.innerHeight - 300} />
      <div className="lower-pane-frame" style={{ height: lowerHeight }}>
        <LowerPane connectionId={connectionId} />
      </div>
    </section>
  );
}

/** Re-renders with every history update (a few times a second under load); the panel around it does not. */
function MessagesHeader({ connectionId }: { connectionId: string }) {
  const t = useT();
  const view = historyView(connectionId);
  useSyncExternalStore(view.subscribe, view.getVersion);
  const clear = async () => {
    selectMessage(connectionId, undefined);
    await api.invoke('message.clear', { connectionId });
  };
  const recording = isRecordingSessionId(connectionId);
  return (
    <header className="panel-header">
      <h3 id={`messages-${connectionId}`}>{t('messages.panel.title')}</h3>
      <span className="count" aria-label={t('messages.panel.countLabel')}>
        {t.number(view.held)}
      </span>
      {/* A recording has no live rate: while it is read, these would count the reading. */}
      {!recording && (
        <span className="rates" role="status" aria-label={t('messages.panel.ratesLabel')}>
          <span title={t('messages.panel.inRateTitle')}>{t('messages.panel.inRate', { rate: view.rates.in })}</span>
          <span title={t('messages.panel.outRateTitle')}>{t('messages.panel.outRate', { rate: view.rates.out })}</span>
        </span>
      )}
      <button type="button" aria-pressed={view.paused} onClick={() => view.setPaused(!view.paused)} title={t('messages.panel.pauseTitle')}>
        {t(view.paused ? 'messages.panel.resume' : 'messages.panel.pause')}
      </button>
      <HistoryBudgetButton />
      {/* A recording is read-only: what it holds is the file. */}
      {!recording && (
        <button type="button" onClick={clear} disabled={view.held === 0}>
          {t('messages.panel.clear')}
        </button>
      )}
    </header>
  );
}
