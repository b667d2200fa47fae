import { readFileSync } from 'node:fs';
import tls from 'node:tls';

/** Where Linux distributions keep the system's trusted roots as one PEM bundle. */
const linuxBundles = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

type CaReader = (type: 'default' | 'system') => string[];

let cached: string[] | undefined;

/**
 * The system trust store plus Node's bundled roots. Node trusts only its bundled Mozilla roots by
 * default, so a company CA installed in the operating system would be refused without this; newer
 * Node (and Electron) can read the system store directly, older Node on Linux reads the bundle file.
 */
export function systemCertificates(): string[] {
  if (cached) return cached;
  const reader = (tls as unknown as { getCACertificates?: CaReader }).getCACertificates;
  if (reader) {
    cached = [...reader('default'), ...reader('system')];
    return cached;
  }
  const roots = [...tls.rootCertificates];
  for (const bundle of linuxBundles) {
    try {
      roots.push(readFileSync(bundle, 'utf8'));
      break;
    } catch {
      // Not this distribution's location; try the next.
    }
  }
  cached = roots;
  return cached;
}
