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
import { msg, type Message, type Translator } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';
import { describeReasonCodeMessage } from '../../../shared/mqtt/reason-codes';
import { useT } from '../../i18n/use-t';

/** Words worded when shown, so a language switch rewords an error or result already on screen. */
type Worded = (t: Translator) => string;

export function SubscriptionPanel({ connectionId }: { connectionId: string }) {
  const t = useT();
  const subscriptions = useAppStore(useShallow((state) => state.connections[connectionId]?.subscriptions ?? []));
  const connected = useAppStore((state) => state.connections[connectionId]?.status.state === 'connected');
  const broker = useAppStore((state) => state.connections[connectionId]?.broker);
  const protocolVersion = useAppStore((state) => state.connections[connectionId]?.profile.protocolVersion ?? 4);
  const [filter, setFilter] = useState('');
  const [qos, setQos] = useState<QoS>(0);
  const [draft, setDraft] = useState<OptionsDraft>(emptyDraft);
  const [problems, setProblems] = useState<DraftProblems>();
  const [error, setWorded] = useState<Worded>();
  const setError = (worded: Worded | undefined) => setWorded(() => worded);
  const [unsubscribed, setUnsubscribedWords] = useState<Worded>();
  const setUnsubscribed = (worded: Worded) => setUnsubscribedWords(() => worded);
  const shared = parseSharedFilter(filter);

  const subscribe = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkTopicFilter(filter);
    if (!check.ok) {
      // Refused here, before anything is sent: the broker would close the connection for a bad filter.
      setError((tr) => tr.msg(check.text));
      return;
    }
    const read = protocolVersion === 5 ? readDraft(shared ? { ...draft, noLocal: false } : draft) : { ok: true as const, options: undefined };
    if (!read.ok) {
      setProblems(read.problems);
      return;
    }
    const problem = subscriptionOptionsProblem(filter, read.options, protocolVersion);
    if (problem) {
      setError((tr) => tr.msg(problem));
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
      setError((tr) => describeError(tr, failure));
    }
  };

  return (
    <section className="panel subscriptions" aria-labelledby={`subs-${connectionId}`}>
      <h3 id={`subs-${connectionId}`}>{t('subscriptions.panel.title')}</h3>
      <form className="subscribe-form" onSubmit={subscribe} aria-label={t('subscriptions.panel.form')} noValidate>
        <Field label={t('subscriptions.panel.filter')} error={error?.(t)} hint={shared ? t('subscriptions.panel.sharedHint', { group: shared.group, filter: shared.filter || t('subscriptions.panel.missing') }) : undefined}>
          <input
            value={filter}
            placeholder={t('subscriptions.panel.filterPlaceholder')}
            spellCheck={false}
            onChange={(event) => {
              setFilter(event.target.value);
              setError(undefined);
            }}
          />
        </Field>
        {[...subscribeWarnings(broker, filter), ...identifierWarning(broker, draft)].map((warning) => (
          <p key={warning.key} className="warning">
            {t.msg(warning)}
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
          <p className="field-hint">{t('subscriptions.panel.v5Only')}</p>
        )}
        <div className="row">
          <QosSelect value={qos} onChange={setQos} aria-label={t('subscriptions.panel.qos')} />
          <button type="submit" className="primary" disabled={!connected} title={connected ? undefined : t('subscriptions.panel.connectFirstTitle')}>
            {t('subscriptions.panel.subscribe')}
          </button>
        </div>
      </form>
      {unsubscribed && (
        <p className="unsubscribe-result" role="status" aria-label={t('subscriptions.panel.unsubscribeResult')}>
          {unsubscribed(t)}
        </p>
      )}
      {subscriptions.length === 0 ? (
        <p className="empty-note">{t(connected ? 'subscriptions.panel.none' : 'subscriptions.panel.connectFirst')}</p>
      ) : (
        <ul className="subscription-list" aria-label={t('subscriptions.panel.list')}>
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

function identifierWarning(broker: BrokerReport | undefined, draft: OptionsDraft): Message[] {
  if (broker?.properties.subscriptionIdentifiersAvailable !== false || draft.identifier.trim() === '') return [];
  return [msg('subscriptions.panel.identifiersUnsupported')];
}

function grantText(t: Translator, subscription: SubscriptionView, connected: boolean): string {
  switch (subscription.state) {
    case 'pending':
      // Saved with the profile, or cut off before its SUBACK: nothing is on the wire until the connection is up.
      return connected ? t('subscriptions.grant.waiting', { qos: subscription.requestedQos }) : t('subscriptions.grant.onConnect', { qos: subscription.requestedQos });
    case 'granted':
      return subscription.grantedQos === subscription.requestedQos
        ? t('subscriptions.grant.granted', { qos: subscription.grantedQos ?? subscription.requestedQos })
        : t('subscriptions.grant.grantedLower', { qos: subscription.grantedQos ?? subscription.requestedQos, asked: subscription.requestedQos });
    case 'failed':
      // The reason is the broker's reason code in the spec's words (from the core), or unknown.
      return t('subscriptions.grant.refused', { reason: subscription.reasonText ? t.msg(subscription.reasonText, subscription.reason) : (subscription.reason ?? t('subscriptions.grant.unknownReason')) });
  }
}

interface ItemProps {
  connectionId: string;
  subscription: SubscriptionView;
  connected: boolean;
  color: string;
  onUnsubscribed(text: Worded): void;
}

function SubscriptionItem({ connectionId, subscription, connected, color, onUnsubscribed }: ItemProps) {
  const t = useT();
  const [error, setWorded] = useState<Worded>();
  const shared = parseSharedFilter(subscription.filter);
  const options = describeOptions(subscription.options);
  const unsubscribe = async () => {
    try {
      const result = await api.invoke('subscription.remove', { connectionId, filter: subscription.filter });
      const { filter } = subscription;
      // With a code and no reasonText, `reason` is that code's description: worded here from the same table.
      onUnsubscribed((tr) => (result.reason ? tr('subscriptions.item.unsubscribedReason', { filter, reason: result.reasonText ? tr.msg(result.reasonText, result.reason) : result.reasonCode !== undefined ? tr.msg(describeReasonCodeMessage(result.reasonCode, 'UNSUBACK')) : result.reason }) : tr('subscriptions.item.unsubscribed', { filter })));
    } catch (failure) {
      setWorded(() => (tr: Translator) => describeError(tr, failure));
    }
  };
  return (
    <li className={`subscription subscription-${subscription.state}`} aria-label={t('subscriptions.item.label', { filter: subscription.filter })}>
      <span className="subscription-swatch" style={{ background: color }} aria-hidden="true" />
      <div className="subscription-main">
        <code className="subscription-filter">{subscription.filter}</code>
        {shared && <span className="subscription-group">{t('subscriptions.item.shared', { group: shared.group, filter: shared.filter })}</span>}
        <span className="subscription-grant">{grantText(t, subscription, connected)}</span>
        {options.length > 0 && (
          <ul className="subscription-option-list" aria-label={t('subscriptions.item.options', { filter: subscription.filter })}>
            {options.map((option, index) => (
              <li key={index}>{typeof option === 'string' ? option : t.msg(option)}</li>
            ))}
          </ul>
        )}
        {error && (
          <span className="field-error" role="alert">
            {error(t)}
          </span>
        )}
      </div>
      <button type="button" className="icon-button" aria-label={t('subscriptions.item.unsubscribe', { filter: subscription.filter })} onClick={unsubscribe}>
        ✕
      </button>
    </li>
  );
}
