/** What part of the time line the chart shows: everything, the newest stretch as it grows, or a fixed window. */
export type LifelineView = { mode: 'fit' } | { mode: 'follow'; span: number } | { mode: 'fixed'; start: number; end: number };

export const MIN_SPAN_MS = 20;
export const MAX_SPAN_MS = 7 * 24 * 3_600_000;

const clampSpan = (span: number) => Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span));

/** The window [start, end] in monotonic ms; `first` is the oldest event's time. */
export function rangeOf(view: LifelineView, first: number, now: number): [number, number] {
  switch (view.mode) {
    case 'fit': {
      const span = Math.max(2000, now - first);
      // A little room on the left, so the first marker is not on the edge.
      return [now - span * 1.03, now + span * 0.01];
    }
    case 'follow':
      return [now - view.span, now + view.span * 0.01];
    case 'fixed':
      return [view.start, view.end];
  }
}

/** The stretch of time the view is about, without the margin drawn after now. */
export function viewSpan(view: LifelineView, range: [number, number]): number {
  return view.mode === 'follow' ? view.span : range[1] - range[0];
}

export function isLive(view: LifelineView): boolean {
  return view.mode !== 'fixed';
}

/** Zooms by `factor` (< 1 in, > 1 out) about a point `anchor` of the width (0 left, 1 right). */
export function zoom(view: LifelineView, range: [number, number], now: number, factor: number, anchor: number): LifelineView {
  const [start, end] = range;
  if (isLive(view) && anchor > 0.9) return { mode: 'follow', span: clampSpan(viewSpan(view, range) * factor) };
  const span = clampSpan((end - start) * factor);
  const at = start + anchor * (end - start);
  return fixedOrFollow(at - anchor * span, at - anchor * span + span, now);
}

/** Moves the window by `deltaMs` (positive: later); reaching now again follows live. */
export function pan(range: [number, number], now: number, deltaMs: number): LifelineView {
  return fixedOrFollow(range[0] + deltaMs, range[1] + deltaMs, now);
}

function fixedOrFollow(start: number, end: number, now: number): LifelineView {
  if (end >= now) return { mode: 'follow', span: end - start };
  return { mode: 'fixed', start, end };
}
