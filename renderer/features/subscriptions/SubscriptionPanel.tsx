import { errorText } from '../../components/use-action-error';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SubscriptionView } from '../../../shared/domain/connection';
import type { QoS } from '../../../shared/domain/profile';
import { subscribeWarnings } from '../../../shared/mqtt/capabilities';
import { checkTopicFilter } from '../../../shared/mqtt/topics';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { QosSelect } from '../../components/QosSelect';
import { useAppStore } from '../../store/app-store';
import { subscriptionColor } from './subscription-colors';

export function SubscriptionPanel({ connectionId }: { connectionId: string }) {
  const subscriptions = useAppStore(useShallow((state) => state.connections[connectionId]?.subscriptions ?? []));
  const connected = useAppStore((state) => state.connections[connectionId]?.status.state === 'connected');
  const broker = useAppStore((state) => state.connections[connectionId]?.broker);
  const [filter, setFilter] = useState('');
  const [qos, setQos] = useState<QoS>(0);
  const [error, setError] = useState<string>();

  const subscribe = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkTopicFilter(filter);
    if (!check.ok) {
      // Refused here, before anything is sent: the broker would close the connection for a bad filter.
      setError(check.message);
      return;
    }
    setError(undefined);
    try {
      await api.invoke('subscription.add', { connectionId, filter, qos });
      setFilter('');
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <section className="panel subscriptions" aria-labelledby={`subs-${connectionId}`}>
      <h3 id={`subs-${connectionId}`}>Subscriptions</h3>
      <form className="subscribe-form" onSubmit={subscribe} aria-label="Subscribe" noValidate>
        <Field label="Topic filter" error={error}>
          <input
            value={filter}
            placeholder="e.g. lab/# or sensors/+/temp"
            spellCheck={false}
            onChange={(event) => {
              setFilter(event.target.value);
              setError(undefined);
            }}
          />
        </Field>
        {subscribeWarnings(broker, filter).map((warning) => (
          <p key={warning} className="warning">
            {warning}
          </p>
        ))}
        <div className="row">
          <QosSelect value={qos} onChange={setQos} aria-label="Subscription QoS" />
          <button type="submit" className="primary" disabled={!connected} title={connected ? undefined : 'Connect first'}>
            Subscribe
          </button>
        </div>
      </form>
      {subscriptions.length === 0 ? (
        <p className="empty-note">{connected ? 'No subscriptions yet.' : 'Connect to subscribe.'}</p>
      ) : (
        <ul className="subscription-list" aria-label="Active subscriptions">
          {subscriptions.map((subscription, index) => (
            <SubscriptionItem key={subscription.filter} connectionId={connectionId} subscription={subscription} connected={connected} color={subscriptionColor(index)} />
          ))}
        </ul>
      )}
    </section>
  );
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

function SubscriptionItem({ connectionId, subscription, connected, color }: { connectionId: string; subscription: SubscriptionView; connected: boolean; color: string }) {
  const [error, setError] = useState<string>();
  const unsubscribe = async () => {
    try {
      await api.invoke('subscription.remove', { connectionId, filter: subscription.filter });
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <li className={`subscription subscription-${subscription.state}`} aria-label={`Subscription ${subscription.filter}`}>
      <span className="subscription-swatch" style={{ background: color }} aria-hidden="true" />
      <div className="subscription-main">
        <code className="subscription-filter">{subscription.filter}</code>
        <span className="subscription-grant">{grantText(subscription, connected)}</span>
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
