import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { TracePacket } from '../../../shared/lessons/lesson-trace';
import type { StageLayout } from './stage-layout';
import { laneTitle, packetDescription, packetLabel } from './stage-layout';
import { stepHeading } from './stage-svg';
import { useT } from '../../i18n/use-t';

/** The mark of a close and of a dropped packet: a symbol, the same in every language. */
const CROSS = '✕';

function arrowClasses(dropped: boolean, highlighted: boolean, selected: boolean): string {
  return ['stage-arrow', dropped ? 'stage-arrow-dropped' : '', highlighted ? 'stage-arrow-highlighted' : '', selected ? 'stage-arrow-selected' : ''].filter(Boolean).join(' ');
}

interface Props {
  layout: StageLayout;
  stepTitles: readonly string[];
  highlighted: ReadonlySet<number>;
  selected: number | undefined;
  onOpen(packet: TracePacket): void;
}

/**
 * The lanes and the packets between them, drawn from the same layout the SVG export writes. Every
 * arrow is a button that opens its packet in the inspector. New rows scroll into view as they come.
 */
export function StageDiagram({ layout, stepTitles, highlighted, selected, onOpen }: Props) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  // The newest packets are what the room is looking at: keep them in view as rows come and the type grows.
  useEffect(() => {
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [layout.height]);
  const viewHeight = useViewHeight(scrollRef);
  const { lanes, rows, width, metrics } = layout;
  // The lanes run down the whole view even before any packet is drawn.
  const height = Math.max(layout.height, viewHeight);
  const onArrowKey = (event: KeyboardEvent, packet: TracePacket) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    event.stopPropagation();
    onOpen(packet);
  };
  return (
    <div className="stage-diagram" ref={scrollRef}>
      {/* The lane names stay in sight while the packets scroll under them. */}
      <div className="stage-lane-names" style={{ height: metrics.headerHeight, marginBottom: -metrics.headerHeight }} aria-hidden="true">
        <svg width={width} height={metrics.headerHeight}>
          {lanes.map((lane) => (
            <text key={lane.name} className={lane.broker ? 'stage-lane-name stage-lane-name-broker' : 'stage-lane-name'} x={lane.x} y={Math.round(metrics.headerHeight * 0.6)} textAnchor="middle" style={{ fontSize: Math.round(metrics.fontSize * 1.25) }}>
              {laneTitle(lane, t)}
            </text>
          ))}
        </svg>
      </div>
      <svg role="group" aria-label={t('lessons.stage.diagramLabel')} width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ fontSize: metrics.fontSize }}>
        {lanes.map((lane) => (
          <g key={lane.name} className={lane.broker ? 'stage-lane stage-lane-broker' : 'stage-lane'}>
            <line x1={lane.x} y1={metrics.headerHeight} x2={lane.x} y2={height} />
            <text x={lane.x} y={Math.round(metrics.headerHeight * 0.6)} textAnchor="middle" style={{ fontSize: Math.round(metrics.fontSize * 1.25) }}>
              {laneTitle(lane, t)}
            </text>
          </g>
        ))}
        {rows.map((row) => {
          if (row.kind === 'step')
            return (
              <text key={`step-${row.step}-${row.y}`} className="stage-step-heading" x={8} y={row.y}>
                {stepHeading(row.step, stepTitles, t)}
              </text>
            );
          if (row.kind === 'event')
            return (
              <text key={`event-${row.y}`} className="stage-event" x={row.x} y={row.y} textAnchor={row.anchor}>
                {CROSS} {row.text}
              </text>
            );
          const { packet, arrow } = row;
          const classes = arrowClasses(row.dropped, highlighted.has(packet.index), selected === packet.index);
          const left = Math.min(arrow.x1, arrow.x2);
          return (
            <g key={`${packet.tap}-${packet.index}`} className={classes} role="button" tabIndex={0} aria-label={packetDescription(packet, t)} onClick={() => onOpen(packet)} onKeyDown={(event) => onArrowKey(event, packet)}>
              <title>{packetDescription(packet, t)}</title>
              {/* A wider, invisible band: a 2 px line is hard to hit with a pointer. */}
              <rect className="stage-arrow-hit" x={left} y={arrow.y - metrics.rowHeight * 0.75} width={Math.abs(arrow.x2 - arrow.x1)} height={metrics.rowHeight * 0.95} />
              <line x1={arrow.x1} y1={arrow.y} x2={arrow.x2} y2={arrow.y} />
              {row.dropped ? (
                <text className="stage-drop-mark" x={arrow.x2} y={arrow.y + Math.round(metrics.fontSize * 0.4)} textAnchor="middle" style={{ fontSize: metrics.fontSize * 1.4 }}>
                  {CROSS}
                </text>
              ) : (
                <polygon points={arrow.head} />
              )}
              <text className="stage-arrow-label" x={arrow.labelX} y={arrow.labelY} textAnchor="middle">
                {packetLabel(packet, t)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function useViewHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
