import { useId, useState } from 'react';
import type { CompareReport, RecordingFile } from '../../../shared/domain/recording-files';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useActionError } from '../../components/use-action-error';
import { CompareResultView } from './CompareResultView';
import { ErrorNote } from '../../components/ErrorNote';

/** Two recordings side by side: pick A and B, how messages pair up, and the gap that counts as a timing difference. */
export function ComparePanel({ initialA, files }: { initialA: string; files: RecordingFile[] }) {
  const listId = useId();
  const [a, setA] = useState(initialA);
  const [b, setB] = useState(() => files.find((file) => file.path !== initialA)?.path ?? '');
  const [matching, setMatching] = useState<'order' | 'field'>('order');
  const [field, setField] = useState('');
  const [gap, setGap] = useState('');
  const [direction, setDirection] = useState<'in' | 'out' | 'both'>('in');
  const [report, setReport] = useState<CompareReport>();
  const [busy, setBusy] = useState(false);
  const { error, run } = useActionError();
  const gapProblem = gap.trim() !== '' && !(Number(gap) >= 0) ? 'Enter a number of milliseconds, 0 or more, or leave it empty to skip timing.' : undefined;
  const fieldProblem = matching === 'field' && field.trim() === '' ? 'Name the JSON field that identifies a message, such as seq or meta.id.' : undefined;

  const compare = () =>
    run(async () => {
      if (gapProblem || fieldProblem) throw new Error('Fix the fields marked above first.');
      setBusy(true);
      setReport(undefined);
      try {
        setReport(
          await api.invoke('recording.compare', {
            a: a.trim(),
            b: b.trim(),
            direction,
            ...(matching === 'field' ? { matchField: field.trim() } : {}),
            ...(gap.trim() !== '' ? { gapMs: Number(gap) } : {}),
          }),
        );
      } finally {
        setBusy(false);
      }
    });

  return (
    <section className="broker-section compare-panel" aria-label="Compare">
      <h3>Compare two recordings</h3>
      <form
        className="compare-form"
        onSubmit={(event) => {
          event.preventDefault();
          void compare();
        }}
      >
        <datalist id={listId}>
          {files.map((file) => (
            <option key={file.path} value={file.path}>
              {file.name}
            </option>
          ))}
        </datalist>
        <div className="form-grid">
          <Field label="Recording A">
            <input list={listId} value={a} onChange={(event) => setA(event.target.value)} spellCheck={false} />
          </Field>
          <Field label="Recording B" hint="A full path; the recordings folder's files are offered as you type.">
            <input list={listId} value={b} onChange={(event) => setB(event.target.value)} spellCheck={false} />
          </Field>
        </div>
        <fieldset className="row">
          <legend>Pair messages on a topic by</legend>
          <label className="inline-check">
            <input type="radio" name="compare-matching" checked={matching === 'order'} onChange={() => setMatching('order')} />
            Topic and order
          </label>
          <label className="inline-check">
            <input type="radio" name="compare-matching" checked={matching === 'field'} onChange={() => setMatching('field')} />
            A JSON field
          </label>
          {matching === 'field' && (
            <Field label="JSON field path" error={fieldProblem}>
              <input value={field} onChange={(event) => setField(event.target.value)} placeholder="seq" spellCheck={false} />
            </Field>
          )}
        </fieldset>
        <div className="form-grid">
          <Field label="Timing gap threshold (ms, optional)" error={gapProblem} hint="Report pairs whose interval from the previous pair differs by more.">
            <input inputMode="decimal" value={gap} onChange={(event) => setGap(event.target.value)} placeholder="e.g. 500" />
          </Field>
          <Field label="Messages compared">
            <select value={direction} onChange={(event) => setDirection(event.target.value as typeof direction)}>
              <option value="in">Received by the recorded client</option>
              <option value="out">Sent by it</option>
              <option value="both">Both</option>
            </select>
          </Field>
        </div>
        <ErrorNote message={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Comparing…' : 'Compare'}
          </button>
        </div>
      </form>
      {report && <CompareResultView report={report} />}
    </section>
  );
}
