import type { ProtocolVersion } from '../../../shared/domain/profile';
import type { PublishOptionsDraft, PublishOptionsField } from '../../../shared/mqtt/publish-options';
import { Field } from '../../components/Field';
import { KeyValueEditor } from '../../components/KeyValueEditor';

interface Props {
  options: PublishOptionsDraft;
  errors: Partial<Record<PublishOptionsField, string>>;
  protocolVersion: ProtocolVersion | undefined;
  /** The broker's Topic Alias Maximum from its last CONNACK; undefined when it sent none. */
  aliasMaximum: number | undefined;
  onChange(patch: Partial<PublishOptionsDraft>): void;
}

/** How many of the section's fields are set, for its summary line, so a closed section still says it sends something. */
function countSet(options: PublishOptionsDraft): number {
  const filled = [options.payloadFormat, options.messageExpiry.trim(), options.contentType, options.responseTopic, options.correlationData].filter((value) => value !== '').length;
  const pairs = options.userProperties.filter((pair) => pair.key !== '' || pair.value !== '').length;
  return filled + pairs + (options.aliasMode === 'none' ? 0 : 1);
}

/**
 * The MQTT 5 PUBLISH properties and the topic alias. Each is sent only when set. There is no
 * Subscription Identifier: a client must not put one on a PUBLISH (MQTT-3.3.4-6).
 */
export function PublishOptionsSection({ options, errors, protocolVersion, aliasMaximum, onChange }: Props) {
  if (protocolVersion !== 5) {
    return <p className="empty-note">Properties and topic aliases: this connection speaks MQTT {protocolVersion === 3 ? '3.1' : '3.1.1'}, and they exist only in MQTT 5.0. Edit the connection to switch.</p>;
  }
  const set = countSet(options);
  const userErrors: Record<string, string | undefined> = {};
  for (const [field, message] of Object.entries(errors)) {
    const index = /^userProperties\.(\d+)$/.exec(field)?.[1];
    if (index !== undefined) userErrors[`${index}.key`] = message;
  }
  const aliasHint = aliasMaximum ? `The broker takes aliases 1 to ${aliasMaximum} (Topic Alias Maximum in its CONNACK).` : 'The broker takes no topic aliases (no Topic Alias Maximum in its CONNACK).';
  return (
    <details className="publish-options" open={set > 0 || Object.keys(errors).length > 0 ? true : undefined}>
      <summary>MQTT 5 properties{set > 0 ? ` (${set} set)` : ''}</summary>
      <div className="form-grid">
        <Field label="Format indicator" hint="The Payload Format Indicator property.">
          <select value={options.payloadFormat} onChange={(event) => onChange({ payloadFormat: event.target.value as PublishOptionsDraft['payloadFormat'] })}>
            <option value="">Not sent</option>
            <option value="bytes">0: unspecified bytes</option>
            <option value="utf8">1: UTF-8 text</option>
          </select>
        </Field>
        <Field label="Message expiry (seconds)" error={errors.messageExpiry} hint="Empty: never expires.">
          <input value={options.messageExpiry} inputMode="numeric" onChange={(event) => onChange({ messageExpiry: event.target.value })} />
        </Field>
        <Field label="Content type" error={errors.contentType}>
          <input value={options.contentType} spellCheck={false} placeholder="application/json" onChange={(event) => onChange({ contentType: event.target.value })} />
        </Field>
        <Field label="Response topic" error={errors.responseTopic}>
          <input value={options.responseTopic} spellCheck={false} onChange={(event) => onChange({ responseTopic: event.target.value })} />
        </Field>
        <Field label="Correlation data" error={errors.correlationData} className="span-2" action={
          <select aria-label="Correlation data as" value={options.correlationEncoding} onChange={(event) => onChange({ correlationEncoding: event.target.value as PublishOptionsDraft['correlationEncoding'] })}>
            <option value="text">Text (UTF-8)</option>
            <option value="hex">Hex</option>
          </select>
        }>
          <input value={options.correlationData} spellCheck={false} onChange={(event) => onChange({ correlationData: event.target.value })} />
        </Field>
        <KeyValueEditor label="User properties" itemName="user property" items={options.userProperties} errors={userErrors} onChange={(items) => onChange({ userProperties: items })} />
        <Field label="Topic alias" hint={options.aliasMode === 'none' ? undefined : aliasHint} error={options.aliasMode === 'auto' ? errors.alias : undefined}>
          <select value={options.aliasMode} onChange={(event) => onChange({ aliasMode: event.target.value as PublishOptionsDraft['aliasMode'] })}>
            <option value="none">None: the topic in full</option>
            <option value="auto">Automatic</option>
            <option value="manual">Manual number</option>
          </select>
        </Field>
        {options.aliasMode === 'manual' && (
          <Field label="Topic alias number" error={errors.alias}>
            <input value={options.alias} inputMode="numeric" onChange={(event) => onChange({ alias: event.target.value })} />
          </Field>
        )}
        <p className="field-hint span-2">
          A topic alias is sent with its topic the first time, then alone. No Subscription Identifier here: only a broker may put one on a PUBLISH (MQTT-3.3.4-6).
        </p>
      </div>
    </details>
  );
}
