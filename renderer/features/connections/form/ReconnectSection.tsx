import { Field } from '../../../components/Field';
import type { ProfileDraft } from '../profile-form';
import type { SectionProps } from './section-props';

type ReconnectNumber = 'initialDelayMs' | 'maxDelayMs' | 'jitterPercent' | 'maxAttempts';

const numbers: { key: ReconnectNumber; label: string; hint: string }[] = [
  { key: 'initialDelayMs', label: 'First delay (ms)', hint: 'Each failed attempt doubles the delay…' },
  { key: 'maxDelayMs', label: 'Longest delay (ms)', hint: '…up to this.' },
  { key: 'jitterPercent', label: 'Jitter (%)', hint: 'Up to this much of each delay is random, so clients do not retry in step.' },
  { key: 'maxAttempts', label: 'Give up after (attempts)', hint: '0: never give up.' },
];

export function ReconnectSection({ draft, errors, edit }: SectionProps) {
  const { reconnect } = draft;
  return (
    <fieldset className="form-section">
      <legend>Reconnect</legend>
      <div className="form-grid">
        <div className="field checkbox-field span-2">
          <label>
            <input type="checkbox" checked={reconnect.enabled} onChange={(event) => edit('reconnect', (d) => void (d.reconnect.enabled = event.target.checked))} />
            Reconnect automatically when the connection is lost
          </label>
        </div>
        {reconnect.enabled &&
          numbers.map(({ key, label, hint }) => (
            <Field key={key} label={label} error={errors[`reconnect.${key}`]} hint={hint}>
              <input value={reconnect[key]} inputMode="numeric" onChange={(event) => edit(`reconnect.${key}`, (d: ProfileDraft) => void (d.reconnect[key] = event.target.value))} />
            </Field>
          ))}
      </div>
    </fieldset>
  );
}
