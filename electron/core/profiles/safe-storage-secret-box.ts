import type { SecretBox } from './secret-box';
import { SecretBoxError, SecretStorageRefused, describeForeignSecret, sealedSchemes } from './secret-box';

export type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** The part of Electron's `safeStorage` this box needs, so tests can pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): StorageBackend;
}

export const noKeyringMessage =
  'MQTT Lab will not store passwords in plain text: no system keyring (GNOME Keyring or KWallet) is available. ' +
  'Start one, or save the profile without a password.';

export const noSecureStorageMessage =
  "MQTT Lab will not store passwords in plain text: the system's secure storage is not available. " +
  'Save the profile without a password.';

/**
 * The desktop app's box: Electron's safeStorage, backed by the macOS Keychain, Windows DPAPI or a
 * Linux keyring. On Linux without a keyring Electron falls back to a key hard-coded in Chromium
 * ("basic_text"), which is plain text in all but name, so this box refuses to seal rather than use it.
 */
export class SafeStorageSecretBox implements SecretBox {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  encrypt(plain: string): string {
    const refusal = this.refusal();
    if (refusal) throw new SecretStorageRefused(refusal);
    return sealedSchemes.safeStorage + this.safeStorage.encryptString(plain).toString('base64');
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith(sealedSchemes.safeStorage)) throw new SecretBoxError(describeForeignSecret(sealed));
    if (!this.safeStorage.isEncryptionAvailable()) throw new SecretBoxError("the system's secure storage is not available");
    try {
      return this.safeStorage.decryptString(Buffer.from(sealed.slice(sealedSchemes.safeStorage.length), 'base64'));
    } catch {
      throw new SecretBoxError('the system keyring could not open it; it was saved by another user or computer, or the keyring was reset');
    }
  }

  private refusal(): string | undefined {
    const linux = this.platform === 'linux';
    if (!this.safeStorage.isEncryptionAvailable()) return linux ? noKeyringMessage : noSecureStorageMessage;
    if (linux && this.safeStorage.getSelectedStorageBackend?.() === 'basic_text') return noKeyringMessage;
    return undefined;
  }
}
