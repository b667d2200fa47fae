import { useShallow } from 'zustand/react/shallow';
import type { MessageProperties, MessageRow } from '../../../shared/domain/message';
import { describeMatched, matchedSubscriptions } from '../../../shared/mqtt/matched-subscriptions';
import { useAppStore } from '../../store/app-store';

/** The detail's "Matched" entry: which of the connection's current subscriptions a received message matched. */
export function MatchedSubscriptions({ connectionId, row, properties }: { connectionId: string; row: MessageRow; properties: MessageProperties | undefined }) {
  const subscriptions = useAppStore(useShallow((state) => state.connections[connectionId]?.subscriptions ?? []));
  const brokerSendsIdentifiers = useAppStore((state) => {
    const broker = state.connections[connectionId]?.broker;
    return broker?.protocolVersion === 5 && broker.properties.subscriptionIdentifiersAvailable !== false;
  });
  if (row.direction !== 'in') return null;
  const identifiers = properties?.subscriptionIdentifiers;
  return (
    <div>
      <dt>Matched</dt>
      <dd aria-label="Matched subscriptions">
        {describeMatched(matchedSubscriptions(subscriptions, row.topic, identifiers, brokerSendsIdentifiers))}
        {identifiers && identifiers.length > 0 ? ` · subscription ids ${identifiers.join(', ')}` : ''}
      </dd>
    </div>
  );
}
