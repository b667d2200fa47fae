import { aliasUseText } from '../../publish/publish-result';
import type { ReactNode } from 'react';
import type { MessageProperties } from '../../../../shared/domain/message';

/** Every MQTT 5 property the PUBLISH carried, as text; correlation data in hex since it is binary. */
export function PropertiesView({ properties }: { properties: MessageProperties | undefined }) {
  if (!properties) return <p className="empty-note">No MQTT 5 properties: the PUBLISH carried none, or the connection uses MQTT 3.</p>;
  const entries: [string, ReactNode][] = [];
  if (properties.contentType !== undefined) entries.push(['Content type', <code>{properties.contentType}</code>]);
  if (properties.payloadFormatIndicator !== undefined) {
    entries.push(['Payload format indicator', properties.payloadFormatIndicator ? '1 (UTF-8 text)' : '0 (unspecified bytes)']);
  }
  if (properties.messageExpiryInterval !== undefined) entries.push(['Message expiry interval', `${properties.messageExpiryInterval} s`]);
  if (properties.responseTopic !== undefined) entries.push(['Response topic', <code>{properties.responseTopic}</code>]);
  if (properties.correlationDataHex !== undefined) {
    entries.push(['Correlation data (hex)', <code>{properties.correlationDataHex === '' ? '(empty)' : properties.correlationDataHex.replace(/(..)(?=.)/g, '$1 ')}</code>]);
  }
  if (properties.subscriptionIdentifiers) entries.push(['Subscription identifiers', properties.subscriptionIdentifiers.join(', ')]);
  if (properties.topicAlias !== undefined) {
    const use = properties.topicAliasUse;
    entries.push(['Topic alias', use ? `${properties.topicAlias}: the topic ${aliasUseText(use)}` : String(properties.topicAlias)]);
  }
  const userProperties = properties.userProperties ?? [];
  return (
    <>
      <dl className="message-meta" aria-label="MQTT 5 properties">
        {entries.map(([name, value]) => (
          <div key={name} className="meta-entry">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {userProperties.length > 0 && (
        <table className="user-properties">
          <caption>User properties ({userProperties.length})</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
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
