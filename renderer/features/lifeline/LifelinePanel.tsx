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
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

/** Rows listed at most; the chart's window picks which, so zooming in reaches any of them. */
const MAX_ROWS = 300;

/** One connection's lifeline over time: the chart, its zoom and pan, and the events in view as a list. */
export function LifelinePanel({ connectionId }: { connectionId: string }) {
  const { events, evicted, error } = useLifeline(connectionId);
  const t = useT();
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
    <section className="panel lifeline-panel" aria-label={t('lifeline.panel.name')}>
      <div className="lifeline-toolbar" role="toolbar" aria-label={t('lifeline.panel.toolbar')}>
        <button type="button" onClick={() => zoomBy(0.5, isLive(view) ? 1 : 0.5)}>
          {t('lifeline.panel.zoomIn')}
        </button>
        <button type="button" onClick={() => zoomBy(2, isLive(view) ? 1 : 0.5)}>
          {t('lifeline.panel.zoomOut')}
        </button>
        <button type="button" aria-pressed={view.mode === 'fit'} onClick={() => setView({ mode: 'fit' })}>
          {t('lifeline.panel.fit')}
        </button>
        <button type="button" aria-pressed={isLive(view)} onClick={() => setView({ mode: 'follow', span: viewSpan(view, range) })}>
          {t('lifeline.panel.follow')}
        </button>
        <span className="lifeline-legend" aria-hidden="true">
          <span className="lifeline-key lifeline-key-connected" /> {t('lifeline.legend.connected')}
          <span className="lifeline-key lifeline-key-connecting" /> {t('lifeline.legend.connecting')}
          <span className="lifeline-key lifeline-key-backoff" /> {t('lifeline.legend.backoff')}
          <span className="lifeline-key lifeline-key-down" /> {t('lifeline.legend.down')}
        </span>
        <span className="lifeline-counts">
          {evicted > 0 ? t('lifeline.panel.countDropped', { count: events.length, dropped: evicted }) : t('lifeline.panel.count', { count: events.length })}
        </span>
      </div>
      <ErrorNote message={error === undefined ? undefined : t('lifeline.panel.readError', { detail: describeError(t, error) })} />
      {events.length === 0 ? (
        <p className="empty-note">{t('lifeline.panel.empty')}</p>
      ) : (
        <>
          <LifelineChart
            events={events}
            spans={spans}
            range={range}
            wallOffset={wallOffset}
            summary={summarize(events, spans, t)}
            onZoom={zoomBy}
            onPan={(deltaMs) => setView(pan(range, now, deltaMs))}
          />
          {lastConnack?.phases && <ConnectWaterfall phases={lastConnack.phases} label={t('lifeline.panel.lastConnect', { time: clockTime(lastConnack.wallTime, true) })} />}
          <p className="form-note lifeline-rows-note">
            {inView.length > rows.length
              ? t('lifeline.panel.rowsSome', { shown: rows.length, count: inView.length })
              : t('lifeline.panel.rowsAll', { count: inView.length })}
          </p>
          <ol className="lifeline-events" aria-label={t('lifeline.panel.events')}>
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
  const t = useT();
  const text = describeEvent(event, t);
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
