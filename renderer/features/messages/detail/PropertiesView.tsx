import { aliasUseText } from '../../publish/publish-result';
import type { ReactNode } from 'react';
import type { MessageProperties } from '../../../../shared/domain/message';
import { useT } from '../../../i18n/use-t';

/** Hex digits in pairs, one byte each: "0a 1b 2c". */
function spacedHex(hex: string): string {
  return hex.replace(/(..)(?=.)/g, '$1 ');
}

/** Every MQTT 5 property the PUBLISH carried, as text; correlation data in hex since it is binary. */
export function PropertiesView({ properties }: { properties: MessageProperties | undefined }) {
  const t = useT();
  if (!properties) return <p className="empty-note">{t('messages.properties.none')}</p>;
  const entries: [string, ReactNode][] = [];
  if (properties.contentType !== undefined) entries.push([t('messages.properties.contentType'), <code>{properties.contentType}</code>]);
  if (properties.payloadFormatIndicator !== undefined) {
    entries.push([t('messages.properties.payloadFormat'), t(properties.payloadFormatIndicator ? 'messages.properties.payloadFormatText' : 'messages.properties.payloadFormatBytes')]);
  }
  if (properties.messageExpiryInterval !== undefined) entries.push([t('messages.properties.messageExpiry'), t('messages.properties.seconds', { seconds: properties.messageExpiryInterval })]);
  if (properties.responseTopic !== undefined) entries.push([t('messages.properties.responseTopic'), <code>{properties.responseTopic}</code>]);
  if (properties.correlationDataHex !== undefined) {
    entries.push([t('messages.properties.correlationData'), <code>{properties.correlationDataHex === '' ? t('messages.properties.empty') : spacedHex(properties.correlationDataHex)}</code>]);
  }
  if (properties.subscriptionIdentifiers) entries.push([t('messages.properties.subscriptionIdentifiers'), properties.subscriptionIdentifiers.join(', ')]);
  if (properties.topicAlias !== undefined) {
    const use = properties.topicAliasUse;
    entries.push([t('messages.properties.topicAlias'), use ? t('messages.properties.topicAliasUse', { alias: properties.topicAlias, use: aliasUseText(use, t) }) : String(properties.topicAlias)]);
  }
  const userProperties = properties.userProperties ?? [];
  return (
    <>
      <dl className="message-meta" aria-label={t('messages.properties.label')}>
        {entries.map(([name, value]) => (
          <div key={name} className="meta-entry">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {userProperties.length > 0 && (
        <table className="user-properties">
          <caption>{t('messages.properties.userProperties', { count: userProperties.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('messages.properties.name')}</th>
              <th scope="col">{t('messages.properties.value')}</th>
            </tr>
          </thead>
          <tbody>
            {userProperties.map((property, index) => (
              // Keys repeat by design, so the position is part of the identity.
              <tr key={index}>
                <td>
                  <code>{property.key}</code>
                </td>
                <td>
                  <code>{property.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
