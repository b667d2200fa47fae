import { useEffect, useId, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import type { Message, MessageKey } from '../../../shared/i18n';
import { useLessonText } from './use-lesson-text';
import type { LessonSource, LessonSummary } from '../../../shared/requests/lessons';
import { api } from '../../api';
import { downloadText } from '../../components/download';
import { ErrorNote } from '../../components/ErrorNote';
import { FileButton } from '../../components/FileButton';
import { useT } from '../../i18n/use-t';
import { showView, useAppStore } from '../../store/app-store';
import { describeLessonError, useLessonAction } from './worded-error';
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
  const t = useT();
  const text = useLessonText();
  const [lessons, setLessons] = useState<LessonSummary[]>();
  const [busy, setBusy] = useState<string>();
  const [note, setNote] = useState<Message>();
  const [problems, setProblems] = useState<{ fileName: string; problems: string[]; wording?: Readonly<Record<string, string>>[] }>();
  const { failure, setFailure, run } = useLessonAction();
  const problemsId = useId();

  // The banner already says when the link to MQTT Lab is down; the list is asked for again when it is back.
  const linkDown = useAppStore((state) => state.link.state === 'closed');
  useEffect(() => {
    if (linkDown) return;
    api
      .invoke('lesson.list', {})
      .then(({ lessons: list }) => setLessons(list))
      .catch((failed: unknown) => setFailure(failed ?? new Error('unknown')));
  }, [linkDown, setFailure]);

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
        setProblems({ fileName: file.name, problems: checked.problems, wording: checked.problemWording });
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
        <h2>{t('lessons.welcome.title')}</h2>
        <p>{t('lessons.welcome.intro')}</p>
      </header>
      <ErrorNote message={linkDown || failure === undefined ? undefined : describeLessonError(t, failure)} className="page-error" />
      <div className="welcome-columns">
        <section className="welcome-card" aria-labelledby="learn-mqtt">
          <h3 id="learn-mqtt">{t('lessons.welcome.learn')}</h3>
          <p className="field-hint">{t('lessons.welcome.learnHint')}</p>
          {lessons === undefined ? (
            <p className="empty-note">{t('lessons.welcome.loading')}</p>
          ) : (
            <ul className="lesson-list" aria-label={t('lessons.welcome.listLabel')}>
              {lessons.map((lesson) => (
                <li key={lesson.id} className="lesson-card" aria-label={text(lesson.title)}>
                  <div className="lesson-card-text">
                    <strong>{text(lesson.title)}</strong>
                    <span className="lesson-card-meta">{t('lessons.welcome.meta', { steps: lesson.steps, actors: lesson.actors.join(', ') })}</span>
                    <span className="lesson-card-summary">{text(lesson.summary)}</span>
                  </div>
                  <div className="lesson-card-actions">
                    <button type="button" className="primary" disabled={busy !== undefined} aria-label={t('lessons.welcome.startLabel', { title: text(lesson.title) })} onClick={() => void busyRun(lesson.id, () => openLesson({ kind: 'built-in', lessonId: lesson.id }))}>
                      {busy === lesson.id ? t('lessons.welcome.starting') : t('lessons.welcome.start')}
                    </button>
                    <button type="button" aria-label={t('lessons.welcome.exportLabel', { title: text(lesson.title) })} onClick={() => void exportLesson(lesson.id)}>
                      {t('lessons.welcome.export')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div className="lesson-file">
            <FileButton text={t('lessons.welcome.openFile')} label={t('lessons.welcome.openFileLabel')} accept=".json,application/json" describedBy={problems ? problemsId : undefined} onFile={(file) => void openFile(file)} />
            <span className="field-hint">{t('lessons.welcome.fileHint')}</span>
          </div>
          {problems && (
            <div id={problemsId} className="lesson-problems" role="alert" aria-label={t('lessons.welcome.problemsLabel')}>
              <p>{t('lessons.welcome.problems', { fileName: problems.fileName, count: problems.problems.length })}</p>
              <ul>
                {problems.problems.map((problem, index) => (
                  <li key={`${index}-${problem}`}>{text(problems.wording?.[index] ?? problem)}</li>
                ))}
              </ul>
            </div>
          )}
        </section>
        <section className="welcome-card" aria-labelledby="try-it-now">
          <h3 id="try-it-now">{t('lessons.welcome.tryNow')}</h3>
          <p>
            <FormattedMessage id={'lessons.welcome.tryNowText' satisfies MessageKey} values={{ code: (chunks) => <code>{chunks}</code> }} />
          </p>
          <button type="button" className="primary" disabled={busy !== undefined} onClick={() => void busyRun('try', async () => setNote(await tryItNow()))}>
            {busy === 'try' ? t('lessons.welcome.starting') : t('lessons.welcome.tryNow')}
          </button>
          {note && <p role="status">{t.msg(note)}</p>}
          <p className="field-hint">{t('lessons.welcome.ownBroker')}</p>
          <button type="button" onClick={() => showView({ kind: 'form' })}>
            {t('lessons.welcome.createConnection')}
          </button>
        </section>
      </div>
    </div>
  );
}
