import { useId, useState } from 'react';
import type { CompareReport, RecordingFile } from '../../../shared/domain/recording-files';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useActionError } from '../../components/use-action-error';
import { CompareResultView } from './CompareResultView';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n/use-t';

/** Two recordings side by side: pick A and B, how messages pair up, and the gap that counts as a timing difference. */
export function ComparePanel({ initialA, files }: { initialA: string; files: RecordingFile[] }) {
  const t = useT();
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
  const gapProblem = gap.trim() !== '' && !(Number(gap) >= 0) ? t('recordings.compare.gapProblem') : undefined;
  const fieldProblem = matching === 'field' && field.trim() === '' ? t('recordings.compare.fieldProblem') : undefined;

  const compare = () =>
    run(async () => {
      if (gapProblem || fieldProblem) throw new Error(t('recordings.compare.fixFields'));
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
    <section className="broker-section compare-panel" aria-label={t('recordings.compare.label')}>
      <h3>{t('recordings.compare.title')}</h3>
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
          <Field label={t('recordings.compare.a')}>
            <input list={listId} value={a} onChange={(event) => setA(event.target.value)} spellCheck={false} />
          </Field>
          <Field label={t('recordings.compare.b')} hint={t('recordings.compare.bHint')}>
            <input list={listId} value={b} onChange={(event) => setB(event.target.value)} spellCheck={false} />
          </Field>
        </div>
        <fieldset className="row">
          <legend>{t('recordings.compare.pairBy')}</legend>
          <label className="inline-check">
            <input type="radio" name="compare-matching" checked={matching === 'order'} onChange={() => setMatching('order')} />
            {t('recordings.compare.byOrder')}
          </label>
          <label className="inline-check">
            <input type="radio" name="compare-matching" checked={matching === 'field'} onChange={() => setMatching('field')} />
            {t('recordings.compare.byField')}
          </label>
          {matching === 'field' && (
            <Field label={t('recordings.compare.fieldPath')} error={fieldProblem}>
              {/* eslint-disable-next-line i18next/no-literal-string -- an example field name, the same in every language */}
              <input value={field} onChange={(event) => setField(event.target.value)} placeholder="seq" spellCheck={false} />
            </Field>
          )}
        </fieldset>
        <div className="form-grid">
          <Field label={t('recordings.compare.gap')} error={gapProblem} hint={t('recordings.compare.gapHint')}>
            <input inputMode="decimal" value={gap} onChange={(event) => setGap(event.target.value)} placeholder={t('recordings.compare.gapPlaceholder')} />
          </Field>
          <Field label={t('recordings.compare.direction')}>
            <select value={direction} onChange={(event) => setDirection(event.target.value as typeof direction)}>
              <option value="in">{t('recordings.compare.directionIn')}</option>
              <option value="out">{t('recordings.compare.directionOut')}</option>
              <option value="both">{t('recordings.compare.directionBoth')}</option>
            </select>
          </Field>
        </div>
        <ErrorNote message={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('recordings.compare.comparing') : t('recordings.compare.submit')}
          </button>
        </div>
      </form>
      {report && <CompareResultView report={report} />}
    </section>
  );
}
