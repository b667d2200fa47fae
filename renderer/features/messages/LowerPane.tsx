import { useState } from 'react';
import { LifelinePanel } from '../lifeline/LifelinePanel';
import { PacketsTab } from '../packets/PacketsTab';
import { PlotPanel } from '../plot/PlotPanel';
import { TimelinePanel } from '../timeline/TimelinePanel';
import { MessageDetail } from './MessageDetail';
import { useT } from '../../i18n/use-t';
import './lower-pane.css';

const tabs = [
  { id: 'message', label: 'messages.lowerPane.message' },
  { id: 'plot', label: 'messages.lowerPane.plot' },
  { id: 'timeline', label: 'messages.lowerPane.timeline' },
  { id: 'lifeline', label: 'messages.lowerPane.lifeline' },
  { id: 'packets', label: 'messages.lowerPane.packets' },
] as const;
type TabId = (typeof tabs)[number]['id'];

/** Below the list: the selected message, or another view of the history, one at a time. */
export function LowerPane({ connectionId }: { connectionId: string }) {
  const t = useT();
  const [tab, setTab] = useState<TabId>('message');
  return (
    <div className="lower-pane">
      <div className="lower-tabbar">
        <div role="tablist" aria-label={t('messages.lowerPane.label')} className="lower-tabs">
          {tabs.map((entry) => (
            <button
              key={entry.id}
              type="button"
              role="tab"
              id={`lower-tab-${connectionId}-${entry.id}`}
              aria-selected={tab === entry.id}
              aria-controls={`lower-panel-${connectionId}`}
              onClick={() => setTab(entry.id)}
            >
              {t(entry.label)}
            </button>
          ))}
        </div>
      </div>
      <div role="tabpanel" id={`lower-panel-${connectionId}`} aria-labelledby={`lower-tab-${connectionId}-${tab}`} className="lower-panel">
        {tab === 'message' && <MessageDetail connectionId={connectionId} />}
        {tab === 'plot' && <PlotPanel connectionId={connectionId} />}
        {tab === 'timeline' && <TimelinePanel connectionId={connectionId} />}
        {tab === 'lifeline' && <LifelinePanel connectionId={connectionId} />}
        {tab === 'packets' && <PacketsTab connectionId={connectionId} />}
      </div>
    </div>
  );
}
