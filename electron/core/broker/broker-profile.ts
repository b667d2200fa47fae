import { randomBytes, randomUUID } from 'node:crypto';
import type { ConnectionSnapshot } from '../../../shared/domain/connection';
import { defaultProfileFields } from '../../../shared/domain/profile';
import type { Profile } from '../../../shared/domain/profile';
import type { ConnectionRegistry } from '../connections/connection-registry';
import type { BrokerTarget } from './broker-service';

export const builtInProfileName = 'Client of the built-in broker';

/**
 * A connection profile for the built-in broker: an existing one that points at it is reused, else
 * one is made. MQTT 3.1.1, because aedes 1.x refuses MQTT 5; a profile at the same address that
 * asks for MQTT 5 is left alone (it may be meant for another broker on another day) and a new one
 * is made. With users, the profile carries the first user's credentials, kept up to date on reuse.
 */
export async function connectProfile(connections: ConnectionRegistry, target: BrokerTarget): Promise<ConnectionSnapshot> {
  const candidates = connections.profiles().filter((profile) => profile.transport === 'mqtt' && profile.host === target.host && profile.port === target.port && profile.protocolVersion !== 5);
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
    protocolVersion: 4,
    // Readable in the broker's client list, unlike the aedes_<uuid> an empty id would get.
    clientId: `mqtt-lab-${randomBytes(3).toString('hex')}`,
    username: target.username,
    secrets: { password: target.password },
  });
}

function credentialsStale(profile: Profile, target: BrokerTarget): boolean {
  return target.username !== '' && (profile.username !== target.username || profile.secrets.password !== target.password);
}
