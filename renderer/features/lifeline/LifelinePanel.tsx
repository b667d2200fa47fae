import { useMemo, useState } from 'react';
import type { ConnackEvent, LifelineEvent } from '../../../shared/domain/lifeline';
import { ConnectWaterfall } from '../connections/ConnectWaterfall';
import { LifelineChart } from './LifelineChart';
import { clockTime, describeEvent, monotonicNow, spansOf, summarize } from './lifeline-model';
import type { LifelineView } from './lifeline-view';
import { isLive, pan, rangeOf, viewSpan, zoom } from './lifeline-view';
import { useLifeline, useNow } from './use-lifeline';
import './lifeline.css';
import { ErrorNote } from '../../components/ErrorNote';

/** Rows listed at most; the chart's window picks which, so zooming in reaches any of them. */
const MAX_ROWS = 300;

/** One connection's lifeline over time: the chart, its zoom and pan, and the events in view as a list. */
export function LifelinePanel({ connectionId }: { connectionId: string }) {
  const { events, evicted, error } = useLifeline(connectionId);
  const [view, setView] = useState<LifelineView>({ mode: 'fit' });
  const wallNow = useNow(isLive(view));
  const now = monotonicNow(events, wallNow);
  const first = events[0]?.monotonicMs ?? now;
  const range = rangeOf(view, first, now);
  const spans = useMemo(() => spansOf(events, now), [events, now]);
  const wallOffset = events[0] ? events[0].wallTime - events[0].monotonicMs : 0;
  const [start, end] = range;
  const inView = useMemo(() => events.filter((event) => event.monotonicMs >= start && event.monotonicMs <= end), [events, start, end]);
  const rows = inView.slice(-MAX_ROWS).reverse();
  const lastConnack = useMemo(() => newestConnackWithPhases(events), [events]);

  const zoomBy = (factor: number, anchor: number) => setView((current) => zoom(current, range, now, factor, anchor));

  return (
    <section className="panel lifeline-panel" aria-label="Lifeline">
      <div className="lifeline-toolbar" role="toolbar" aria-label="Lifeline view">
        <button type="button" onClick={() => zoomBy(0.5, isLive(view) ? 1 : 0.5)}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoomBy(2, isLive(view) ? 1 : 0.5)}>
          Zoom out
        </button>
        <button type="button" aria-pressed={view.mode === 'fit'} onClick={() => setView({ mode: 'fit' })}>
          Fit
        </button>
        <button type="button" aria-pressed={isLive(view)} onClick={() => setView({ mode: 'follow', span: viewSpan(view, range) })}>
          Follow live
        </button>
        <span className="lifeline-legend" aria-hidden="true">
          <span className="lifeline-key lifeline-key-connected" /> connected
          <span className="lifeline-key lifeline-key-connecting" /> connecting
          <span className="lifeline-key lifeline-key-backoff" /> backoff
          <span className="lifeline-key lifeline-key-down" /> down
        </span>
        <span className="lifeline-counts">
          {events.length.toLocaleString()} events{evicted > 0 ? `, ${evicted.toLocaleString()} older ones dropped` : ''}
        </span>
      </div>
      <ErrorNote message={error} />
      {events.length === 0 ? (
        <p className="empty-note">Nothing yet: connect, and the attempts, CONNACKs, pings and disconnects of this connection appear here.</p>
      ) : (
        <>
          <LifelineChart
            events={events}
            spans={spans}
            range={range}
            wallOffset={wallOffset}
            summary={summarize(events, spans)}
            onZoom={zoomBy}
            onPan={(deltaMs) => setView(pan(range, now, deltaMs))}
          />
          {lastConnack?.phases && <ConnectWaterfall phases={lastConnack.phases} label={`Last connect, ${clockTime(lastConnack.wallTime, true)}`} />}
          <p className="form-note lifeline-rows-note">
            {inView.length > rows.length
              ? `The newest ${rows.length} of the ${inView.length.toLocaleString()} events in view; zoom in for older ones.`
              : `${inView.length.toLocaleString()} events in view, newest first.`}
          </p>
          <ol className="lifeline-events" aria-label="Lifeline events">
            {rows.map((event) => (
              <EventRow key={event.id} event={event} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function EventRow({ event }: { event: LifelineEvent }) {
  const text = describeEvent(event);
  return (
    <li aria-label={text} className={`lifeline-row lifeline-row-${tone(event)}`}>
      <time dateTime={new Date(event.wallTime).toISOString()}>{clockTime(event.wallTime, true)}</time>
      <span>{text}</span>
    </li>
  );
}

function tone(event: LifelineEvent): 'ok' | 'trouble' | 'wait' | 'plain' {
  switch (event.kind) {
    case 'connack':
      return event.code === 0 ? 'ok' : 'trouble';
    case 'disconnect':
    case 'give-up':
      return 'trouble';
    case 'ping':
      return event.state === 'missing' ? 'trouble' : 'plain';
    case 'reconnect-scheduled':
      return 'wait';
    default:
      return 'plain';
  }
}

function newestConnackWithPhases(events: readonly LifelineEvent[]): ConnackEvent | undefined {
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    if (event?.kind === 'connack' && event.phases) return event;
  }
  return undefined;
}
