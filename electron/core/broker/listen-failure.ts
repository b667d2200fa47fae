import { createServer } from 'node:net';
import { AppError } from '../app-error';
import { msg, type Message } from '../../../shared/i18n';
import { errorCode } from '../storage/atomic-file';
import { allInterfaces, localAddresses, loopback } from './network-addresses';

export type ListenerKind = 'mqtt' | 'ws' | 'mqtts';

export const listenerLabels: Record<ListenerKind, string> = { mqtt: 'MQTT', ws: 'WebSocket', mqtts: 'TLS' };

/** A "wrong address" message, ending with the addresses to choose from (the list of this machine's when it has others). */
function wrongAddress(problem: 'notIp' | 'noAddress', bindAddress: string): Message {
  const others = localAddresses().filter((address) => address !== loopback && address !== allInterfaces);
  const params = { address: bindAddress, loopback, all: allInterfaces };
  if (others.length === 0) return msg(problem === 'notIp' ? 'broker.error.notIp' : 'broker.error.noAddress', params);
  return msg(problem === 'notIp' ? 'broker.error.notIpList' : 'broker.error.noAddressList', { ...params, addresses: others.join(', ') });
}

/** A bind address that is not an IP address at all is refused before anything starts. */
export function unusableBindAddress(bindAddress: string): AppError {
  return new AppError('broker_error', wrongAddress('notIp', bindAddress));
}

/**
 * What went wrong when a listener could not start, in words that say what to do. `freePort` is
 * asked only for EADDRINUSE, for a port to suggest instead.
 */
export async function describeListenFailure(
  error: unknown,
  kind: ListenerKind,
  bindAddress: string,
  port: number,
  freePort: () => Promise<number | undefined>,
): Promise<AppError> {
  const label = listenerLabels[kind];
  const code = errorCode(error);
  switch (code) {
    case 'EADDRINUSE': {
      const free = await freePort();
      const params = { port: String(port), label, address: bindAddress };
      return new AppError('broker_error', free === undefined ? msg('broker.error.portInUse', params) : msg('broker.error.portInUseFree', { ...params, free: String(free) }));
    }
    case 'EACCES':
      return new AppError(
        'broker_error',
        port < 1024
          ? msg('broker.error.privileged', { port: String(port), label, suggested: kind === 'mqtt' ? '1883' : kind === 'ws' ? '8083' : '8883' })
          : msg('broker.error.accessDenied', { port: String(port), label, address: bindAddress }),
      );
    case 'EADDRNOTAVAIL':
      return new AppError('broker_error', wrongAddress('noAddress', bindAddress));
    default:
      return new AppError('broker_error', msg('broker.error.listenFailed', { label, address: bindAddress, port: String(port), code: String(code) }));
  }
}

/** A port near `port` that is free on `host` right now, skipping `taken`; else one the OS picks. */
export async function findFreePort(host: string, port: number, taken: readonly number[]): Promise<number | undefined> {
  for (let candidate = port + 1; candidate <= Math.min(port + 20, 65535); candidate++) {
    if (!taken.includes(candidate) && (await canListen(host, candidate)) !== undefined) return candidate;
  }
  return canListen(host, 0);
}

/** Listens and closes at once; the port it got, or undefined when it could not. */
function canListen(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(undefined));
    probe.listen(port, host, () => {
      const address = probe.address();
      const bound = address && typeof address === 'object' ? address.port : undefined;
      probe.close(() => resolve(bound));
    });
  });
}
