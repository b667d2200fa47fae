import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import type { LifelineEvent } from '../../../shared/domain/lifeline';
import type { Span } from './lifeline-model';
import type { Translator } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';
import { clockTime, formatDuration, markerLabel, tickStep } from './lifeline-model';

const HEIGHT = 106;
const LABEL_Y = 11;
const BAND_TOP = 16;
const BAND_HEIGHT = 20;
const PING_BASE = 86;
const PING_MAX_HEIGHT = 36;
const AXIS_LABEL_Y = 100;
/** Rough width of a character of the 11px labels, to keep labels from running into each other. */
const CHAR_WIDTH = 6.2;

interface Props {
  events: readonly LifelineEvent[];
  spans: readonly Span[];
  range: [number, number];
  /** Offset from the monotonic time line to the wall clock, for the axis labels. */
  wallOffset: number;
  summary: string;
  onZoom(factor: number, anchor: number): void;
  onPan(deltaMs: number): void;
}

/** Taller for a longer round trip, on a log scale: 0.1 ms and 1 s both stay readable. */
function pingHeight(rttMs: number): number {
  const scaled = Math.log10(1 + rttMs * 10) / Math.log10(1 + 10_000);
  return 6 + Math.min(1, scaled) * (PING_MAX_HEIGHT - 6);
}

/**
 * The time line: state spans as a band (connected solid, waits hatched with their delay), CONNACK
 * and disconnect markers, and ping ticks whose height grows with the round trip. Wheel zooms about
 * the pointer, a drag or a sideways scroll pans, arrow keys and +/− do the same from the keyboard.
 */
export function LifelineChart({ events, spans, range, wallOffset, summary, onZoom, onPan }: Props) {
  const ids = useId();
  const t = useT();
  const hatchBackoff = `${ids}-backoff`;
  const hatchDown = `${ids}-down`;
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(600);
  const drag = useRef<{ x: number; pointerId: number } | undefined>(undefined);
  const [start, end] = range;
  const msPerPixel = (end - start) / Math.max(1, width);
  const handlers = useRef({ onZoom, onPan, msPerPixel, width });
  handlers.current = { onZoom, onPan, msPerPixel, width };

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const observer = new ResizeObserver(() => setWidth(Math.max(100, container.clientWidth)));
    observer.observe(container);
    setWidth(Math.max(100, container.clientWidth));
    return () => observer.disconnect();
  }, []);

  // A wheel listener React attaches is passive and cannot stop the page from scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const current = handlers.current;
      const sideways = event.shiftKey ? event.deltaY : event.deltaX;
      if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        current.onPan(sideways * current.msPerPixel);
        return;
      }
      const box = svg.getBoundingClientRect();
      current.onZoom(Math.exp(event.deltaY * 0.002), (event.clientX - box.left) / Math.max(1, box.width));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, []);

  const x = (time: number) => ((time - start) / (end - start)) * width;
  const visible = (time: number) => time >= start - msPerPixel * 200 && time <= end + msPerPixel * 200;

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    drag.current = { x: event.clientX, pointerId: event.pointerId };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    const moved = event.clientX - current.x;
    if (moved === 0) return;
    current.x = event.clientX;
    onPan(-moved * msPerPixel);
  };
  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    if (drag.current?.pointerId === event.pointerId) drag.current = undefined;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = (end - start) * 0.1;
    if (event.key === 'ArrowLeft') onPan(-step);
    else if (event.key === 'ArrowRight') onPan(step);
    else if (event.key === '+' || event.key === '=') onZoom(0.5, 0.5);
    else if (event.key === '-') onZoom(2, 0.5);
    else return;
    event.preventDefault();
  };

  const step = tickStep(msPerPixel);
  const ticks: number[] = [];
  for (let tick = Math.ceil(start / step) * step; tick <= end; tick += step) ticks.push(tick);

  let labelEnd = -Infinity;
  const markers = events.flatMap((event) => {
    const label = markerLabel(event, t);
    if (label === undefined || !visible(event.monotonicMs)) return [];
    const at = x(event.monotonicMs);
    const drawnWidth = labelWidth(label);
    // Near the right edge the label goes to the left of its line, so it is not cut off.
    const leftward = at + 3 + drawnWidth > width;
    const labelStart = leftward ? at - 3 - drawnWidth : at + 3;
    const showLabel = labelStart >= labelEnd + 4 && labelStart >= 0;
    if (showLabel) labelEnd = labelStart + drawnWidth;
    const tone = event.kind === 'connack' && event.code === 0 ? 'connack' : 'trouble';
    return [
      <g key={event.id} className={`lifeline-marker lifeline-marker-${tone}`}>
        <title>{label}</title>
        <line x1={at} x2={at} y1={LABEL_Y + 3} y2={PING_BASE} />
        {showLabel && (
          <text x={leftward ? at - 3 : at + 3} y={LABEL_Y} textAnchor={leftward ? 'end' : 'start'}>
            {label}
          </text>
        )}
      </g>,
    ];
  });

  let rttLabelEnd = -Infinity;
  const pings = events.flatMap((event) => {
    if (event.kind !== 'ping' || !visible(event.monotonicMs)) return [];
    const at = x(event.monotonicMs);
    if (event.state === 'missing') {
      return [
        <g key={event.id} className="lifeline-ping-missing">
          <title>{t('lifeline.chart.pingMissing')}</title>
          <path d={`M${at - 4},${PING_BASE - 12} l8,8 m0,-8 l-8,8`} />
        </g>,
      ];
    }
    if (event.state === 'waiting' || event.rttMs === undefined) {
      return [<circle key={event.id} className="lifeline-ping-waiting" cx={at} cy={PING_BASE - 6} r={3} />];
    }
    const height = pingHeight(event.rttMs);
    const label = formatDuration(event.rttMs);
    const half = labelWidth(label) / 2;
    const labelAt = Math.min(width - half, Math.max(half, at));
    const showLabel = labelAt - half >= rttLabelEnd + 6;
    if (showLabel) rttLabelEnd = labelAt + half;
    return [
      <g key={event.id} className="lifeline-ping">
        <title>{t('lifeline.chart.roundTrip', { duration: label })}</title>
        <line x1={at} x2={at} y1={PING_BASE} y2={PING_BASE - height} />
        {showLabel && (
          <text x={labelAt} y={PING_BASE - height - 4} textAnchor="middle">
            {label}
          </text>
        )}
      </g>,
    ];
  });

  return (
    <div ref={containerRef} className="lifeline-chart" role="group" tabIndex={0} onKeyDown={onKeyDown} aria-label={t('lifeline.chart.name')}>
      <svg
        ref={svgRef}
        role="img"
        aria-label={summary}
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <defs>
          <pattern id={hatchBackoff} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" className="lifeline-hatch-backoff-bg" />
            <line x1="0" y1="0" x2="0" y2="8" className="lifeline-hatch-backoff" />
          </pattern>
          <pattern id={hatchDown} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" className="lifeline-hatch-down-bg" />
            <line x1="0" y1="0" x2="0" y2="8" className="lifeline-hatch-down" />
          </pattern>
        </defs>
        {ticks.map((tick) => {
          const label = clockTime(tick + wallOffset, step < 1000);
          const half = (label.length * CHAR_WIDTH) / 2;
          // A label the edge would cut is left out; the next tick's is there.
          const fits = x(tick) - half >= 0 && x(tick) + half <= width;
          return (
            <g key={tick} className="lifeline-tick">
              <line x1={x(tick)} x2={x(tick)} y1={BAND_TOP} y2={PING_BASE + 4} />
              {fits && (
                <text x={x(tick)} y={AXIS_LABEL_Y} textAnchor="middle">
                  {label}
                </text>
              )}
            </g>
          );
        })}
        <line className="lifeline-baseline" x1={0} x2={width} y1={PING_BASE} y2={PING_BASE} />
        <text className="lifeline-lane-label" x={4} y={PING_BASE - PING_MAX_HEIGHT - 4}>
          {t('lifeline.chart.pingsLane')}
        </text>
        {spans.map((span) => {
          if (span.to < start || span.from > end) return null;
          const left = Math.max(-2, x(span.from));
          const right = Math.min(width + 2, x(span.to));
          const spanWidth = Math.max(1, right - left);
          const fill = span.kind === 'backoff' ? `url(#${hatchBackoff})` : span.kind === 'down' ? `url(#${hatchDown})` : undefined;
          const label = span.kind === 'backoff' && span.delayMs !== undefined ? backoffLabel(span.delayMs, spanWidth, t) : undefined;
          return (
            <g key={`${span.kind}-${span.from}`} className={`lifeline-span lifeline-span-${span.kind}`}>
              <title>{spanTitle(span, t)}</title>
              <rect x={left} y={BAND_TOP} width={spanWidth} height={BAND_HEIGHT} fill={fill} />
              {label && (
                <text x={left + spanWidth / 2} y={BAND_TOP + BAND_HEIGHT / 2 + 4} textAnchor="middle">
                  {label}
                </text>
              )}
            </g>
          );
        })}
        {markers}
        {pings}
      </svg>
    </div>
  );
}

function backoffLabel(delayMs: number, pixels: number, t: Translator): string | undefined {
  const long = t('lifeline.chart.backoff', { duration: formatDuration(delayMs) });
  if (pixels > labelWidth(long) + 8) return long;
  const short = formatDuration(delayMs);
  return pixels > labelWidth(short) + 6 ? short : undefined;
}

/** Rough drawn width of a label: Chinese characters take about twice a Latin one's room. */
function labelWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) > 0x2e80 ? CHAR_WIDTH * 1.8 : CHAR_WIDTH;
  return width;
}

function spanTitle(span: Span, t: Translator): string {
  const duration = formatDuration(span.to - span.from);
  switch (span.kind) {
    case 'connected':
      return t('lifeline.chart.connectedFor', { duration });
    case 'connecting':
      return t('lifeline.chart.connectingFor', { duration });
    case 'backoff': {
      const delay = formatDuration(span.delayMs ?? 0);
      return span.attempt === undefined ? t('lifeline.chart.waitingBeforeNext', { duration: delay }) : t('lifeline.chart.waitingBefore', { duration: delay, attempt: span.attempt });
    }
    case 'down':
      return t('lifeline.chart.disconnectedFor', { duration });
  }
}
