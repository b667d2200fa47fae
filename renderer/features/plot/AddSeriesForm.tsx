import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { checkTopicFilter } from '../../../shared/mqtt/topics';
import type { NumericField } from '../../../shared/requests/series-export';
import { parseFieldPath } from '../../../shared/series/field-path';
import { api } from '../../api';
import { errorText } from '../../components/use-action-error';
import { Field } from '../../components/Field';
import { useAppStore } from '../../store/app-store';
import { ErrorNote } from '../../components/ErrorNote';

const OTHER = '\u0000other';

type Fields = { topic: string; fields: NumericField[]; examined: number } | { topic: string; error: string } | undefined;

/**
 * Topic (or filter) and field of a new series. The field picker offers the numbers found in the
 * topic's latest payloads; any other path can be typed. Selecting a message prefills its topic.
 */
export function AddSeriesForm({ connectionId, onAdd }: { connectionId: string; onAdd(topic: string, field: string): string | undefined }) {
  const selectedId = useAppStore((state) => state.selectedMessage[connectionId]);
  const [topic, setTopic] = useState('');
  const [choice, setChoice] = useState<string>(OTHER);
  const [path, setPath] = useState('');
  const [found, setFound] = useState<Fields>();
  const [error, setError] = useState<{ topic?: string; path?: string; form?: string }>({});

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
        .catch((failure) => current && setFound({ topic, error: errorText(failure) }));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [connectionId, topic, topicCheck?.ok]);

  const fields = found && found.topic === topic && 'fields' in found ? found.fields : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (topic === '') return setError({ topic: 'Enter the topic to plot, or a filter such as sensors/+/temp.' });
    if (topicCheck && !topicCheck.ok) return setError({ topic: topicCheck.message });
    const field = choice === OTHER ? path.trim() : choice;
    const parsed = parseFieldPath(field);
    if (!parsed.ok) return setError({ path: parsed.message });
    const refused = onAdd(topic, field);
    setError(refused ? { form: refused } : {});
  };

  return (
    <form className="add-series" aria-label="Add series" onSubmit={submit} noValidate>
      <Field label="Series topic" error={error.topic ?? (topicCheck && !topicCheck.ok ? topicCheck.message : undefined)}>
        <input value={topic} onChange={(event) => setTopic(event.target.value)} placeholder="sensors/kitchen" spellCheck={false} />
      </Field>
      <Field label="Field" hint={fieldHint(found, topic)}>
        <select value={choice} onChange={(event) => setChoice(event.target.value)}>
          {fields.map((entry) => (
            <option key={entry.path} value={entry.path}>
              {entry.path === '' ? 'whole payload' : entry.path} (latest {entry.sample})
            </option>
          ))}
          <option value={OTHER}>Other path…</option>
        </select>
      </Field>
      {choice === OTHER && (
        <Field label="Field path" error={error.path} hint="e.g. temp or a.b[0]; empty for a bare number">
          <input value={path} onChange={(event) => setPath(event.target.value)} spellCheck={false} />
        </Field>
      )}
      <button type="submit" className="primary">
        Add series
      </button>
      <ErrorNote message={error.form} />
    </form>
  );
}

function fieldHint(found: Fields, topic: string): string | undefined {
  if (!found || found.topic !== topic) return undefined;
  if ('error' in found) return `Could not look for fields: ${found.error}`;
  if (found.examined === 0) return 'No received message on this topic yet; type a field path.';
  if (found.fields.length === 0) return `No numbers in the latest ${found.examined} message${found.examined === 1 ? '' : 's'}; type a field path.`;
  return undefined;
}
