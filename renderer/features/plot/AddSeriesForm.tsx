import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { checkTopicFilter } from '../../../shared/mqtt/topics';
import type { NumericField } from '../../../shared/requests/series-export';
import { parseFieldPath } from '../../../shared/series/field-path';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useAppStore } from '../../store/app-store';
import { ErrorNote } from '../../components/ErrorNote';
import type { Message, Translator } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

const OTHER = '\u0000other';

type Fields = { topic: string; fields: NumericField[]; examined: number } | { topic: string; error: unknown } | undefined;

/** A problem of the form, kept unworded: a catalogue message, or text from elsewhere (a topic check). */
type Problem = Message | string;

/** An example topic, the same in every language. */
const EXAMPLE_TOPIC = 'sensors/kitchen';

/**
 * Topic (or filter) and field of a new series. The field picker offers the numbers found in the
 * topic's latest payloads; any other path can be typed. Selecting a message prefills its topic.
 */
export function AddSeriesForm({ connectionId, onAdd }: { connectionId: string; onAdd(topic: string, field: string): Message | undefined }) {
  const t = useT();
  const word = (problem: Problem | undefined) => (problem === undefined || typeof problem === 'string' ? problem : t.msg(problem));
  const selectedId = useAppStore((state) => state.selectedMessage[connectionId]);
  const [topic, setTopic] = useState('');
  const [choice, setChoice] = useState<string>(OTHER);
  const [path, setPath] = useState('');
  const [found, setFound] = useState<Fields>();
  const [error, setError] = useState<{ topic?: Problem; path?: Problem; form?: Problem }>({});

  useEffect(() => {
    if (selectedId === undefined) return;
    let current = true;
    api
      .invoke('message.get', { connectionId, messageId: selectedId })
      .then(({ row }) => current && setTopic(row.topic))
      // A message evicted since it was selected has no topic to offer; the form stays as it was.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [connectionId, selectedId]);

  const topicCheck = topic === '' ? undefined : checkTopicFilter(topic);
  useEffect(() => {
    if (!topicCheck?.ok) return;
    let current = true;
    // Typing a topic asks once the typing pauses, not on every key.
    const timer = setTimeout(() => {
      api
        .invoke('message.fields', { connectionId, topic })
        .then((result) => {
          if (!current) return;
          setFound({ topic, ...result });
          setChoice(result.fields[0]?.path ?? OTHER);
        })
        .catch((failure: unknown) => current && setFound({ topic, error: failure ?? new Error(String(failure)) }));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [connectionId, topic, topicCheck?.ok]);

  const fields = found && found.topic === topic && 'fields' in found ? found.fields : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (topic === '') return setError({ topic: { key: 'plot.form.enterTopic' } });
    if (topicCheck && !topicCheck.ok) return setError({ topic: topicCheck.text });
    const field = choice === OTHER ? path.trim() : choice;
    const parsed = parseFieldPath(field);
    if (!parsed.ok) return setError({ path: parsed.text });
    const refused = onAdd(topic, field);
    setError(refused ? { form: refused } : {});
  };

  return (
    <form className="add-series" aria-label={t('plot.form.label')} onSubmit={submit} noValidate>
      <Field label={t('plot.form.topic')} error={word(error.topic ?? (topicCheck && !topicCheck.ok ? topicCheck.text : undefined))}>
        <input value={topic} onChange={(event) => setTopic(event.target.value)} placeholder={EXAMPLE_TOPIC} spellCheck={false} />
      </Field>
      <Field label={t('plot.form.field')} hint={fieldHint(t, found, topic)}>
        <select value={choice} onChange={(event) => setChoice(event.target.value)}>
          {fields.map((entry) => (
            <option key={entry.path} value={entry.path}>
              {t('plot.form.fieldOption', { path: entry.path === '' ? t('plot.form.wholePayload') : entry.path, sample: entry.sample })}
            </option>
          ))}
          <option value={OTHER}>{t('plot.form.otherPath')}</option>
        </select>
      </Field>
      {choice === OTHER && (
        <Field label={t('plot.form.fieldPath')} error={word(error.path)} hint={t('plot.form.fieldPathHint')}>
          <input value={path} onChange={(event) => setPath(event.target.value)} spellCheck={false} />
        </Field>
      )}
      <button type="submit" className="primary">
        {t('plot.form.add')}
      </button>
      <ErrorNote message={word(error.form)} />
    </form>
  );
}

function fieldHint(t: Translator, found: Fields, topic: string): string | undefined {
  if (!found || found.topic !== topic) return undefined;
  if ('error' in found) return t('plot.form.lookFailed', { detail: describeError(t, found.error) });
  if (found.examined === 0) return t('plot.form.noReceived');
  if (found.fields.length === 0) return t('plot.form.noNumbers', { count: found.examined });
  return undefined;
}
