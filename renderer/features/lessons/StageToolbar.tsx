import { useState } from 'react';
import type { LessonSpeed, LessonState, LessonTarget } from '../../../shared/lessons/lesson-state';

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
  const [targetKind, setTargetKind] = useState<LessonTarget['kind']>(state.target.kind);
  const [url, setUrl] = useState(state.target.kind === 'url' ? state.target.url : '');
  const finished = state.nextStep >= state.steps.length;
  const targetChanged = targetKind !== state.target.kind || (targetKind === 'url' && state.target.kind === 'url' && url.trim() !== state.target.url);
  return (
    <div className="stage-toolbar" role="toolbar" aria-label="Lesson controls">
      <div className="stage-toolbar-group">
        <button type="button" onClick={onBack} disabled={busy || state.nextStep === 0} title="Back (←): undo the last step">
          ← Back
        </button>
        <button type="button" className="primary" onClick={onNext} disabled={busy || finished} title="Next step (→ or Space)">
          {running ? 'Running…' : 'Next step →'}
        </button>
        <button type="button" onClick={onPlay} disabled={busy || finished}>
          ▶ Play
        </button>
      </div>
      <label className="stage-toolbar-field">
        Speed
        <select aria-label="Speed" value={state.speed} onChange={(event) => onSpeed(event.target.value as LessonSpeed)} disabled={busy}>
          <option value="real">Real time</option>
          <option value="slow">Slow motion</option>
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
          Broker
          <select aria-label="Lesson broker target" value={targetKind} onChange={(event) => setTargetKind(event.target.value as LessonTarget['kind'])} disabled={busy}>
            <option value="built-in">Built-in (its own, free port)</option>
            <option value="url">A broker URL…</option>
          </select>
        </label>
        {targetKind === 'url' && <input aria-label="Broker URL" placeholder="mqtt://127.0.0.1:1883" value={url} onChange={(event) => setUrl(event.target.value)} />}
        {targetChanged && (
          <button type="submit" disabled={busy || (targetKind === 'url' && url.trim() === '')}>
            Start on this broker
          </button>
        )}
      </form>
      <span className="spacer" />
      <div className="stage-toolbar-group">
        <button type="button" aria-pressed={large} onClick={() => onLarge(!large)}>
          Larger type
        </button>
        <button type="button" aria-pressed={fullWindow} onClick={() => onFullWindow(!fullWindow)} title="Full window (F); Esc leaves">
          Full window
        </button>
        <button type="button" onClick={onExportSvg}>
          Export SVG
        </button>
        <button type="button" onClick={onExportPng}>
          Export PNG
        </button>
      </div>
    </div>
  );
}
