import type { ProtocolVersion } from '../../../shared/domain/profile';
import type { PublishOptionsDraft, PublishOptionsField } from '../../../shared/mqtt/publish-options';
import { Field } from '../../components/Field';
import { KeyValueEditor } from '../../components/KeyValueEditor';
import type { Message } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';

interface Props {
  options: PublishOptionsDraft;
  errors: Partial<Record<PublishOptionsField, Message>>;
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
  const t = useT();
  if (protocolVersion !== 5) {
    return <p className="empty-note">{t('publish.options.v5Only', { version: protocolVersion === 3 ? '3.1' : '3.1.1' })}</p>;
  }
  const set = countSet(options);
  const error = (message: Message | undefined) => (message ? t.msg(message) : undefined);
  const userErrors: Record<string, string | undefined> = {};
  for (const [field, message] of Object.entries(errors)) {
    const index = /^userProperties\.(\d+)$/.exec(field)?.[1];
    if (index !== undefined) userErrors[`${index}.key`] = error(message);
  }
  const aliasHint = aliasMaximum ? t('publish.options.aliasRange', { max: aliasMaximum }) : t('publish.options.aliasNone');
  return (
    <details className="publish-options" open={set > 0 || Object.keys(errors).length > 0 ? true : undefined}>
      <summary>{set > 0 ? t('publish.options.summarySet', { count: set }) : t('publish.options.summary')}</summary>
      <div className="form-grid">
        <Field label={t('publish.options.formatIndicator')} hint={t('publish.options.formatIndicatorHint')}>
          <select value={options.payloadFormat} onChange={(event) => onChange({ payloadFormat: event.target.value as PublishOptionsDraft['payloadFormat'] })}>
            <option value="">{t('publish.options.notSent')}</option>
            <option value="bytes">{t('publish.options.formatBytes')}</option>
            <option value="utf8">{t('publish.options.formatUtf8')}</option>
          </select>
        </Field>
        <Field label={t('publish.options.messageExpiry')} error={error(errors.messageExpiry)} hint={t('publish.options.messageExpiryHint')}>
          <input value={options.messageExpiry} inputMode="numeric" onChange={(event) => onChange({ messageExpiry: event.target.value })} />
        </Field>
        <Field label={t('publish.options.contentType')} error={error(errors.contentType)}>
          {/* eslint-disable-next-line i18next/no-literal-string -- a MIME type, the same in every language */}
          <input value={options.contentType} spellCheck={false} placeholder="application/json" onChange={(event) => onChange({ contentType: event.target.value })} />
        </Field>
        <Field label={t('publish.options.responseTopic')} error={error(errors.responseTopic)}>
          <input value={options.responseTopic} spellCheck={false} onChange={(event) => onChange({ responseTopic: event.target.value })} />
        </Field>
        <Field label={t('publish.options.correlationData')} error={error(errors.correlationData)} className="span-2" action={
          <select aria-label={t('publish.options.correlationAs')} value={options.correlationEncoding} onChange={(event) => onChange({ correlationEncoding: event.target.value as PublishOptionsDraft['correlationEncoding'] })}>
            <option value="text">{t('publish.options.correlationText')}</option>
            <option value="hex">{t('publish.format.hex')}</option>
          </select>
        }>
          <input value={options.correlationData} spellCheck={false} onChange={(event) => onChange({ correlationData: event.target.value })} />
        </Field>
        <KeyValueEditor label={t('publish.options.userProperties')} itemName={t('publish.options.userProperty')} items={options.userProperties} errors={userErrors} onChange={(items) => onChange({ userProperties: items })} />
        <Field label={t('publish.options.topicAlias')} hint={options.aliasMode === 'none' ? undefined : aliasHint} error={options.aliasMode === 'auto' ? error(errors.alias) : undefined}>
          <select value={options.aliasMode} onChange={(event) => onChange({ aliasMode: event.target.value as PublishOptionsDraft['aliasMode'] })}>
            <option value="none">{t('publish.options.aliasModeNone')}</option>
            <option value="auto">{t('publish.options.aliasModeAuto')}</option>
            <option value="manual">{t('publish.options.aliasModeManual')}</option>
          </select>
        </Field>
        {options.aliasMode === 'manual' && (
          <Field label={t('publish.options.aliasNumber')} error={error(errors.alias)}>
            <input value={options.alias} inputMode="numeric" onChange={(event) => onChange({ alias: event.target.value })} />
          </Field>
        )}
        <p className="field-hint span-2">{t('publish.options.aliasNote')}</p>
      </div>
    </details>
  );
}
