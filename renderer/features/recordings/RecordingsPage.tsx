import { useCallback, useEffect, useState } from 'react';
import type { RecordingFile } from '../../../shared/domain/recording-files';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useActionError } from '../../components/use-action-error';
import { formatSize } from '../messages/format';
import { ComparePanel } from './ComparePanel';
import { showInRecording } from './open-recording';
import { ReplayPanel } from './ReplayPanel';
import { useRecordingStatus } from './use-recording-status';
import './recordings.css';
import { ErrorNote } from '../../components/ErrorNote';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';
import { dateTimeFormat } from './recording-format';

type Task = { kind: 'replay'; path: string } | { kind: 'compare'; a: string };

/** The recording files: the recordings folder's list, any other file by path, and replay or compare of the chosen one. */
export function RecordingsPage() {
  const t = useT();
  const [listing, setListing] = useState<{ folder: string; files: RecordingFile[] }>();
  const [otherPath, setOtherPath] = useState('');
  // A catalogue key, worded at render time so a language switch rewords it.
  const [otherProblem, setOtherProblem] = useState<MessageKey>();
  const [task, setTask] = useState<Task>();
  const { error, run } = useActionError();
  const recording = useRecordingStatus();

  const refresh = useCallback(() => run(async () => setListing(await api.invoke('recording.files', {}))), [run]);
  useEffect(() => void refresh(), [refresh]);
  // A recording that just stopped is a new file: list it without a click.
  useEffect(() => {
    if (recording && !recording.active) void refresh();
  }, [recording?.active, refresh]);

  /** The typed path when it is a full one; otherwise says what is wanted beside the field. */
  const otherFullPath = (): string | undefined => {
    const path = otherPath.trim();
    if (!/^(\/|[A-Za-z]:[\\/])/.test(path)) {
      setOtherProblem('recordings.page.fullPathNeeded');
      return undefined;
    }
    setOtherProblem(undefined);
    return path;
  };

  const chooseOther = (kind: Task['kind']) => {
    const path = otherFullPath();
    if (path !== undefined) setTask(kind === 'replay' ? { kind, path } : { kind, a: path });
  };

  const openOther = () => {
    const path = otherFullPath();
    if (path !== undefined) void run(() => showInRecording(path));
  };

  return (
    <div className="recordings-page">
      <header className="workspace-header">
        <div className="workspace-title">
          <h2>{t('recordings.page.title')}</h2>
          <span className="endpoint">{listing?.folder ?? t('recordings.page.folderUnknown')}</span>
        </div>
        <span className="spacer" />
        <div className="workspace-actions">
          <button type="button" onClick={() => void refresh()}>
            {t('recordings.page.refresh')}
          </button>
        </div>
      </header>
      <ErrorNote message={error} className="page-error" />
      <div className="recordings-body">
        <section className="broker-section" aria-label={t('recordings.page.folder')}>
          {listing && listing.files.length === 0 && <p className="empty-note">{t('recordings.page.empty')}</p>}
          {listing && listing.files.length > 0 && (
            <table className="broker-table recording-files" aria-label={t('recordings.page.title')}>
              <thead>
                <tr>
                  <th>{t('recordings.page.name')}</th>
                  <th>{t('recordings.page.size')}</th>
                  <th>{t('recordings.page.modified')}</th>
                  <th>
                    <span className="visually-hidden">{t('recordings.page.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {listing.files.map((file) => (
                  <tr key={file.path} aria-label={t('recordings.page.rowLabel', { name: file.name })} aria-current={(task?.kind === 'replay' ? task.path : task?.a) === file.path ? 'true' : undefined}>
                    <td className="mono" title={file.path}>
                      {file.name}
                    </td>
                    <td className="nowrap">{formatSize(file.bytes)}</td>
                    <td className="nowrap">{t.date(file.modifiedAt, dateTimeFormat)}</td>
                    <td className="actions">
                      <button type="button" onClick={() => void run(() => showInRecording(file.path))}>
                        {t('recordings.page.open')}
                      </button>
                      <button type="button" onClick={() => setTask({ kind: 'replay', path: file.path })}>
                        {t('recordings.page.replay')}
                      </button>
                      <button type="button" onClick={() => setTask({ kind: 'compare', a: file.path })}>
                        {t('recordings.page.compareWith')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form
            className="row other-file"
            onSubmit={(event) => {
              event.preventDefault();
              chooseOther('replay');
            }}
          >
            <Field label={t('recordings.page.otherPath')} error={otherProblem && t(otherProblem)} className="grow">
              {/* eslint-disable-next-line i18next/no-literal-string -- an example path, the same in every language */}
              <input value={otherPath} onChange={(event) => setOtherPath(event.target.value)} placeholder="/home/me/run-1.mqttrec.jsonl" spellCheck={false} />
            </Field>
            <button type="button" onClick={openOther}>
              {t('recordings.page.openThis')}
            </button>
            <button type="submit">{t('recordings.page.replayThis')}</button>
            <button type="button" onClick={() => chooseOther('compare')}>
              {t('recordings.page.compareThis')}
            </button>
          </form>
        </section>
        {task?.kind === 'replay' && <ReplayPanel key={task.path} path={task.path} />}
        {task?.kind === 'compare' && <ComparePanel key={task.a} initialA={task.a} files={listing?.files ?? []} />}
        {!task && listing && listing.files.length > 0 && <p className="empty-note">{t('recordings.page.choose')}</p>}
      </div>
    </div>
  );
}
