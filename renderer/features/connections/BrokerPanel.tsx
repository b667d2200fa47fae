import type { BrokerReport, ServerProperties } from '../../../shared/domain/connection';
import { protocolNames } from '../../../shared/domain/profile';
import { formatDuration } from '../lifeline/lifeline-model';
import { formatTime } from '../messages/format';
import { ConnectWaterfall } from './ConnectWaterfall';

const propertyLabels: Record<keyof ServerProperties, string> = {
  assignedClientIdentifier: 'Assigned client id',
  serverKeepAlive: 'Server keep alive (s)',
  receiveMaximum: 'Receive maximum',
  maximumQoS: 'Maximum QoS',
  retainAvailable: 'Retain available',
  maximumPacketSize: 'Maximum packet size (bytes)',
  topicAliasMaximum: 'Topic alias maximum',
  wildcardSubscriptionAvailable: 'Wildcard subscriptions',
  sharedSubscriptionAvailable: 'Shared subscriptions',
  subscriptionIdentifiersAvailable: 'Subscription identifiers',
  sessionExpiryInterval: 'Session expiry (s)',
  responseInformation: 'Response information',
  serverReference: 'Server reference',
  reasonString: 'Reason string',
  userProperties: 'User properties',
};

/** MQTT 5 defaults that apply when the broker leaves a property out (§3.2.2.3). */
const unstatedMeaning: Partial<Record<keyof ServerProperties, string>> = {
  receiveMaximum: '65535 (not stated)',
  maximumQoS: '2 (not stated)',
  retainAvailable: 'yes (not stated)',
  maximumPacketSize: 'no limit (not stated)',
  topicAliasMaximum: '0 (not stated)',
  wildcardSubscriptionAvailable: 'yes (not stated)',
  sharedSubscriptionAvailable: 'yes (not stated)',
  subscriptionIdentifiersAvailable: 'yes (not stated)',
};

function show(value: ServerProperties[keyof ServerProperties]): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return Object.entries(value).map(([key, entry]) => `${key}=${Array.isArray(entry) ? entry.join(',') : entry}`).join('; ');
  return String(value);
}

/** "What the broker said": its last CONNACK and DISCONNECT, so limits are seen before they bite. */
export function BrokerPanel({ broker }: { broker: BrokerReport | undefined }) {
  if (!broker) return null;
  const rows = (Object.keys(propertyLabels) as (keyof ServerProperties)[]).flatMap((key) => {
    const value = broker.properties[key];
    if (value !== undefined) return [[propertyLabels[key], show(value)] as const];
    const meaning = broker.protocolVersion === 5 ? unstatedMeaning[key] : undefined;
    return meaning ? [[propertyLabels[key], meaning] as const] : [];
  });
  const phases = broker.phases ?? [];
  const lastPhase = phases.at(-1);
  return (
    <details className="broker-panel">
      <summary>
        Broker capabilities · CONNACK {broker.codeText}
        {lastPhase && ` in ${formatDuration(lastPhase.startMs + lastPhase.durationMs)}`} · session present: {broker.sessionPresent ? 'yes' : 'no'}
        {broker.disconnect && ` · DISCONNECT: ${broker.disconnect.codeText}`}
      </summary>
      <dl aria-label="Broker capabilities">
        <Row label="Protocol" value={`MQTT ${protocolNames[broker.protocolVersion]}`} />
        <Row label="CONNACK" value={`${broker.codeText} (code ${broker.code}) at ${formatTime(broker.receivedAt)}`} />
        <Row label="Session present" value={broker.sessionPresent ? 'yes: the broker kept the session' : 'no: a new session'} />
        {rows.map(([label, value]) => (
          <Row key={label} label={label} value={value} />
        ))}
        {broker.disconnect && (
          <Row
            label="Server DISCONNECT"
            value={`${broker.disconnect.codeText}${broker.disconnect.reasonString ? `: "${broker.disconnect.reasonString}"` : ''} at ${formatTime(broker.disconnect.receivedAt)}`}
          />
        )}
      </dl>
      <ConnectWaterfall phases={phases} label="Connect phases" />
      {broker.protocolVersion !== 5 && <p className="field-hint">MQTT {protocolNames[broker.protocolVersion]} brokers announce no capabilities; MQTT 5 ones are shown here.</p>}
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
