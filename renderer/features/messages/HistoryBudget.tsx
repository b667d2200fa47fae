import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { HistoryBudget } from '../../../shared/domain/settings';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { errorText } from '../../components/use-action-error';
import { setSettings, useAppStore } from '../../store/app-store';
import { ErrorNote } from '../../components/ErrorNote';

/** The history budget, app-wide: a button in the Messages header that opens a small form. */
export function HistoryBudgetButton() {
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <div className="budget-anchor">
      <button type="button" aria-expanded={open} aria-controls={formId} onClick={() => setOpen(!open)}>
        Budget…
      </button>
      {open && <BudgetForm id={formId} onDone={() => setOpen(false)} />}
    </div>
  );
}

function BudgetForm({ id, onDone }: { id: string; onDone: () => void }) {
  const settings = useAppStore((state) => state.settings);
  const [messages, setMessages] = useState(String(settings?.history.maxMessages ?? ''));
  const [megabytes, setMegabytes] = useState(String(settings?.history.maxPayloadMB ?? ''));
  const [errors, setErrors] = useState<{ maxMessages?: string; maxPayloadMB?: string; form?: string }>({});

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = HistoryBudget.safeParse({ maxMessages: numberOf(messages), maxPayloadMB: numberOf(megabytes) });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
      setErrors(found);
      return;
    }
    if (!settings) return;
    try {
      setSettings(await api.invoke('settings.save', { settings: { ...settings, history: parsed.data } }));
      onDone();
    } catch (error) {
      setErrors({ form: errorText(error) });
    }
  };

  return (
    <form id={id} className="budget-form" aria-label="History budget" onSubmit={save} noValidate>
      <p className="hint">Each connection keeps up to this much; beyond it the oldest messages are evicted, and the list says how many.</p>
      <Field label="Messages to keep" error={errors.maxMessages}>
        <input inputMode="numeric" value={messages} onChange={(event) => setMessages(event.target.value)} />
      </Field>
      <Field label="Payload memory (MB)" error={errors.maxPayloadMB}>
        <input inputMode="numeric" value={megabytes} onChange={(event) => setMegabytes(event.target.value)} />
      </Field>
      <ErrorNote message={errors.form} />
      <div className="row">
        <button type="submit" className="primary">
          Save budget
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Accepts "1,000,000" and "1 000 000" as typed; anything else is not a number. */
function numberOf(text: string): number {
  const cleaned = text.replace(/[\s,_]/g, '');
  return cleaned === '' ? Number.NaN : Number(cleaned);
}
