/** The diagram's text size; the stylesheet sets the same on `.sequence-diagram`. */
export const DIAGRAM_FONT_PX = 12;
/** Wider than most glyphs of a sans-serif at that size, for when no canvas can measure. */
const FALLBACK_CHAR_PX = 7.5;
/** Chinese, Japanese and Korean characters are drawn about as wide as the font is tall. */
const WIDE_CHAR = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function fallbackWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE_CHAR.test(char) ? DIAGRAM_FONT_PX : FALLBACK_CHAR_PX;
  return width;
}

let context: CanvasRenderingContext2D | null | undefined;

/**
 * How wide a line of diagram text is drawn, so lanes can be spaced for their labels instead of
 * cutting them. Measured with the page's own font; bold text is measured bold.
 */
export function textWidth(text: string, bold = false): number {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return fallbackWidth(text) * (bold ? 1.1 : 1);
  context.font = `${bold ? '600 ' : ''}${DIAGRAM_FONT_PX}px ${getComputedStyle(document.body).fontFamily}`;
  return context.measureText(text).width;
}
