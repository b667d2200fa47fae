import { useState } from 'react';
import type { RetainHandling } from '../../../shared/mqtt/subscription-options';
import { retainHandlingMeanings } from '../../../shared/mqtt/subscription-options';
import { Field } from '../../components/Field';
import { KeyValueEditor } from '../../components/KeyValueEditor';
import type { DraftProblems, OptionsDraft } from './options-draft';

interface Props {
  draft: OptionsDraft;
  onChange(draft: OptionsDraft): void;
  problems: DraftProblems | undefined;
  /** Set for a $share filter: No Local is a Protocol Error there (MQTT-3.8.3-4). */
  shared: boolean;
}

/** The MQTT 5 subscription options, folded away until wanted: most subscriptions need none. */
export function SubscriptionOptionsFields({ draft, onChange, problems, shared }: Props) {
  const [open, setOpen] = useState(false);
  const set = (patch: Partial<OptionsDraft>) => onChange({ ...draft, ...patch });
  const count = [draft.noLocal, draft.retainAsPublished, draft.retainHandling !== 0, draft.identifier.trim() !== '', draft.userProperties.length > 0].filter(Boolean).length;
  return (
    <details className="subscription-options" open={open || problems !== undefined} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>MQTT 5 options{count > 0 ? ` (${count} set)` : ''}</summary>
      <div className="subscription-options-body">
        <label className="inline-check" title={shared ? 'Not allowed on a shared subscription (MQTT-3.8.3-4)' : undefined}>
          <input type="checkbox" checked={draft.noLocal && !shared} disabled={shared} onChange={(event) => set({ noLocal: event.target.checked })} />
          No Local
        </label>
        <p className="field-hint">{shared ? 'Not allowed on a shared subscription: the broker would close the connection.' : 'Do not send me back the messages I publish.'}</p>
        <label className="inline-check">
          <input type="checkbox" checked={draft.retainAsPublished} onChange={(event) => set({ retainAsPublished: event.target.checked })} />
          Retain As Published
        </label>
        <p className="field-hint">Keep the RETAIN flag the publisher set; otherwise the broker clears it on live messages.</p>
        <Field label="Retain Handling">
          <select value={draft.retainHandling} onChange={(event) => set({ retainHandling: Number(event.target.value) as RetainHandling })}>
            {([0, 1, 2] as const).map((value) => (
              <option key={value} value={value}>
                {value}: {retainHandlingMeanings[value]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Subscription identifier" error={problems?.identifier} hint="1 to 268,435,455; messages that match carry it back.">
          <input inputMode="numeric" value={draft.identifier} placeholder="none" onChange={(event) => set({ identifier: event.target.value })} />
        </Field>
        <KeyValueEditor label="Subscription user properties" itemName="subscription user property" items={draft.userProperties} errors={problems?.userProperties} onChange={(userProperties) => set({ userProperties })} />
      </div>
    </details>
  );
}
