import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { HistoryBudget } from '../../../shared/domain/settings';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { setSettings, useAppStore } from '../../store/app-store';
import { ErrorNote } from '../../components/ErrorNote';
import { isMessageKey } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

/** The history budget, app-wide: a button in the Messages header that opens a small form. */
export function HistoryBudgetButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <div className="budget-anchor">
      <button type="button" aria-expanded={open} aria-controls={formId} onClick={() => setOpen(!open)}>
        {t('messages.budget.open')}
      </button>
      {open && <BudgetForm id={formId} onDone={() => setOpen(false)} />}
    </div>
  );
}

function BudgetForm({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const settings = useAppStore((state) => state.settings);
  const [messages, setMessages] = useState(String(settings?.history.maxMessages ?? ''));
  const [megabytes, setMegabytes] = useState(String(settings?.history.maxPayloadMB ?? ''));
  // Kept unworded (a schema's catalogue key, a thrown error) and worded when shown, so a language switch rewords them.
  const [errors, setErrors] = useState<{ maxMessages?: string; maxPayloadMB?: string; form?: unknown }>({});
  const word = (message: string | undefined) => (message !== undefined && isMessageKey(message) ? t(message) : message);

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
      setErrors({ form: error });
    }
  };

  return (
    <form id={id} className="budget-form" aria-label={t('messages.budget.form')} onSubmit={save} noValidate>
      <p className="hint">{t('messages.budget.hint')}</p>
      <Field label={t('messages.budget.maxMessages')} error={word(errors.maxMessages)}>
        <input inputMode="numeric" value={messages} onChange={(event) => setMessages(event.target.value)} />
      </Field>
      <Field label={t('messages.budget.maxPayloadMB')} error={word(errors.maxPayloadMB)}>
        <input inputMode="numeric" value={megabytes} onChange={(event) => setMegabytes(event.target.value)} />
      </Field>
      <ErrorNote message={errors.form === undefined ? undefined : describeError(t, errors.form)} />
      <div className="row">
        <button type="submit" className="primary">
          {t('messages.budget.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('messages.budget.cancel')}
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
