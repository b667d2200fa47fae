import type { KeyboardEvent } from 'react';
import type { PacketRef } from '../../../shared/domain/flow';
import { useT } from '../../i18n/use-t';
import { formatDuration } from './format';
import { textWidth } from './text-width';

export interface DiagramLane {
  id: string;
  label: string;
}

export interface DiagramArrow {
  key: string;
  from: string;
  to: string;
  /** On the arrow: "PUBREC id 7". */
  label: string;
  /** Under it, when there is one: a reason code or a fault. */
  detail?: string;
  monotonicMs: number;
  failed?: boolean;
  dup?: boolean;
  ref: PacketRef;
}

export interface DiagramMark {
  key: string;
  monotonicMs: number;
  text: string;
}

export interface DiagramPending {
  from: string;
  to: string;
  text: string;
  warning: boolean;
}

const LANE_GAP = 200;
const LEFT = 72;
const TOP = 44;
const MIN_GAP = 34;
/** Room left beside an arrow's label, so it never touches a lane line. */
const LABEL_PAD = 24;
const LANE_LABEL_MAX = 30;

/** Vertical room for a pause of `ms`: log-scaled, so a reconnect of seconds does not dwarf a 0.1 ms ack. */
function gapFor(ms: number): number {
  return MIN_GAP + 18 * Math.log10(1 + Math.max(0, ms));
}

function laneText(label: string): string {
  return label.length > LANE_LABEL_MAX ? `${label.slice(0, LANE_LABEL_MAX - 1)}…` : label;
}

/**
 * Where each lane stands and how wide the picture is: lanes are spaced for the widest label drawn
 * between them, so no arrow label, lane name or note is cut or runs into the next lane.
 */
function laneLayout(lanes: DiagramLane[], arrows: DiagramArrow[], marks: DiagramMark[], pending: DiagramPending | undefined): { laneX: Map<string, number>; width: number } {
  const index = new Map(lanes.map((lane, position) => [lane.id, position]));
  const names = lanes.map((lane) => textWidth(laneText(lane.label), true));
  let gap = LANE_GAP;
  const spanned = (from: string, to: string, texts: string[]) => {
    const span = Math.max(1, Math.abs((index.get(to) ?? 0) - (index.get(from) ?? 0)));
    for (const text of texts) gap = Math.max(gap, (textWidth(text) + LABEL_PAD) / span);
  };
  for (const arrow of arrows) spanned(arrow.from, arrow.to, arrow.detail ? [arrow.label, arrow.detail] : [arrow.label]);
  if (pending) spanned(pending.from, pending.to, [pending.text]);
  for (let position = 1; position < names.length; position++) gap = Math.max(gap, ((names[position - 1] ?? 0) + (names[position] ?? 0)) / 2 + 16);
  const first = Math.max(LEFT + 50, (names[0] ?? 0) / 2 + 8);
  const laneX = new Map(lanes.map((lane, position) => [lane.id, first + position * gap]));
  const last = first + Math.max(0, lanes.length - 1) * gap;
  let width = last + Math.max(90, (names.at(-1) ?? 0) / 2 + 8);
  for (const mark of marks) width = Math.max(width, LEFT + textWidth(mark.text) + 28);
  return { laneX, width: Math.ceil(width) };
}

function sameRef(a: PacketRef | undefined, b: PacketRef): boolean {
  if (!a || a.source !== b.source || a.seq !== b.seq) return false;
  return a.source === 'broker' || (b.source === 'client' && a.connectionId === b.connectionId);
}

/**
 * A sequence diagram: one lane per party, time flowing down, one arrow per packet with the time
 * since the step before written beside it. Each arrow is a focusable button named as a screen reader
 * should say it ("PUBREC id 7 broker → this client 1.2 ms"); Enter or a click picks its packet.
 */
export function SequenceDiagram({
  label,
  lanes,
  arrows,
  marks,
  pending,
  zoom,
  selected,
  onSelect,
}: {
  label: string;
  lanes: DiagramLane[];
  arrows: DiagramArrow[];
  marks: DiagramMark[];
  pending?: DiagramPending | undefined;
  zoom: number;
  selected: PacketRef | undefined;
  onSelect(ref: PacketRef): void;
}) {
  const t = useT();
  const { laneX, width } = laneLayout(lanes, arrows, marks, pending);
  const laneName = new Map(lanes.map((lane) => [lane.id, lane.label]));
  type Row = { kind: 'arrow'; arrow: DiagramArrow } | { kind: 'mark'; mark: DiagramMark };
  const rows: Row[] = [...arrows.map((arrow) => ({ kind: 'arrow' as const, arrow })), ...marks.map((mark) => ({ kind: 'mark' as const, mark }))];
  rows.sort((a, b) => (a.kind === 'arrow' ? a.arrow.monotonicMs : a.mark.monotonicMs) - (b.kind === 'arrow' ? b.arrow.monotonicMs : b.mark.monotonicMs));
  const start = arrows[0]?.monotonicMs ?? 0;
  let y = TOP;
  let previous: number | undefined;
  const placed = rows.map((row) => {
    const at = row.kind === 'arrow' ? row.arrow.monotonicMs : row.mark.monotonicMs;
    if (previous !== undefined) y += gapFor(at - previous);
    previous = at;
    return { row, y };
  });
  const pendingY = y + (pending ? MIN_GAP + 8 : 0);
  const bottom = pendingY + 50;
  const total = arrows.length > 1 ? (arrows.at(-1)?.monotonicMs ?? start) - start : 0;
  let lastArrowAt: number | undefined;

  const keyDown = (event: KeyboardEvent, ref: PacketRef) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(ref);
    }
  };

  return (
    // Zoom scales the whole picture, across as well as down; the drawing itself is laid out at 1:1.
    <svg className="sequence-diagram" width={Math.round(width * zoom)} height={Math.round(bottom * zoom)} viewBox={`0 0 ${width} ${bottom}`} role="group" aria-label={label}>
      <defs>
        <marker id="seq-arrowhead" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="seq-head" />
        </marker>
        <marker id="seq-arrowhead-failed" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="seq-head seq-failed" />
        </marker>
      </defs>
      {lanes.map((lane) => {
        const x = laneX.get(lane.id) ?? 0;
        return (
          <g key={lane.id} className="seq-lane">
            <text x={x} y={18} textAnchor="middle" className="seq-lane-label">
              {laneText(lane.label)}
            </text>
            <line x1={x} x2={x} y1={26} y2={bottom - 20} />
          </g>
        );
      })}
      {placed.map(({ row, y: rowY }) => {
        if (row.kind === 'mark') {
          return (
            <g key={row.mark.key} className="seq-mark">
              <line x1={LEFT} x2={width - 20} y1={rowY} y2={rowY} />
              <text x={width - 24} y={rowY - 5} textAnchor="end">
                {row.mark.text}
              </text>
            </g>
          );
        }
        const { arrow } = row;
        const x1 = laneX.get(arrow.from) ?? 0;
        const x2 = laneX.get(arrow.to) ?? 0;
        const delta = lastArrowAt === undefined ? undefined : arrow.monotonicMs - lastArrowAt;
        lastArrowAt = arrow.monotonicMs;
        const deltaText = delta === undefined ? t('timeline.diagram.atStart') : `+${formatDuration(delta)}`;
        const name = t('timeline.diagram.arrowName', {
          label: `${arrow.label}${arrow.detail ? ` ${arrow.detail}` : ''}`,
          from: laneName.get(arrow.from) ?? arrow.from,
          to: laneName.get(arrow.to) ?? arrow.to,
          delta: delta === undefined ? t('timeline.diagram.atStart') : formatDuration(delta),
        });
        const isSelected = sameRef(selected, arrow.ref);
        return (
          <g
            key={arrow.key}
            className={`seq-arrow${arrow.failed ? ' seq-failed' : ''}${arrow.dup ? ' seq-dup' : ''}${isSelected ? ' seq-selected' : ''}`}
            role="button"
            tabIndex={0}
            aria-label={name}
            aria-pressed={isSelected}
            onClick={() => onSelect(arrow.ref)}
            onKeyDown={(event) => keyDown(event, arrow.ref)}
          >
            <rect x={Math.min(x1, x2)} y={rowY - 20} width={Math.abs(x2 - x1)} height={arrow.detail ? 38 : 26} className="seq-hit" />
            <text x={LEFT - 8} y={rowY + 4} textAnchor="end" className="seq-delta">
              {deltaText}
            </text>
            <line x1={x1} x2={x2} y1={rowY} y2={rowY} markerEnd={`url(#seq-arrowhead${arrow.failed ? '-failed' : ''})`} />
            <text x={(x1 + x2) / 2} y={rowY - 6} textAnchor="middle" className="seq-label">
              {arrow.label}
            </text>
            {arrow.detail && (
              <text x={(x1 + x2) / 2} y={rowY + 14} textAnchor="middle" className="seq-detail">
                {arrow.detail}
              </text>
            )}
          </g>
        );
      })}
      {pending && (
        <g className={`seq-pending${pending.warning ? ' seq-warning' : ''}`} role="note" aria-label={pending.text}>
          <line x1={laneX.get(pending.from) ?? 0} x2={laneX.get(pending.to) ?? 0} y1={pendingY} y2={pendingY} markerEnd="url(#seq-arrowhead)" />
          <text x={((laneX.get(pending.from) ?? 0) + (laneX.get(pending.to) ?? 0)) / 2} y={pendingY - 6} textAnchor="middle">
            {pending.text}
          </text>
        </g>
      )}
      {arrows.length > 1 && (
        <text x={8} y={bottom - 8} className="seq-total">
          {t('timeline.diagram.total', { duration: formatDuration(total) })}
        </text>
      )}
    </svg>
  );
}
