import { AppError } from '../app-error';

/**
 * Seals the secrets of a profile (password, key passphrase, client private key) before they reach
 * the profile file. A sealed string starts with its scheme, such as `aes-256-gcm:`, so a file moved
 * between the desktop app and web mode says which box sealed each secret.
 */
export interface SecretBox {
  /** Throws an AppError (storage_error) when this box will not or cannot seal a secret. */
  encrypt(plain: string): string;
  /** Throws a SecretBoxError whose message says, in plain words, why the secret is lost. */
  decrypt(sealed: string): string;
}

/** A secret that cannot be opened; the message completes "… could not be decrypted: ". */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/**
 * The box refuses to seal at all, such as Electron on Linux without a keyring. Imports catch it and
 * bring the profiles in without their secrets rather than not at all.
 */
export class SecretStorageRefused extends AppError {
  constructor(message: string) {
    super('storage_error', message);
  }
}

export const sealedSchemes = { aesGcm: 'aes-256-gcm:', safeStorage: 'safe-storage:' } as const;

/** Why a box cannot open a secret sealed by another box: the two never share a key. */
export function describeForeignSecret(sealed: string): string {
  if (sealed.startsWith(sealedSchemes.aesGcm)) {
    return 'it was saved by MQTT Lab in web mode, whose key the desktop app does not use';
  }
  if (sealed.startsWith(sealedSchemes.safeStorage)) {
    return 'it was saved by the MQTT Lab desktop app with the system keyring, which web mode cannot use';
  }
  return 'the stored value is not in a form MQTT Lab knows';
}
