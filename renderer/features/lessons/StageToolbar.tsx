import { useState } from 'react';
import type { LessonSpeed, LessonState, LessonTarget } from '../../../shared/lessons/lesson-state';
import { useT } from '../../i18n/use-t';

interface Props {
  state: LessonState;
  busy: boolean;
  running: boolean;
  large: boolean;
  fullWindow: boolean;
  onPlay(): void;
  onNext(): void;
  onBack(): void;
  onSpeed(speed: LessonSpeed): void;
  onTarget(target: LessonTarget): void;
  onLarge(large: boolean): void;
  onFullWindow(full: boolean): void;
  onExportSvg(): void;
  onExportPng(): void;
}

/** Play, step and back, the speed, which broker the lesson runs against, and the presenter's comforts. */
export function StageToolbar({ state, busy, running, large, fullWindow, onPlay, onNext, onBack, onSpeed, onTarget, onLarge, onFullWindow, onExportSvg, onExportPng }: Props) {
  const t = useT();
  const [targetKind, setTargetKind] = useState<LessonTarget['kind']>(state.target.kind);
  const [url, setUrl] = useState(state.target.kind === 'url' ? state.target.url : '');
  const finished = state.nextStep >= state.steps.length;
  const targetChanged = targetKind !== state.target.kind || (targetKind === 'url' && state.target.kind === 'url' && url.trim() !== state.target.url);
  return (
    <div className="stage-toolbar" role="toolbar" aria-label={t('lessons.toolbar.label')}>
      <div className="stage-toolbar-group">
        <button type="button" onClick={onBack} disabled={busy || state.nextStep === 0} title={t('lessons.toolbar.backTitle')}>
          {t('lessons.toolbar.back')}
        </button>
        <button type="button" className="primary" onClick={onNext} disabled={busy || finished} title={t('lessons.toolbar.nextTitle')}>
          {running ? t('lessons.toolbar.running') : t('lessons.toolbar.next')}
        </button>
        <button type="button" onClick={onPlay} disabled={busy || finished}>
          {t('lessons.toolbar.play')}
        </button>
      </div>
      <label className="stage-toolbar-field">
        {t('lessons.toolbar.speed')}
        <select aria-label={t('lessons.toolbar.speed')} value={state.speed} onChange={(event) => onSpeed(event.target.value as LessonSpeed)} disabled={busy}>
          <option value="real">{t('lessons.toolbar.speedReal')}</option>
          <option value="slow">{t('lessons.toolbar.speedSlow')}</option>
        </select>
      </label>
      <form
        className="stage-toolbar-field"
        onSubmit={(event) => {
          event.preventDefault();
          onTarget(targetKind === 'built-in' ? { kind: 'built-in' } : { kind: 'url', url: url.trim() });
        }}
      >
        <label className="stage-toolbar-field">
          {t('lessons.toolbar.broker')}
          <select aria-label={t('lessons.toolbar.targetLabel')} value={targetKind} onChange={(event) => setTargetKind(event.target.value as LessonTarget['kind'])} disabled={busy}>
            <option value="built-in">{t('lessons.toolbar.targetBuiltIn')}</option>
            <option value="url">{t('lessons.toolbar.targetUrl')}</option>
          </select>
        </label>
        {targetKind === 'url' && (
          // eslint-disable-next-line i18next/no-literal-string -- the placeholder is an example URL, the same in every language
          <input aria-label={t('lessons.toolbar.urlLabel')} placeholder="mqtt://127.0.0.1:1883" value={url} onChange={(event) => setUrl(event.target.value)} />
        )}
        {targetChanged && (
          <button type="submit" disabled={busy || (targetKind === 'url' && url.trim() === '')}>
            {t('lessons.toolbar.startOnBroker')}
          </button>
        )}
      </form>
      <span className="spacer" />
      <div className="stage-toolbar-group">
        <button type="button" aria-pressed={large} onClick={() => onLarge(!large)}>
          {t('lessons.toolbar.larger')}
        </button>
        <button type="button" aria-pressed={fullWindow} onClick={() => onFullWindow(!fullWindow)} title={t('lessons.toolbar.fullWindowTitle')}>
          {t('lessons.toolbar.fullWindow')}
        </button>
        <button type="button" onClick={onExportSvg}>
          {t('lessons.toolbar.exportSvg')}
        </button>
        <button type="button" onClick={onExportPng}>
          {t('lessons.toolbar.exportPng')}
        </button>
      </div>
    </div>
  );
}
