import { Field } from '../../../components/Field';
import { KeyValueEditor } from '../../../components/KeyValueEditor';
import type { ProfileDraft } from '../profile-form';
import type { SectionProps } from './section-props';
import { listErrors } from './section-props';
import { useT } from '../../../i18n/use-t';
import type { MessageKey } from '../../../../shared/i18n';

type NumericProperty = 'sessionExpiryInterval' | 'receiveMaximum' | 'maximumPacketSize' | 'topicAliasMaximum';

const numeric: { key: NumericProperty; label: MessageKey; hint: MessageKey }[] = [
  { key: 'sessionExpiryInterval', label: 'connections.form.properties.sessionExpiry', hint: 'connections.form.properties.sessionExpiryHint' },
  { key: 'receiveMaximum', label: 'connections.form.properties.receiveMaximum', hint: 'connections.form.properties.receiveMaximumHint' },
  { key: 'maximumPacketSize', label: 'connections.form.properties.maximumPacketSize', hint: 'connections.form.properties.maximumPacketSizeHint' },
  { key: 'topicAliasMaximum', label: 'connections.form.properties.topicAliasMaximum', hint: 'connections.form.properties.topicAliasMaximumHint' },
];

/** MQTT 5 CONNECT properties: what this client asks of the broker for the session. */
export function PropertiesSection({ draft, errors, edit }: SectionProps) {
  const t = useT();
  const { properties } = draft;
  const setFlag = (key: 'requestResponseInformation' | 'requestProblemInformation', value: boolean) =>
    edit(`properties.${key}`, (d: ProfileDraft) => void (d.properties[key] = value));
  return (
    <fieldset className="form-section">
      <legend>{t('connections.form.properties.legend')}</legend>
      <div className="form-grid">
        {numeric.map(({ key, label, hint }) => (
          <Field key={key} label={t(label)} error={errors[`properties.${key}`]} hint={t(hint)}>
            <input value={properties[key]} inputMode="numeric" onChange={(event) => edit(`properties.${key}`, (d) => void (d.properties[key] = event.target.value))} />
          </Field>
        ))}
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={properties.requestResponseInformation} onChange={(event) => setFlag('requestResponseInformation', event.target.checked)} />
            {t('connections.form.properties.requestResponse')}
          </label>
        </div>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={properties.requestProblemInformation} onChange={(event) => setFlag('requestProblemInformation', event.target.checked)} />
            {t('connections.form.properties.requestProblem')}
          </label>
        </div>
        <KeyValueEditor label={t('connections.form.properties.userProperties')} itemName={t('connections.form.properties.userProperty')} items={properties.userProperties} errors={listErrors(errors, 'properties.userProperties')} onChange={(items) => edit('properties.userProperties', (d) => void (d.properties.userProperties = items))} />
      </div>
    </fieldset>
  );
}
