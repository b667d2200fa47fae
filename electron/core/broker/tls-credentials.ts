import { createSecureContext } from 'node:tls';
import type { PemFile } from '../../../shared/domain/profile';
import { AppError } from '../app-error';
import { msg, type Message } from '../../../shared/i18n';

export interface TlsCredentials {
  cert: string;
  key: string;
}

/**
 * Checks the TLS listener's certificate and key before anything listens, one at a time, so the
 * message says which file is wrong and how: OpenSSL's own words ("key values mismatch") are kept in
 * brackets for the user who searches for them.
 */
export function checkTlsCredentials(cert: PemFile | null, keyName: string, key: string): TlsCredentials {
  if (!cert) throw brokerError(msg('broker.tls.noCert'));
  if (key === '') throw brokerError(msg('broker.tls.noKey'));
  // The key's file name when it has one; the sentences say "The TLS key" or "The TLS key NAME".
  const named = { named: keyName === '' ? 'no' : 'yes', keyName };
  try {
    createSecureContext({ cert: cert.pem });
  } catch (error) {
    throw brokerError(msg('broker.tls.badCert', { certName: cert.name, reason: opensslReason(error) }));
  }
  try {
    createSecureContext({ key });
  } catch (error) {
    if (/ENCRYPTED/.test(key)) {
      throw brokerError(msg('broker.tls.keyEncrypted', named));
    }
    throw brokerError(msg('broker.tls.badKey', { ...named, reason: opensslReason(error) }));
  }
  try {
    createSecureContext({ cert: cert.pem, key });
  } catch (error) {
    throw brokerError(msg('broker.tls.mismatch', { ...named, certName: cert.name, reason: opensslReason(error) }));
  }
  return { cert: cert.pem, key };
}

/** "error:05800074:x509 certificate routines::key values mismatch" → "key values mismatch". */
function opensslReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('::').pop() ?? message;
}

function brokerError(message: Message): AppError {
  return new AppError('broker_error', message);
}
