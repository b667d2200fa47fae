/** The diagram's text size; the stylesheet sets the same on `.sequence-diagram`. */
export const DIAGRAM_FONT_PX = 12;
/** Wider than most glyphs of a sans-serif at that size, for when no canvas can measure. */
const FALLBACK_CHAR_PX = 7.5;

let context: CanvasRenderingContext2D | null | undefined;

/**
 * How wide a line of diagram text is drawn, so lanes can be spaced for their labels instead of
 * cutting them. Measured with the page's own font; bold text is measured bold.
 */
export function textWidth(text: string, bold = false): number {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return text.length * FALLBACK_CHAR_PX * (bold ? 1.1 : 1);
  context.font = `${bold ? '600 ' : ''}${DIAGRAM_FONT_PX}px ${getComputedStyle(document.body).fontFamily}`;
  return context.measureText(text).width;
}
