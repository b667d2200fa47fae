import { errorText } from '../../components/use-action-error';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BrokerReport, SubscriptionView } from '../../../shared/domain/connection';
import type { QoS } from '../../../shared/domain/profile';
import { subscribeWarnings } from '../../../shared/mqtt/capabilities';
import { describeOptions, subscriptionOptionsProblem } from '../../../shared/mqtt/subscription-options';
import { checkTopicFilter, parseSharedFilter } from '../../../shared/mqtt/topics';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { QosSelect } from '../../components/QosSelect';
import { useAppStore } from '../../store/app-store';
import { emptyDraft, readDraft } from './options-draft';
import type { DraftProblems, OptionsDraft } from './options-draft';
import { subscriptionColor } from './subscription-colors';
import { SubscriptionOptionsFields } from './SubscriptionOptionsFields';
import './subscriptions.css';

export function SubscriptionPanel({ connectionId }: { connectionId: string }) {
  const subscriptions = useAppStore(useShallow((state) => state.connections[connectionId]?.subscriptions ?? []));
  const connected = useAppStore((state) => state.connections[connectionId]?.status.state === 'connected');
  const broker = useAppStore((state) => state.connections[connectionId]?.broker);
  const protocolVersion = useAppStore((state) => state.connections[connectionId]?.profile.protocolVersion ?? 4);
  const [filter, setFilter] = useState('');
  const [qos, setQos] = useState<QoS>(0);
  const [draft, setDraft] = useState<OptionsDraft>(emptyDraft);
  const [problems, setProblems] = useState<DraftProblems>();
  const [error, setError] = useState<string>();
  const [unsubscribed, setUnsubscribed] = useState<string>();
  const shared = parseSharedFilter(filter);

  const subscribe = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkTopicFilter(filter);
    if (!check.ok) {
      // Refused here, before anything is sent: the broker would close the connection for a bad filter.
      setError(check.message);
      return;
    }
    const read = protocolVersion === 5 ? readDraft(shared ? { ...draft, noLocal: false } : draft) : { ok: true as const, options: undefined };
    if (!read.ok) {
      setProblems(read.problems);
      return;
    }
    const problem = subscriptionOptionsProblem(filter, read.options, protocolVersion);
    if (problem) {
      setError(problem);
      return;
    }
    setError(undefined);
    setProblems(undefined);
    try {
      await api.invoke('subscription.add', { connectionId, filter, qos, ...(read.options ? { options: read.options } : {}) });
      setFilter('');
      // Options go with the filter they were set for: an identifier carried over would tag two subscriptions alike.
      setDraft(emptyDraft);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <section className="panel subscriptions" aria-labelledby={`subs-${connectionId}`}>
      <h3 id={`subs-${connectionId}`}>Subscriptions</h3>
      <form className="subscribe-form" onSubmit={subscribe} aria-label="Subscribe" noValidate>
        <Field label="Topic filter" error={error} hint={shared ? `Shared subscription: group "${shared.group}", filter ${shared.filter || '(missing)'}` : undefined}>
          <input
            value={filter}
            placeholder="e.g. lab/# or $share/group/lab/#"
            spellCheck={false}
            onChange={(event) => {
              setFilter(event.target.value);
              setError(undefined);
            }}
          />
        </Field>
        {[...subscribeWarnings(broker, filter), ...identifierWarning(broker, draft)].map((warning) => (
          <p key={warning} className="warning">
            {warning}
          </p>
        ))}
        {protocolVersion === 5 ? (
          <SubscriptionOptionsFields
            draft={draft}
            problems={problems}
            shared={shared !== undefined}
            onChange={(next) => {
              setDraft(next);
              setProblems(undefined);
            }}
          />
        ) : (
          <p className="field-hint">No Local, Retain As Published, Retain Handling and subscription identifiers need MQTT 5; this connection uses MQTT 3.1.1.</p>
        )}
        <div className="row">
          <QosSelect value={qos} onChange={setQos} aria-label="Subscription QoS" />
          <button type="submit" className="primary" disabled={!connected} title={connected ? undefined : 'Connect first'}>
            Subscribe
          </button>
        </div>
      </form>
      {unsubscribed && (
        <p className="unsubscribe-result" role="status" aria-label="Unsubscribe result">
          {unsubscribed}
        </p>
      )}
      {subscriptions.length === 0 ? (
        <p className="empty-note">{connected ? 'No subscriptions yet.' : 'Connect to subscribe.'}</p>
      ) : (
        <ul className="subscription-list" aria-label="Active subscriptions">
          {subscriptions.map((subscription, index) => (
            <SubscriptionItem
              key={subscription.filter}
              connectionId={connectionId}
              subscription={subscription}
              connected={connected}
              color={subscriptionColor(index)}
              onUnsubscribed={setUnsubscribed}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function identifierWarning(broker: BrokerReport | undefined, draft: OptionsDraft): string[] {
  if (broker?.properties.subscriptionIdentifiersAvailable !== false || draft.identifier.trim() === '') return [];
  return ['The broker does not support subscription identifiers (CONNACK Subscription Identifiers Available = 0): it would close the connection (0xA1).'];
}

function grantText(subscription: SubscriptionView, connected: boolean): string {
  switch (subscription.state) {
    case 'pending':
      // Saved with the profile, or cut off before its SUBACK: nothing is on the wire until the connection is up.
      return connected ? `waiting for SUBACK (asked QoS ${subscription.requestedQos})` : `asked for on connect (QoS ${subscription.requestedQos})`;
    case 'granted':
      return subscription.grantedQos === subscription.requestedQos
        ? `granted QoS ${subscription.grantedQos}`
        : `granted QoS ${subscription.grantedQos} (asked ${subscription.requestedQos})`;
    case 'failed':
      return `refused: ${subscription.reason ?? 'unknown reason'}`;
  }
}

interface ItemProps {
  connectionId: string;
  subscription: SubscriptionView;
  connected: boolean;
  color: string;
  onUnsubscribed(text: string): void;
}

function SubscriptionItem({ connectionId, subscription, connected, color, onUnsubscribed }: ItemProps) {
  const [error, setError] = useState<string>();
  const shared = parseSharedFilter(subscription.filter);
  const options = describeOptions(subscription.options);
  const unsubscribe = async () => {
    try {
      const result = await api.invoke('subscription.remove', { connectionId, filter: subscription.filter });
      onUnsubscribed(`Unsubscribed from ${subscription.filter}${result.reason ? `: ${result.reason}` : ''}`);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <li className={`subscription subscription-${subscription.state}`} aria-label={`Subscription ${subscription.filter}`}>
      <span className="subscription-swatch" style={{ background: color }} aria-hidden="true" />
      <div className="subscription-main">
        <code className="subscription-filter">{subscription.filter}</code>
        {shared && <span className="subscription-group">shared · group {shared.group} · filter {shared.filter}</span>}
        <span className="subscription-grant">{grantText(subscription, connected)}</span>
        {options.length > 0 && (
          <ul className="subscription-option-list" aria-label={`Options of ${subscription.filter}`}>
            {options.map((option, index) => (
              <li key={index}>{option}</li>
            ))}
          </ul>
        )}
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <button type="button" className="icon-button" aria-label={`Unsubscribe from ${subscription.filter}`} onClick={unsubscribe}>
        ✕
      </button>
    </li>
  );
}
