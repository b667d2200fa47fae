import { useRef } from 'react';
import type { MouseEvent, PointerEvent } from 'react';

/** Movement below this is a click, not a drag, so arrows stay clickable. */
const DRAG_THRESHOLD_PX = 4;

/** Drag with the mouse to pan a scrolling box, as in a map; the scroll bars and wheel still work. */
export function useDragPan() {
  const drag = useRef<{ x: number; y: number; left: number; top: number; moved: boolean } | undefined>(undefined);
  const dragged = useRef(false);
  return {
    onPointerDown(event: PointerEvent<HTMLDivElement>) {
      if (event.button !== 0 || event.pointerType !== 'mouse') return;
      const box = event.currentTarget;
      drag.current = { x: event.clientX, y: event.clientY, left: box.scrollLeft, top: box.scrollTop, moved: false };
    },
    onPointerMove(event: PointerEvent<HTMLDivElement>) {
      const start = drag.current;
      if (!start) return;
      const dx = event.clientX - start.x;
      const dy = event.clientY - start.y;
      if (!start.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
      if (!start.moved) event.currentTarget.setPointerCapture(event.pointerId);
      start.moved = true;
      event.currentTarget.scrollLeft = start.left - dx;
      event.currentTarget.scrollTop = start.top - dy;
    },
    onPointerUp(event: PointerEvent<HTMLDivElement>) {
      dragged.current = drag.current?.moved ?? false;
      if (dragged.current) event.currentTarget.releasePointerCapture(event.pointerId);
      drag.current = undefined;
    },
    /** The click that ends a drag does not pick the arrow the drag started on. */
    onClickCapture(event: MouseEvent<HTMLDivElement>) {
      if (!dragged.current) return;
      dragged.current = false;
      event.stopPropagation();
    },
  };
}
