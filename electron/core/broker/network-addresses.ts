import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

export const loopback = '127.0.0.1';
export const allInterfaces = '0.0.0.0';

/** This machine's IPv4 addresses that other devices can reach (not loopback). */
export function externalIpv4Addresses(): string[] {
  return addresses((entry) => entry.family === 'IPv4' && !entry.internal);
}

/** Every address of this machine, loopback included: what a listener may be bound to. */
export function localAddresses(): string[] {
  return addresses(() => true);
}

function addresses(keep: (entry: { family: string; internal: boolean }) => boolean): string[] {
  const found = Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).filter(keep).map((entry) => entry.address));
  return [...new Set(found)];
}

/** An address as it goes in a URL: IPv6 in brackets. */
export function urlHost(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}

/** host:port of a remote client, without the ::ffff: an IPv4 client gets on a dual-stack socket. */
export function remoteLabel(address: string | undefined, port: number | undefined): string {
  if (!address) return 'unknown address';
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return port === undefined ? plain : `${urlHost(plain)}:${port}`;
}
