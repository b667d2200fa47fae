import { randomUUID } from 'node:crypto';
import type { ProfileInput } from '../../shared/domain/connection';

export function profileFor(port: number, overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    id: randomUUID(),
    name: 'test',
    transport: 'mqtt',
    host: '127.0.0.1',
    port,
    path: '/mqtt',
    protocolVersion: 5,
    clientId: `test-${randomUUID().slice(0, 8)}`,
    username: '',
    clean: true,
    keepalive: 30,
    ...overrides,
  };
}
