/** SVG and PNG files of the stage's diagram, for slides, in the colours of the theme on screen. */
import type { Translator } from '../../../shared/i18n';
import { msg } from '../../../shared/i18n';
import { downloadBlob, downloadText } from '../../components/download';
import { WordedError } from './worded-error';
import type { StageLayout } from './stage-layout';
import type { StagePalette } from './stage-svg';
import { stageSvg } from './stage-svg';

export function readStagePalette(): StagePalette {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return { background: read('--bg'), text: read('--text'), muted: read('--text-muted'), lane: read('--border'), broker: read('--accent'), arrow: read('--in'), dropped: read('--danger'), highlight: read('--ok') };
}

/** A lesson id or title as a file name part: lower case, hyphens. */
export function fileNamePart(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'lesson';
}

export interface DiagramExport {
  layout: StageLayout;
  title: string;
  stepTitles: readonly string[];
  highlighted: ReadonlySet<number>;
  fileName: string;
  /** The language on screen: the file's headings and labels are in it. */
  t: Translator;
}

function svgText(diagram: DiagramExport): string {
  return stageSvg(diagram.layout, { title: diagram.title, stepTitles: diagram.stepTitles, palette: readStagePalette(), highlighted: diagram.highlighted, t: diagram.t });
}

export function exportSvg(diagram: DiagramExport): void {
  downloadText(`${diagram.fileName}.svg`, svgText(diagram), 'image/svg+xml');
}

/** Twice the size on screen, so it stays sharp on a slide. */
const PNG_SCALE = 2;

export async function exportPng(diagram: DiagramExport): Promise<void> {
  // A data URL, not a blob URL: the app's content security policy lets images come from data: only.
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(diagram))}`;
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new WordedError(msg('lessons.stage.export.notDrawn')));
    image.src = url;
  });
  const canvas = document.createElement('canvas');
  canvas.width = diagram.layout.width * PNG_SCALE;
  canvas.height = diagram.layout.height * PNG_SCALE;
  const context = canvas.getContext('2d');
  if (!context) throw new WordedError(msg('lessons.stage.export.noCanvas'));
  context.scale(PNG_SCALE, PNG_SCALE);
  context.drawImage(image, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new WordedError(msg('lessons.stage.export.tooLarge'));
  downloadBlob(`${diagram.fileName}.png`, blob);
}
