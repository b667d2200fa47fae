import { useState } from 'react';
import { LifelinePanel } from '../lifeline/LifelinePanel';
import { PacketsTab } from '../packets/PacketsTab';
import { PlotPanel } from '../plot/PlotPanel';
import { TimelinePanel } from '../timeline/TimelinePanel';
import { MessageDetail } from './MessageDetail';
import './lower-pane.css';

const tabs = [
  { id: 'message', label: 'Message' },
  { id: 'plot', label: 'Plot' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'lifeline', label: 'Lifeline' },
  { id: 'packets', label: 'Packets' },
] as const;
type TabId = (typeof tabs)[number]['id'];

/** Below the list: the selected message, or another view of the history, one at a time. */
export function LowerPane({ connectionId }: { connectionId: string }) {
  const [tab, setTab] = useState<TabId>('message');
  return (
    <div className="lower-pane">
      <div className="lower-tabbar">
        <div role="tablist" aria-label="Message views" className="lower-tabs">
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
              {entry.label}
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
