import { useState } from 'react';
import type { RetainHandling } from '../../../shared/mqtt/subscription-options';
import { retainHandlingMeanings } from '../../../shared/mqtt/subscription-options';
import { Field } from '../../components/Field';
import { KeyValueEditor } from '../../components/KeyValueEditor';
import type { DraftProblems, OptionsDraft } from './options-draft';
import { useT } from '../../i18n/use-t';

interface Props {
  draft: OptionsDraft;
  onChange(draft: OptionsDraft): void;
  problems: DraftProblems | undefined;
  /** Set for a $share filter: No Local is a Protocol Error there (MQTT-3.8.3-4). */
  shared: boolean;
}

/** The MQTT 5 subscription options, folded away until wanted: most subscriptions need none. */
export function SubscriptionOptionsFields({ draft, onChange, problems, shared }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const userPropertyErrors = problems ? Object.fromEntries(Object.entries(problems.userProperties).map(([field, message]) => [field, t.msg(message)])) : undefined;
  const set = (patch: Partial<OptionsDraft>) => onChange({ ...draft, ...patch });
  const count = [draft.noLocal, draft.retainAsPublished, draft.retainHandling !== 0, draft.identifier.trim() !== '', draft.userProperties.length > 0].filter(Boolean).length;
  return (
    <details className="subscription-options" open={open || problems !== undefined} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{count > 0 ? t('subscriptions.options.summarySet', { count }) : t('subscriptions.options.summary')}</summary>
      <div className="subscription-options-body">
        <label className="inline-check" title={shared ? t('subscriptions.options.noLocalSharedTitle') : undefined}>
          <input type="checkbox" checked={draft.noLocal && !shared} disabled={shared} onChange={(event) => set({ noLocal: event.target.checked })} />
          {t('subscriptions.options.noLocal')}
        </label>
        <p className="field-hint">{t(shared ? 'subscriptions.options.noLocalShared' : 'subscriptions.options.noLocalHint')}</p>
        <label className="inline-check">
          <input type="checkbox" checked={draft.retainAsPublished} onChange={(event) => set({ retainAsPublished: event.target.checked })} />
          {t('subscriptions.options.retainAsPublished')}
        </label>
        <p className="field-hint">{t('subscriptions.options.retainAsPublishedHint')}</p>
        <Field label={t('subscriptions.options.retainHandling')}>
          <select value={draft.retainHandling} onChange={(event) => set({ retainHandling: Number(event.target.value) as RetainHandling })}>
            {([0, 1, 2] as const).map((value) => (
              <option key={value} value={value}>
                {t('subscriptions.options.retainHandlingOption', { value, meaning: t(retainHandlingMeanings[value]) })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('subscriptions.options.identifier')} error={problems?.identifier ? t.msg(problems.identifier) : undefined} hint={t('subscriptions.options.identifierHint')}>
          <input inputMode="numeric" value={draft.identifier} placeholder={t('subscriptions.options.identifierNone')} onChange={(event) => set({ identifier: event.target.value })} />
        </Field>
        <KeyValueEditor label={t('subscriptions.options.userProperties')} itemName={t('subscriptions.options.userProperty')} items={draft.userProperties} errors={userPropertyErrors} onChange={(userProperties) => set({ userProperties })} />
      </div>
    </details>
  );
}
