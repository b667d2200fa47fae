import type { BrokerSharedGroupView } from '../../../shared/domain/broker';

/** Shared subscription groups ($share/{group}/{filter}): each message on the filter goes to one member of each group. */
export function SharedGroupsTable({ groups }: { groups: BrokerSharedGroupView[] }) {
  if (groups.length === 0) return <p className="empty-note">No shared subscriptions.</p>;
  return (
    <table className="broker-table" aria-label="Shared subscription groups">
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Filter</th>
          <th scope="col">Members</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={`${group.group}/${group.filter}`} aria-label={`Group ${group.group} on ${group.filter}`}>
            <td className="mono">{group.group}</td>
            <td className="mono">{group.filter}</td>
            <td>
              <ul className="member-list" aria-label={`Members of ${group.group}`}>
                {group.members.map((member) => (
                  <li key={member.clientId} className="mono">
                    {member.clientId} (QoS {member.qos}){member.connected ? '' : ', away: its messages are queued'}
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
