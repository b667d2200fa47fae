import { useShallow } from 'zustand/react/shallow';
import type { MessageProperties, MessageRow } from '../../../shared/domain/message';
import { describeMatched, matchedSubscriptions } from '../../../shared/mqtt/matched-subscriptions';
import { useAppStore } from '../../store/app-store';
import { useT } from '../../i18n/use-t';

/** The detail's "Matched" entry: which of the connection's current subscriptions a received message matched. */
export function MatchedSubscriptions({ connectionId, row, properties }: { connectionId: string; row: MessageRow; properties: MessageProperties | undefined }) {
  const t = useT();
  const subscriptions = useAppStore(useShallow((state) => state.connections[connectionId]?.subscriptions ?? []));
  const brokerSendsIdentifiers = useAppStore((state) => {
    const broker = state.connections[connectionId]?.broker;
    return broker?.protocolVersion === 5 && broker.properties.subscriptionIdentifiersAvailable !== false;
  });
  if (row.direction !== 'in') return null;
  const identifiers = properties?.subscriptionIdentifiers;
  return (
    <div>
      <dt>{t('subscriptions.matched.term')}</dt>
      <dd aria-label={t('subscriptions.matched.label')}>
        {describeMatched(t, matchedSubscriptions(subscriptions, row.topic, identifiers, brokerSendsIdentifiers))}
        {identifiers && identifiers.length > 0 ? t('subscriptions.matched.ids', { ids: identifiers.join(', ') }) : ''}
      </dd>
    </div>
  );
}
