import { useRef } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useT } from '../../i18n/use-t';

const MIN = 120;
const STEP = 40;

/**
 * The bar between the message list and the pane below it: drag it, or focus it and use ↑/↓, to
 * give the detail, plot or timeline more room. `height` is the lower pane's height in px.
 */
export function PaneSplitter({ height, onChange, max }: { height: number; onChange: (height: number) => void; max: number }) {
  const t = useT();
  const drag = useRef<{ startY: number; startHeight: number } | undefined>(undefined);
  const clamp = (value: number) => Math.round(Math.min(Math.max(MIN, value), Math.max(MIN, max)));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startY: event.clientY, startHeight: height };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // Dragging up makes the lower pane taller.
    onChange(clamp(drag.current.startHeight + drag.current.startY - event.clientY));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = event.key === 'ArrowUp' ? STEP : event.key === 'ArrowDown' ? -STEP : 0;
    if (delta === 0) return;
    event.preventDefault();
    onChange(clamp(height + delta));
  };

  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label={t('messages.splitter.label')}
      aria-valuemin={MIN}
      aria-valuemax={max}
      aria-valuenow={height}
      tabIndex={0}
      className="pane-splitter"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = undefined)}
      onKeyDown={onKeyDown}
    />
  );
}
