import { Field } from '../../../components/Field';
import { KeyValueEditor } from '../../../components/KeyValueEditor';
import { QosSelect } from '../../../components/QosSelect';
import type { SectionProps } from './section-props';
import { listErrors } from './section-props';
import { useT } from '../../../i18n/use-t';

/** An example content type, the same in every language. */
const jsonType = 'application/json';

/** The last will: what the broker publishes for this client if it vanishes without a DISCONNECT. */
export function WillSection({ draft, errors, edit }: SectionProps) {
  const t = useT();
  const { will } = draft;
  const v5 = draft.protocolVersion === 5;
  return (
    <fieldset className="form-section">
      <legend>{t('connections.form.will.legend')}</legend>
      <div className="form-grid">
        <div className="field checkbox-field span-2">
          <label>
            <input type="checkbox" checked={will.enabled} onChange={(event) => edit('will', (d) => void (d.will.enabled = event.target.checked))} />
            {t('connections.form.will.enabled')}
          </label>
        </div>
        {will.enabled && (
          <>
            <Field label={t('connections.form.will.topic')} error={errors['will.topic']} className="span-2">
              <input value={will.topic} spellCheck={false} onChange={(event) => edit('will.topic', (d) => void (d.will.topic = event.target.value))} />
            </Field>
            <Field label={t('connections.form.will.payload')} error={errors['will.payload']} className="span-2">
              <textarea rows={3} value={will.payload} spellCheck={false} onChange={(event) => edit('will.payload', (d) => void (d.will.payload = event.target.value))} />
            </Field>
            <Field label={t('connections.form.will.qos')} error={errors['will.qos']}>
              <QosSelect value={will.qos} onChange={(qos) => edit('will.qos', (d) => void (d.will.qos = qos))} />
            </Field>
            <div className="field checkbox-field">
              <label>
                <input type="checkbox" checked={will.retain} onChange={(event) => edit('will.retain', (d) => void (d.will.retain = event.target.checked))} />
                {t('connections.form.will.retain')}
              </label>
            </div>
            {v5 && (
              <>
                <Field label={t('connections.form.will.delay')} error={errors['will.delayInterval']} hint={t('connections.form.will.delayHint')}>
                  <input value={will.delayInterval} inputMode="numeric" onChange={(event) => edit('will.delayInterval', (d) => void (d.will.delayInterval = event.target.value))} />
                </Field>
                <Field label={t('connections.form.will.expiry')} error={errors['will.messageExpiry']} hint={t('connections.form.will.expiryHint')}>
                  <input value={will.messageExpiry} inputMode="numeric" onChange={(event) => edit('will.messageExpiry', (d) => void (d.will.messageExpiry = event.target.value))} />
                </Field>
                <Field label={t('connections.form.will.contentType')} error={errors['will.contentType']}>
                  <input value={will.contentType} spellCheck={false} placeholder={jsonType} onChange={(event) => edit('will.contentType', (d) => void (d.will.contentType = event.target.value))} />
                </Field>
                <Field label={t('connections.form.will.responseTopic')} error={errors['will.responseTopic']}>
                  <input value={will.responseTopic} spellCheck={false} onChange={(event) => edit('will.responseTopic', (d) => void (d.will.responseTopic = event.target.value))} />
                </Field>
                <Field label={t('connections.form.will.correlationData')} error={errors['will.correlationData']} className="span-2">
                  <input value={will.correlationData} spellCheck={false} onChange={(event) => edit('will.correlationData', (d) => void (d.will.correlationData = event.target.value))} />
                </Field>
                <KeyValueEditor label={t('connections.form.will.userProperties')} itemName={t('connections.form.will.userProperty')} items={will.userProperties} errors={listErrors(errors, 'will.userProperties')} onChange={(items) => edit('will.userProperties', (d) => void (d.will.userProperties = items))} />
              </>
            )}
          </>
        )}
      </div>
    </fieldset>
  );
}
