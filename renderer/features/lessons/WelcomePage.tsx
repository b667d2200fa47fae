import { useEffect, useId, useState } from 'react';
import { useLessonText } from './use-lesson-text';
import type { LessonSource, LessonSummary } from '../../../shared/requests/lessons';
import { api } from '../../api';
import { downloadText } from '../../components/download';
import { ErrorNote } from '../../components/ErrorNote';
import { FileButton } from '../../components/FileButton';
import { errorText, useActionError } from '../../components/use-action-error';
import { showView, useAppStore } from '../../store/app-store';
import { lessonStarted } from './lesson-store';
import { tryItNow } from './try-it-now';
import './lessons.css';

/** Starts a lesson on its own built-in broker and shows the stage. */
async function openLesson(source: LessonSource): Promise<void> {
  const view = await api.invoke('lesson.start', { source, target: { kind: 'built-in' }, speed: 'real' });
  lessonStarted(view.lesson, source, view.state);
  showView({ kind: 'lesson' });
}

/** What the app shows first: learn MQTT with a lesson, or try it now in one click. */
export function WelcomePage() {
  const text = useLessonText();
  const [lessons, setLessons] = useState<LessonSummary[]>();
  const [busy, setBusy] = useState<string>();
  const [note, setNote] = useState<string>();
  const [problems, setProblems] = useState<{ fileName: string; problems: string[] }>();
  const { error, setError, run } = useActionError();
  const problemsId = useId();

  // The banner already says when the link to MQTT Lab is down; the list is asked for again when it is back.
  const linkDown = useAppStore((state) => state.link.state === 'closed');
  useEffect(() => {
    if (linkDown) return;
    api
      .invoke('lesson.list', {})
      .then(({ lessons: list }) => setLessons(list))
      .catch((failure: unknown) => setError(errorText(failure)));
  }, [linkDown, setError]);

  const busyRun = (what: string, action: () => Promise<void>) =>
    run(async () => {
      setBusy(what);
      try {
        await action();
      } finally {
        setBusy(undefined);
      }
    });

  const openFile = (file: File) =>
    busyRun('file', async () => {
      setProblems(undefined);
      const text = await file.text();
      const checked = await api.invoke('lesson.load', { text });
      if (!checked.ok) {
        setProblems({ fileName: file.name, problems: checked.problems });
        return;
      }
      await openLesson({ kind: 'file', text });
    });

  const exportLesson = (lessonId: string) =>
    run(async () => {
      const exported = await api.invoke('lesson.export', { source: { kind: 'built-in', lessonId } });
      downloadText(exported.fileName, exported.content);
    });

  return (
    <div className="welcome-page">
      <header className="welcome-header">
        <h2>Welcome to MQTT Lab</h2>
        <p>Learn MQTT with lessons that run real packets and check every claim, or try it yourself right now.</p>
      </header>
      <ErrorNote message={linkDown ? undefined : error} className="page-error" />
      <div className="welcome-columns">
        <section className="welcome-card" aria-labelledby="learn-mqtt">
          <h3 id="learn-mqtt">Learn MQTT</h3>
          <p className="field-hint">Each lesson starts its own built-in broker on a free port and a cast of clients; your own broker and connections are left alone.</p>
          {lessons === undefined ? (
            <p className="empty-note">Loading the lessons…</p>
          ) : (
            <ul className="lesson-list" aria-label="Lessons">
              {lessons.map((lesson) => (
                <li key={lesson.id} className="lesson-card" aria-label={text(lesson.title)}>
                  <div className="lesson-card-text">
                    <strong>{text(lesson.title)}</strong>
                    <span className="lesson-card-meta">
                      {lesson.steps} step{lesson.steps === 1 ? '' : 's'} · {lesson.actors.join(', ')}
                    </span>
                    <span className="lesson-card-summary">{text(lesson.summary)}</span>
                  </div>
                  <div className="lesson-card-actions">
                    <button type="button" className="primary" disabled={busy !== undefined} aria-label={`Start lesson ${lesson.title}`} onClick={() => void busyRun(lesson.id, () => openLesson({ kind: 'built-in', lessonId: lesson.id }))}>
                      {busy === lesson.id ? 'Starting…' : 'Start'}
                    </button>
                    <button type="button" aria-label={`Export lesson ${lesson.title}`} onClick={() => void exportLesson(lesson.id)}>
                      Export…
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div className="lesson-file">
            <FileButton text="Open lesson file…" label="Open lesson file" accept=".json,application/json" describedBy={problems ? problemsId : undefined} onFile={(file) => void openFile(file)} />
            <span className="field-hint">A lesson file is JSON in the format the Export button writes.</span>
          </div>
          {problems && (
            <div id={problemsId} className="lesson-problems" role="alert" aria-label="Lesson file problems">
              <p>
                {problems.fileName} is not a lesson this app can run ({problems.problems.length} problem{problems.problems.length === 1 ? '' : 's'}):
              </p>
              <ul>
                {problems.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </div>
          )}
        </section>
        <section className="welcome-card" aria-labelledby="try-it-now">
          <h3 id="try-it-now">Try it now</h3>
          <p>One click starts the built-in broker, connects to it, subscribes to <code>#</code> and publishes a first message, which comes straight back.</p>
          <button type="button" className="primary" disabled={busy !== undefined} onClick={() => void busyRun('try', async () => setNote(await tryItNow()))}>
            {busy === 'try' ? 'Starting…' : 'Try it now'}
          </button>
          {note && <p role="status">{note}</p>}
          <p className="field-hint">Or connect to a broker of your own:</p>
          <button type="button" onClick={() => showView({ kind: 'form' })}>
            Create a connection
          </button>
        </section>
      </div>
    </div>
  );
}
