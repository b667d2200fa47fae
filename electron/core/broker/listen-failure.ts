import { createServer } from 'node:net';
import { AppError } from '../app-error';
import { errorCode } from '../storage/atomic-file';
import { allInterfaces, localAddresses, loopback } from './network-addresses';

export type ListenerKind = 'mqtt' | 'ws' | 'mqtts';

export const listenerLabels: Record<ListenerKind, string> = { mqtt: 'MQTT', ws: 'WebSocket', mqtts: 'TLS' };

/** The sentence that ends every "wrong address" message. */
function addressChoices(): string {
  const others = localAddresses().filter((address) => address !== loopback && address !== allInterfaces);
  const list = others.length > 0 ? ` This machine's addresses are ${others.join(', ')}.` : '';
  return `${list} Choose ${loopback} (this machine only), ${allInterfaces} (all interfaces) or one of this machine's addresses.`;
}

/** A bind address that is not an IP address at all is refused before anything starts. */
export function unusableBindAddress(bindAddress: string): AppError {
  return new AppError('broker_error', `${bindAddress} is not an IP address, so the broker cannot listen on it.${addressChoices()}`);
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
      const suggestion = free === undefined ? '' : ` Port ${free} is free: choose it in the broker settings, or stop the other program.`;
      return new AppError('broker_error', `Port ${port} (${label}) is already in use on ${bindAddress}: another program, perhaps another MQTT broker, is listening there.${suggestion}`);
    }
    case 'EACCES':
      return new AppError(
        'broker_error',
        port < 1024
          ? `Port ${port} (${label}) is below 1024, and on this system only a privileged user may listen on such ports. Choose a port of 1024 or above, such as ${kind === 'mqtt' ? 1883 : kind === 'ws' ? 8083 : 8883}.`
          : `MQTT Lab is not allowed to listen on port ${port} (${label}) on ${bindAddress} (EACCES). Choose another port.`,
      );
    case 'EADDRNOTAVAIL':
      return new AppError('broker_error', `This machine has no address ${bindAddress}, so the broker cannot listen on it.${addressChoices()}`);
    default:
      return new AppError('broker_error', `The ${label} listener could not start on ${bindAddress}:${port} (${code}).`);
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
