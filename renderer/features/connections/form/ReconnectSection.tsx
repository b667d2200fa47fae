import { Field } from '../../../components/Field';
import type { ProfileDraft } from '../profile-form';
import type { SectionProps } from './section-props';
import { useT } from '../../../i18n/use-t';
import type { MessageKey } from '../../../../shared/i18n';

type ReconnectNumber = 'initialDelayMs' | 'maxDelayMs' | 'jitterPercent' | 'maxAttempts';

const numbers: { key: ReconnectNumber; label: MessageKey; hint: MessageKey }[] = [
  { key: 'initialDelayMs', label: 'connections.form.reconnect.firstDelay', hint: 'connections.form.reconnect.firstDelayHint' },
  { key: 'maxDelayMs', label: 'connections.form.reconnect.longestDelay', hint: 'connections.form.reconnect.longestDelayHint' },
  { key: 'jitterPercent', label: 'connections.form.reconnect.jitter', hint: 'connections.form.reconnect.jitterHint' },
  { key: 'maxAttempts', label: 'connections.form.reconnect.maxAttempts', hint: 'connections.form.reconnect.maxAttemptsHint' },
];

export function ReconnectSection({ draft, errors, edit }: SectionProps) {
  const t = useT();
  const { reconnect } = draft;
  return (
    <fieldset className="form-section">
      <legend>{t('connections.form.reconnect.legend')}</legend>
      <div className="form-grid">
        <div className="field checkbox-field span-2">
          <label>
            <input type="checkbox" checked={reconnect.enabled} onChange={(event) => edit('reconnect', (d) => void (d.reconnect.enabled = event.target.checked))} />
            {t('connections.form.reconnect.enabled')}
          </label>
        </div>
        {reconnect.enabled &&
          numbers.map(({ key, label, hint }) => (
            <Field key={key} label={t(label)} error={errors[`reconnect.${key}`]} hint={t(hint)}>
              <input value={reconnect[key]} inputMode="numeric" onChange={(event) => edit(`reconnect.${key}`, (d: ProfileDraft) => void (d.reconnect[key] = event.target.value))} />
            </Field>
          ))}
      </div>
    </fieldset>
  );
}
