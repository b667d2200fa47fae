import { Field } from '../../../components/Field';
import { KeyValueEditor } from '../../../components/KeyValueEditor';
import type { ProfileDraft } from '../profile-form';
import type { SectionProps } from './section-props';
import { listErrors } from './section-props';

type NumericProperty = 'sessionExpiryInterval' | 'receiveMaximum' | 'maximumPacketSize' | 'topicAliasMaximum';

const numeric: { key: NumericProperty; label: string; hint: string }[] = [
  { key: 'sessionExpiryInterval', label: 'Session expiry (seconds)', hint: 'Empty or 0: the session ends with the connection.' },
  { key: 'receiveMaximum', label: 'Receive maximum', hint: 'QoS 1 and 2 messages in flight to us at once. Empty: 65535.' },
  { key: 'maximumPacketSize', label: 'Maximum packet size (bytes)', hint: 'Empty: no limit.' },
  { key: 'topicAliasMaximum', label: 'Topic alias maximum', hint: 'Empty or 0: no aliases from the broker.' },
];

/** MQTT 5 CONNECT properties: what this client asks of the broker for the session. */
export function PropertiesSection({ draft, errors, edit }: SectionProps) {
  const { properties } = draft;
  const setFlag = (key: 'requestResponseInformation' | 'requestProblemInformation', value: boolean) =>
    edit(`properties.${key}`, (d: ProfileDraft) => void (d.properties[key] = value));
  return (
    <fieldset className="form-section">
      <legend>MQTT 5 properties</legend>
      <div className="form-grid">
        {numeric.map(({ key, label, hint }) => (
          <Field key={key} label={label} error={errors[`properties.${key}`]} hint={hint}>
            <input value={properties[key]} inputMode="numeric" onChange={(event) => edit(`properties.${key}`, (d) => void (d.properties[key] = event.target.value))} />
          </Field>
        ))}
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={properties.requestResponseInformation} onChange={(event) => setFlag('requestResponseInformation', event.target.checked)} />
            Request response information
          </label>
        </div>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={properties.requestProblemInformation} onChange={(event) => setFlag('requestProblemInformation', event.target.checked)} />
            Request problem information
          </label>
        </div>
        <KeyValueEditor label="User properties" itemName="user property" items={properties.userProperties} errors={listErrors(errors, 'properties.userProperties')} onChange={(items) => edit('properties.userProperties', (d) => void (d.properties.userProperties = items))} />
      </div>
    </fieldset>
  );
}
