/**
 * The stage's diagram as a standalone SVG file, for slides: the same layout the stage draws, with
 * the theme's colours written in, since a file cannot read the app's CSS variables.
 */
import { translator, type Translator } from '../../../shared/i18n';
import type { StageLayout } from './stage-layout';
import { laneTitle, packetLabel } from './stage-layout';

export interface StagePalette {
  background: string;
  text: string;
  muted: string;
  lane: string;
  broker: string;
  arrow: string;
  dropped: string;
  highlight: string;
}

export const DARK_PALETTE: StagePalette = { background: '#14161a', text: '#e3e6eb', muted: '#98a1ae', lane: '#2c313a', broker: '#4f9dff', arrow: '#7cc4ff', dropped: '#ff6b6b', highlight: '#3ecf8e' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character] ?? character);
}

/** The heading of a step's rows: "Step 2 · The PUBACK is lost", or before the first step. */
export function stepHeading(step: number, titles: readonly string[], t: Translator = translator('en')): string {
  if (step < 0) return t('lessons.stage.beforeFirstStep');
  const title = titles[step];
  return title === undefined ? t('lessons.stage.stepHeading', { n: String(step + 1) }) : t('lessons.stage.stepHeadingTitled', { n: String(step + 1), title });
}

export function stageSvg(layout: StageLayout, options: { title: string; stepTitles: readonly string[]; palette: StagePalette; highlighted?: ReadonlySet<number>; t?: Translator }): string {
  const { lanes, rows, width, height, metrics } = layout;
  // The file speaks the language on screen when it was exported.
  const t = options.t ?? translator('en');
  const { palette } = options;
  const font = `font-family="system-ui, 'Segoe UI', Roboto, sans-serif" font-size="${metrics.fontSize}"`;
  // Text that crosses a lane line stays readable: a halo of the background colour behind the letters.
  const halo = ` paint-order="stroke" stroke="${palette.background}" stroke-width="4" stroke-linejoin="round"`;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  parts.push(`<title>${escapeXml(options.title)}</title>`);
  parts.push(`<rect width="100%" height="100%" fill="${palette.background}"/>`);
  parts.push(`<g ${font}>`);
  for (const lane of lanes) {
    const color = lane.broker ? palette.broker : palette.lane;
    parts.push(
      `<g class="lane" data-lane="${escapeXml(lane.name)}"><line x1="${lane.x}" y1="${metrics.headerHeight}" x2="${lane.x}" y2="${height}" stroke="${color}" stroke-width="${lane.broker ? 4 : 2}"/>` +
        `<text x="${lane.x}" y="${Math.round(metrics.headerHeight * 0.6)}" text-anchor="middle" font-weight="600" font-size="${Math.round(metrics.fontSize * 1.25)}" fill="${lane.broker ? palette.broker : palette.text}">${escapeXml(laneTitle(lane, t))}</text></g>`,
    );
  }
  for (const row of rows) {
    if (row.kind === 'step') {
      parts.push(`<text class="step" x="8" y="${row.y}" font-weight="600" fill="${palette.muted}"${halo}>${escapeXml(stepHeading(row.step, options.stepTitles, t))}</text>`);
    } else if (row.kind === 'event') {
      parts.push(`<text class="event" x="${row.x}" y="${row.y}" text-anchor="${row.anchor}" font-style="italic" fill="${palette.dropped}"${halo}>✕ ${escapeXml(row.text)}</text>`);
    } else {
      const { arrow, packet } = row;
      const color = row.dropped ? palette.dropped : options.highlighted?.has(packet.index) ? palette.highlight : palette.arrow;
      const dash = row.dropped ? ' stroke-dasharray="6 4"' : '';
      const mark = row.dropped ? `<text x="${arrow.x2}" y="${arrow.y + Math.round(metrics.fontSize * 0.4)}" text-anchor="middle" font-weight="700" fill="${palette.dropped}" font-size="${metrics.fontSize * 1.4}">✕</text>` : `<polygon points="${arrow.head}" fill="${color}"/>`;
      parts.push(
        `<g class="arrow" data-index="${packet.index}"><line x1="${arrow.x1}" y1="${arrow.y}" x2="${arrow.x2}" y2="${arrow.y}" stroke="${color}" stroke-width="2"${dash}/>${mark}` +
          `<text x="${arrow.labelX}" y="${arrow.labelY}" text-anchor="middle" fill="${palette.text}"${halo}>${escapeXml(packetLabel(packet, t))}</text></g>`,
      );
    }
  }
  parts.push('</g></svg>');
  return parts.join('\n');
}
