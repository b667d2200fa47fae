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

type Task = { kind: 'replay'; path: string } | { kind: 'compare'; a: string };

/** The recording files: the recordings folder's list, any other file by path, and replay or compare of the chosen one. */
export function RecordingsPage() {
  const [listing, setListing] = useState<{ folder: string; files: RecordingFile[] }>();
  const [otherPath, setOtherPath] = useState('');
  const [otherProblem, setOtherProblem] = useState<string>();
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
      setOtherProblem('Enter the full path of a recording, such as /home/me/run-1.mqttrec.jsonl.');
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
          <h2>Recording files</h2>
          <span className="endpoint">{listing?.folder ?? '…'}</span>
        </div>
        <span className="spacer" />
        <div className="workspace-actions">
          <button type="button" onClick={() => void refresh()}>
            Refresh
          </button>
        </div>
      </header>
      <ErrorNote message={error} className="page-error" />
      <div className="recordings-body">
        <section className="broker-section" aria-label="Recordings folder">
          {listing && listing.files.length === 0 && <p className="empty-note">No recordings yet. Record with the Record button at the top, or Ctrl+Alt+R.</p>}
          {listing && listing.files.length > 0 && (
            <table className="broker-table recording-files" aria-label="Recording files">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Size</th>
                  <th>Modified</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {listing.files.map((file) => (
                  <tr key={file.path} aria-label={`Recording ${file.name}`} aria-current={(task?.kind === 'replay' ? task.path : task?.a) === file.path ? 'true' : undefined}>
                    <td className="mono" title={file.path}>
                      {file.name}
                    </td>
                    <td className="nowrap">{formatSize(file.bytes)}</td>
                    <td className="nowrap">{new Date(file.modifiedAt).toLocaleString()}</td>
                    <td className="actions">
                      <button type="button" onClick={() => void run(() => showInRecording(file.path))}>
                        Open
                      </button>
                      <button type="button" onClick={() => setTask({ kind: 'replay', path: file.path })}>
                        Replay…
                      </button>
                      <button type="button" onClick={() => setTask({ kind: 'compare', a: file.path })}>
                        Compare with…
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
            <Field label="Another recording, by its full path" error={otherProblem} className="grow">
              <input value={otherPath} onChange={(event) => setOtherPath(event.target.value)} placeholder="/home/me/run-1.mqttrec.jsonl" spellCheck={false} />
            </Field>
            <button type="button" onClick={openOther}>
              Open this file
            </button>
            <button type="submit">Replay this file…</button>
            <button type="button" onClick={() => chooseOther('compare')}>
              Compare this file with…
            </button>
          </form>
        </section>
        {task?.kind === 'replay' && <ReplayPanel key={task.path} path={task.path} />}
        {task?.kind === 'compare' && <ComparePanel key={task.a} initialA={task.a} files={listing?.files ?? []} />}
        {!task && listing && listing.files.length > 0 && <p className="empty-note">Choose Open, Replay… or Compare with… on a file.</p>}
      </div>
    </div>
  );
}
