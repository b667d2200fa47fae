import { randomUUID } from 'node:crypto';
import type { ProfileFields, ProfileInput } from '../../shared/domain/profile';
import { defaultProfileFields } from '../../shared/domain/profile';

/** A valid save request for a broker on 127.0.0.1:port, with a unique id and client id. */
export function profileFor(port: number, overrides: Partial<ProfileInput> = {}): ProfileInput {
  const fields: ProfileFields = {
    ...defaultProfileFields(),
    name: 'test',
    port,
    clientId: `test-${randomUUID().slice(0, 8)}`,
    keepalive: 30,
    // Tests that lose their broker want to see the retry soon.
    reconnect: { enabled: true, initialDelayMs: 200, maxDelayMs: 2000, jitterPercent: 20, maxAttempts: 0 },
  };
  return { ...fields, id: randomUUID(), secrets: {}, ...overrides };
}
