import type { BrokerSharedGroupView } from '../../../shared/domain/broker';
import { useT } from '../../i18n/use-t';

/** Shared subscription groups ($share/{group}/{filter}): each message on the filter goes to one member of each group. */
export function SharedGroupsTable({ groups }: { groups: BrokerSharedGroupView[] }) {
  const t = useT();
  if (groups.length === 0) return <p className="empty-note">{t('broker.shared.none')}</p>;
  return (
    <table className="broker-table" aria-label={t('broker.shared.label')}>
      <thead>
        <tr>
          <th scope="col">{t('broker.shared.group')}</th>
          <th scope="col">{t('broker.shared.filter')}</th>
          <th scope="col">{t('broker.shared.members')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={`${group.group}/${group.filter}`} aria-label={t('broker.shared.rowLabel', { group: group.group, filter: group.filter })}>
            <td className="mono">{group.group}</td>
            <td className="mono">{group.filter}</td>
            <td>
              <ul className="member-list" aria-label={t('broker.shared.membersOf', { group: group.group })}>
                {group.members.map((member) => (
                  <li key={member.clientId} className="mono">
                    {t(member.connected ? 'broker.shared.member' : 'broker.shared.memberAway', { clientId: member.clientId, qos: member.qos })}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
