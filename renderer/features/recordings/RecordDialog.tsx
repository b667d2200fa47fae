import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useActionError } from '../../components/use-action-error';
import { useAppStore } from '../../store/app-store';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n/use-t';

/** Which connections to record, and where to; the file goes to the recordings folder unless a path is given. */
export function RecordDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const order = useAppStore(useShallow((state) => state.order));
  const connections = useAppStore((state) => state.connections);
  const [scope, setScope] = useState<'all' | 'some'>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const [path, setPath] = useState('');
  const { error, run } = useActionError();
  const dialog = useRef<HTMLDialogElement>(null);

  // The native modal dialog keeps focus inside, makes the page behind inert, and gives focus back on close.
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  const start = () =>
    run(async () => {
      if (scope === 'some' && chosen.length === 0) throw new Error(t('recordings.dialog.chooseOne'));
      await api.invoke('recording.start', { connectionIds: scope === 'all' ? [] : chosen, ...(path.trim() ? { path: path.trim() } : {}) });
      onClose();
    });

  return (
    <dialog
      ref={dialog}
      className="record-dialog"
      aria-labelledby="record-dialog-title"
      onCancel={(event) => {
        // Escape: closed by React state, so the dialog and the component leave together.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="record-dialog-title">{t('recordings.dialog.title')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <fieldset>
          <legend>{t('recordings.dialog.connections')}</legend>
          <label className="inline-check">
            <input type="radio" name="record-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            {order.length > 0 ? t('recordings.dialog.allCount', { count: String(order.length) }) : t('recordings.dialog.all')}
          </label>
          <label className="inline-check">
            <input type="radio" name="record-scope" checked={scope === 'some'} onChange={() => setScope('some')} />
            {t('recordings.dialog.only')}
          </label>
          <ul className="record-choices" aria-label={t('recordings.dialog.toRecord')}>
            {order.map((connectionId) => {
              const snapshot = connections[connectionId];
              if (!snapshot) return null;
              return (
                <li key={connectionId}>
                  <label className="inline-check">
                    <input
                      type="checkbox"
                      checked={chosen.includes(connectionId)}
                      onChange={(event) => {
                        setScope('some');
                        setChosen((current) => (event.target.checked ? [...current, connectionId] : current.filter((id) => id !== connectionId)));
                      }}
                    />
                    {snapshot.profile.name}
                    <span className="preview">{t('recordings.dialog.state', { state: t(`recordings.state.${snapshot.status.state}`) })}</span>
                  </label>
                </li>
              );
            })}
          </ul>
          {order.length === 0 && <p className="empty-note">{t('recordings.dialog.none')}</p>}
        </fieldset>
        <Field label={t('recordings.dialog.file')} hint={t('recordings.dialog.fileHint')}>
          {/* eslint-disable-next-line i18next/no-literal-string -- an example path, the same in every language */}
          <input value={path} onChange={(event) => setPath(event.target.value)} placeholder="/home/me/run-1.mqttrec.jsonl" spellCheck={false} />
        </Field>
        <ErrorNote message={error} />
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('recordings.dialog.start')}
          </button>
          <button type="button" onClick={onClose}>
            {t('recordings.dialog.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
