import { useEffect, useMemo, useRef, useState } from 'react';
import { useLessonText } from './use-lesson-text';
import type { KeyboardEvent } from 'react';
import type { LessonState } from '../../../shared/lessons/lesson-state';
import type { TracePacket } from '../../../shared/lessons/lesson-trace';
import { base64ToBytes } from '../../../shared/payload/preview';
import type { PacketBytes } from '../../../shared/packets/packet-row';
import { api } from '../../api';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n/use-t';
import { showView, useAppStore } from '../../store/app-store';
import { describeLessonError, useLessonAction } from './worded-error';
import { PacketInspector } from '../packets/PacketInspector';
import { followLessonUpdates, lessonClosed, lessonStarted, useLessonStore } from './lesson-store';
import { LARGE_METRICS, NORMAL_METRICS, layoutStage } from './stage-layout';
import { exportPng, exportSvg, fileNamePart } from './stage-export';
import { StageDiagram } from './StageDiagram';
import { StageToolbar } from './StageToolbar';
import { StepList } from './StepList';
import './lessons.css';

/** True where a key press belongs to what has focus (typing in a field), not to the stage. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function isButton(target: EventTarget | null): boolean {
  return target instanceof Element && (target.tagName === 'BUTTON' || target.getAttribute('role') === 'button');
}

/**
 * The lesson stage: the narration above, the lanes with an arrow per packet, the steps with their
 * checks beside them, and the controls. Made to be read from the back of a room. Leaving it stops
 * the lesson, so nothing keeps running.
 */
export function LessonStage() {
  const t = useT();
  const text = useLessonText();
  const lesson = useLessonStore((state) => state.lesson);
  const state = useLessonStore((state) => state.state);
  const packets = useLessonStore((state) => state.packets);
  const events = useLessonStore((state) => state.events);
  const [busy, setBusy] = useState(false);
  const { failure, run } = useLessonAction();
  const [large, setLarge] = useState(false);
  const [fullWindow, setFullWindow] = useState(false);
  const [highlighted, setHighlighted] = useState<ReadonlySet<number>>(new Set());
  const [inspected, setInspected] = useState<{ packet: TracePacket; bytes?: { data: Uint8Array; packet: PacketBytes }; error?: unknown }>();
  const stageRef = useRef<HTMLElement>(null);

  useEffect(() => followLessonUpdates(), []);
  useEffect(
    () => () => {
      // Closing the stage closes the lesson: its broker and actors stop with it. Checked a moment
      // later, as React's strict mode unmounts and mounts again once while the stage stays shown.
      setTimeout(() => {
        if (useAppStore.getState().view.kind === 'lesson') return;
        void api.invoke('lesson.stop', {}).catch(() => undefined);
        lessonClosed();
      }, 0);
    },
    [],
  );
  useEffect(() => stageRef.current?.focus(), []);

  const actors = useMemo(() => lesson?.actors.map((actor) => actor.name) ?? [], [lesson]);
  const metrics = large ? LARGE_METRICS : NORMAL_METRICS;
  const layout = useMemo(() => layoutStage(actors, packets, events, metrics, t), [actors, packets, events, metrics, t]);
  const stepTitles = useMemo(() => lesson?.steps.map((step) => text(step.title)) ?? [], [lesson, text]);

  if (!lesson || !state || state.phase === 'closed') {
    return (
      <section className="lesson-stage lesson-stage-empty" aria-label={t('lessons.stage.label')}>
        <p className="empty-note">{state?.phase === 'closed' ? t('lessons.stage.closedElsewhere') : t('lessons.stage.noLesson')}</p>
        <button type="button" onClick={() => showView({ kind: 'welcome' })}>
          {t('lessons.stage.chooseLesson')}
        </button>
      </section>
    );
  }

  const act = (action: () => Promise<LessonState | void>) =>
    run(async () => {
      setBusy(true);
      try {
        const next = await action();
        if (next) useLessonStore.setState((current) => (current.state?.runId === next.runId ? { state: next } : { state: next, packets: [], events: [] }));
      } finally {
        setBusy(false);
      }
    });

  const finished = state.nextStep >= state.steps.length;
  const running = state.phase === 'running' || state.steps.some((step) => step.status === 'running');
  const next = () => {
    if (!busy && !finished) void act(() => api.invoke('lesson.next', {}));
  };
  const back = () => {
    if (!busy && state.nextStep > 0) void act(() => api.invoke('lesson.restart', { step: Math.max(0, state.nextStep - 1) }));
  };
  const restart = (step: number) => void act(() => api.invoke('lesson.restart', { step }));
  const play = () => void act(() => api.invoke('lesson.play', {}));
  const tryIt = (step: number, button: number) => void act(async () => (await api.invoke('lesson.tryIt', { step, button })).state);
  const close = () => showView({ kind: 'welcome' });

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowRight' || (event.key === ' ' && !isButton(event.target))) {
      event.preventDefault();
      next();
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      back();
    } else if (event.key === 'f' || event.key === 'F') {
      event.preventDefault();
      setFullWindow((value) => !value);
    } else if (event.key === 'Escape' && (fullWindow || inspected)) {
      event.preventDefault();
      if (inspected) setInspected(undefined);
      else setFullWindow(false);
    }
  };

  const open = (packet: TracePacket) => {
    setInspected({ packet });
    api
      .invoke('lesson.packet', { index: packet.index })
      .then((bytes) => setInspected((current) => (current?.packet.index === packet.index ? { packet, bytes: { data: base64ToBytes(bytes.bytesBase64), packet: bytes } } : current)))
      .catch((failed: unknown) => setInspected((current) => (current?.packet.index === packet.index ? { packet, error: failed ?? new Error('unknown') } : current)));
  };

  const diagram = { layout, title: text(lesson.title), stepTitles, highlighted, fileName: `${fileNamePart(lesson.id)}-diagram`, t };
  const currentIndex = state.steps.find((step) => step.status === 'running')?.index ?? Math.min(state.nextStep, state.steps.length - 1);
  const currentStep = lesson.steps[currentIndex];
  const currentState = state.steps[currentIndex];
  const narrationLead = currentState?.status === 'running' ? 'now' : currentState?.status === 'pending' ? 'next' : 'last';

  return (
    <section
      ref={stageRef}
      className={`lesson-stage ${large ? 'lesson-stage-large' : ''} ${fullWindow ? 'lesson-stage-full' : ''}`}
      aria-label={t('lessons.stage.label')}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <header className="stage-header">
        <h2>{text(lesson.title)}</h2>
        <span className="stage-target" aria-label={t('lessons.stage.brokerLabel')}>
          {t(state.target.kind === 'built-in' ? 'lessons.stage.builtInBroker' : 'lessons.stage.otherBroker', { url: state.brokerUrl })}
        </span>
        <span className="spacer" />
        <button type="button" onClick={close}>
          {t('lessons.stage.close')}
        </button>
      </header>
      <StageToolbar
        state={state}
        busy={busy}
        running={running}
        large={large}
        fullWindow={fullWindow}
        onPlay={play}
        onNext={next}
        onBack={back}
        onLarge={setLarge}
        onFullWindow={setFullWindow}
        onSpeed={(speed) => void act(() => api.invoke('lesson.speed', { speed }))}
        onTarget={(target) =>
          void act(async () => {
            const source = useLessonStore.getState().source;
            if (!source) return;
            const view = await api.invoke('lesson.start', { source, target, speed: state.speed });
            lessonStarted(view.lesson, source, view.state);
          })
        }
        onExportSvg={() => exportSvg(diagram)}
        onExportPng={() => void run(() => exportPng(diagram))}
      />
      <ErrorNote message={failure !== undefined ? describeLessonError(t, failure) : state.error} className="page-error" />
      {state.target.kind === 'url' && (
        <p className="stage-claims" role="status" aria-label={t('lessons.stage.claimsLabel')}>
          {t('lessons.stage.claims', { met: state.claims.met, total: state.claims.met + state.claims.notMet, notChecked: state.claims.notChecked })}
        </p>
      )}
      <section className="stage-narration" aria-live="polite" aria-label={t('lessons.stage.narrationLabel')}>
        {currentStep && (
          <>
            <h3>{t('lessons.stage.narrationHeading', { lead: finished && currentState?.status !== 'running' ? 'finished' : narrationLead, n: currentIndex + 1, total: lesson.steps.length, title: text(currentStep.title) })}</h3>
            <p>{text(currentStep.narration)}</p>
          </>
        )}
      </section>
      <div className="stage-body">
        <StageDiagram layout={layout} stepTitles={stepTitles} highlighted={highlighted} selected={inspected?.packet.index} onOpen={open} />
        <StepList lesson={lesson} state={state} busy={busy} onRestart={restart} onTryIt={tryIt} onHighlight={(indices) => setHighlighted(new Set(indices))} />
      </div>
      {inspected && (
        <div className="stage-inspector" role="dialog" aria-label={t('lessons.stage.packetLabel', { type: inspected.packet.type })}>
          <div className="stage-inspector-head">
            <h3>{t('lessons.stage.packetTitle', { type: inspected.packet.type, from: inspected.packet.from, to: inspected.packet.to, dropped: inspected.packet.dropped ? 'yes' : 'no' })}</h3>
            <button type="button" onClick={() => setInspected(undefined)}>
              {t('lessons.stage.closePacket')}
            </button>
          </div>
          {inspected.error !== undefined ? (
            <p role="alert">{describeLessonError(t, inspected.error)}</p>
          ) : inspected.bytes ? (
            <PacketInspector bytes={inspected.bytes.data} protocolVersion={inspected.bytes.packet.protocolVersion} reEncoded={inspected.bytes.packet.reEncoded} />
          ) : (
            <p className="empty-note">{t('lessons.stage.loadingPacket')}</p>
          )}
        </div>
      )}
    </section>
  );
}
