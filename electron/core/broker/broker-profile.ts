import { randomBytes, randomUUID } from 'node:crypto';
import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import { defaultProfileFields } from '../../../shared/domain/profile';
import type { Profile } from '../../../shared/domain/profile';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { BrokerTarget } from './broker-service';

export const builtInProfileName = 'Client of the built-in broker';

/**
 * A connection profile for the built-in broker: an existing one that points at it is reused, else
 * one is made. The broker speaks 3.1, 3.1.1 and 5.0, so a profile of any version is reused (those
 * made before aedes 2, all 3.1.1, keep working) and a new one asks for MQTT 5. With users, the
 * profile carries the first user's credentials, kept up to date on reuse.
 */
export async function connectProfile(connections: ConnectionRegistry, target: BrokerTarget): Promise<ConnectionSnapshot> {
  const candidates = connections.profiles().filter((profile) => profile.transport === 'mqtt' && profile.host === target.host && profile.port === target.port);
  const existing = candidates.find((profile) => profile.name === builtInProfileName) ?? candidates[0];
  if (existing) {
    if (!credentialsStale(existing, target)) return connections.get(existing.id).snapshot();
    const { secrets: _secrets, ...fields } = existing;
    return connections.save({ ...fields, username: target.username, secrets: { password: target.password } });
  }
  return connections.save({
    ...defaultProfileFields(),
    id: randomUUID(),
    name: builtInProfileName,
    transport: 'mqtt',
    host: target.host,
    port: target.port,
    protocolVersion: 5,
    // Readable in the broker's client list, unlike the aedes_<uuid> an empty id would get.
    clientId: `mqtt-lab-${randomBytes(3).toString('hex')}`,
    username: target.username,
    secrets: { password: target.password },
  });
}

function credentialsStale(profile: Profile, target: BrokerTarget): boolean {
  return target.username !== '' && (profile.username !== target.username || profile.secrets.password !== target.password);
}
