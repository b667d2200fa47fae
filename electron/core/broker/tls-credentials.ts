import { createSecureContext } from 'node:tls';
import type { PemFile } from '../../../shared/domain/profile';
import { AppError } from '../app-error';

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
  if (!cert) throw brokerError('The TLS listener needs a server certificate: choose its PEM file in the broker settings.');
  if (key === '') throw brokerError('The TLS listener needs the private key of its certificate: choose the key file in the broker settings.');
  const keyLabel = keyName === '' ? 'The TLS key' : `The TLS key ${keyName}`;
  try {
    createSecureContext({ cert: cert.pem });
  } catch (error) {
    throw brokerError(`The TLS certificate ${cert.name} could not be read: it is not a valid PEM certificate (${opensslReason(error)}). Choose the server certificate file (.crt or .pem).`);
  }
  try {
    createSecureContext({ key });
  } catch (error) {
    if (/ENCRYPTED/.test(key)) {
      throw brokerError(`${keyLabel} is protected by a passphrase, which the built-in broker cannot use. Save it without one (openssl pkey -in KEY -out KEY-plain.pem) and choose that file.`);
    }
    throw brokerError(`${keyLabel} could not be read: it is not a valid PEM private key (${opensslReason(error)}). Choose the key file made with the certificate.`);
  }
  try {
    createSecureContext({ cert: cert.pem, key });
  } catch (error) {
    throw brokerError(`${keyLabel} does not belong to the certificate ${cert.name} (${opensslReason(error)}). Choose the key that was made with this certificate.`);
  }
  return { cert: cert.pem, key };
}

/** "error:05800074:x509 certificate routines::key values mismatch" → "key values mismatch". */
function opensslReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('::').pop() ?? message;
}

function brokerError(message: string): AppError {
  return new AppError('broker_error', message);
}
