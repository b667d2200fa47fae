import type { BrokerReport, ServerProperties } from '../../../shared/domain/connection';
import { protocolNames } from '../../../shared/domain/profile';
import type { MessageKey, Translator } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';
import { formatDuration } from '../lifeline/lifeline-model';
import { formatTime } from '../messages/format';
import { ConnectWaterfall } from './ConnectWaterfall';

const propertyLabels: Record<keyof ServerProperties, MessageKey> = {
  assignedClientIdentifier: 'connections.brokerPanel.assignedClientIdentifier',
  serverKeepAlive: 'connections.brokerPanel.serverKeepAlive',
  receiveMaximum: 'connections.brokerPanel.receiveMaximum',
  maximumQoS: 'connections.brokerPanel.maximumQoS',
  retainAvailable: 'connections.brokerPanel.retainAvailable',
  maximumPacketSize: 'connections.brokerPanel.maximumPacketSize',
  topicAliasMaximum: 'connections.brokerPanel.topicAliasMaximum',
  wildcardSubscriptionAvailable: 'connections.brokerPanel.wildcardSubscriptionAvailable',
  sharedSubscriptionAvailable: 'connections.brokerPanel.sharedSubscriptionAvailable',
  subscriptionIdentifiersAvailable: 'connections.brokerPanel.subscriptionIdentifiersAvailable',
  sessionExpiryInterval: 'connections.brokerPanel.sessionExpiryInterval',
  responseInformation: 'connections.brokerPanel.responseInformation',
  serverReference: 'connections.brokerPanel.serverReference',
  reasonString: 'connections.brokerPanel.reasonString',
  userProperties: 'connections.brokerPanel.userProperties',
};

/** MQTT 5 defaults that apply when the broker leaves a property out (§3.2.2.3); `true` is "yes". */
const unstatedMeaning: Partial<Record<keyof ServerProperties, number | boolean | 'noLimit'>> = {
  receiveMaximum: 65535,
  maximumQoS: 2,
  retainAvailable: true,
  maximumPacketSize: 'noLimit',
  topicAliasMaximum: 0,
  wildcardSubscriptionAvailable: true,
  sharedSubscriptionAvailable: true,
  subscriptionIdentifiersAvailable: true,
};

/** A packet type name from the spec, the same in every language. */
const CONNACK = 'CONNACK';

function yesNo(t: Translator, value: boolean): string {
  return t(value ? 'connections.brokerPanel.yes' : 'connections.brokerPanel.no');
}

function show(t: Translator, value: ServerProperties[keyof ServerProperties]): string {
  if (typeof value === 'boolean') return yesNo(t, value);
  // The broker's own names and values, not ours to translate.
  if (typeof value === 'object') return Object.entries(value).map(([key, entry]) => `${key}=${Array.isArray(entry) ? entry.join(',') : entry}`).join('; ');
  return String(value);
}

function unstated(t: Translator, meaning: number | boolean | 'noLimit'): string {
  const value = meaning === 'noLimit' ? t('connections.brokerPanel.noLimit') : typeof meaning === 'boolean' ? yesNo(t, meaning) : String(meaning);
  return t('connections.brokerPanel.notStated', { value });
}

/** "What the broker said": its last CONNACK and DISCONNECT, so limits are seen before they bite. */
export function BrokerPanel({ broker }: { broker: BrokerReport | undefined }) {
  const t = useT();
  if (!broker) return null;
  const rows = (Object.keys(propertyLabels) as (keyof ServerProperties)[]).flatMap((key) => {
    const value = broker.properties[key];
    if (value !== undefined) return [[t(propertyLabels[key]), show(t, value)] as const];
    const meaning = broker.protocolVersion === 5 ? unstatedMeaning[key] : undefined;
    return meaning !== undefined ? [[t(propertyLabels[key]), unstated(t, meaning)] as const] : [];
  });
  const phases = broker.phases ?? [];
  const lastPhase = phases.at(-1);
  const disconnect = broker.disconnect;
  // 0 is ours to word; a refusal's words come from the MQTT reason-code tables (shared/mqtt).
  const codeText = broker.code === 0 ? t('connections.brokerPanel.accepted') : broker.codeText;
  return (
    <details className="broker-panel">
      <summary>
        {t('connections.brokerPanel.summary', { code: codeText })}
        {lastPhase && t('connections.brokerPanel.summaryTook', { duration: formatDuration(lastPhase.startMs + lastPhase.durationMs) })}
        {t('connections.brokerPanel.summarySession', { value: yesNo(t, broker.sessionPresent) })}
        {disconnect && t('connections.brokerPanel.summaryDisconnect', { code: disconnect.codeText })}
      </summary>
      <dl aria-label={t('connections.brokerPanel.label')}>
        <Row label={t('connections.brokerPanel.protocol')} value={`MQTT ${protocolNames[broker.protocolVersion]}`} />
        <Row label={CONNACK} value={t('connections.brokerPanel.connack', { text: codeText, code: broker.code, time: formatTime(broker.receivedAt) })} />
        <Row label={t('connections.brokerPanel.sessionPresent')} value={t(broker.sessionPresent ? 'connections.brokerPanel.sessionKept' : 'connections.brokerPanel.sessionNew')} />
        {rows.map(([label, value]) => (
          <Row key={label} label={label} value={value} />
        ))}
        {disconnect && (
          <Row
            label={t('connections.brokerPanel.serverDisconnect')}
            value={t(disconnect.reasonString ? 'connections.brokerPanel.disconnectSaid' : 'connections.brokerPanel.disconnect', {
              text: disconnect.codeText,
              reason: disconnect.reasonString ?? '',
              time: formatTime(disconnect.receivedAt),
            })}
          />
        )}
      </dl>
      <ConnectWaterfall phases={phases} label={t('connections.waterfall.label')} />
      {broker.protocolVersion !== 5 && <p className="field-hint">{t('connections.brokerPanel.noCapabilities', { version: protocolNames[broker.protocolVersion] })}</p>}
    </details>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
