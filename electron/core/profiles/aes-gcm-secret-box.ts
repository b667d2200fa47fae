import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fstatSync, fsyncSync, linkSync, mkdirSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n';
import { temporaryPathFor } from '../storage/atomic-file';
import type { SecretBox } from './secret-box';
import { SecretBoxError, describeForeignSecret, sealedSchemes } from './secret-box';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const secretKeyFileName = 'secret.key';

/**
 * Web mode's box: AES-256-GCM with a random key in a file only the user can read. It keeps the
 * secrets out of a profile file that gets copied, synced or shown on screen; it cannot protect them
 * from someone who can read the user's files, which is why the desktop app uses the system keyring.
 */
export class AesGcmSecretBox implements SecretBox {
  private key: Buffer | undefined;

  constructor(readonly keyPath: string) {}

  static inDataDir(dataDir: string): AesGcmSecretBox {
    return new AesGcmSecretBox(join(dataDir, secretKeyFileName));
  }

  encrypt(plain: string): string {
    let key: Buffer;
    try {
      key = this.loadKey(true);
    } catch (error) {
      throw new AppError('storage_error', msg('connections.profiles.keyPrepFailed', { detail: (error as Error).message }));
    }
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return sealedSchemes.aesGcm + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith(sealedSchemes.aesGcm)) throw new SecretBoxError(describeForeignSecret(sealed));
    const bytes = Buffer.from(sealed.slice(sealedSchemes.aesGcm.length), 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('the stored value is damaged (it is too short)');
    let key: Buffer;
    try {
      key = this.loadKey(false);
    } catch (error) {
      throw new SecretBoxError((error as Error).message);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      // GCM's tag check failed: a changed byte, or a value sealed with a different key file.
      throw new SecretBoxError(`the stored value does not match the key in ${this.keyPath}; it is damaged or was saved with another key`);
    }
  }

  private loadKey(create: boolean): Buffer {
    if (this.key) return this.key;
    let descriptor: number;
    try {
      descriptor = openSync(this.keyPath, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`the key file ${this.keyPath} cannot be read (${codeOf(error)})`);
      if (!create) throw new Error(`the key file ${this.keyPath} is missing`);
      try {
        this.createKeyFile();
      } catch (creation) {
        throw new Error(`the key file ${this.keyPath} could not be created (${codeOf(creation)})`);
      }
      return this.loadKey(false);
    }
    try {
      this.restrictToOwner(descriptor);
      const key = Buffer.alloc(KEY_BYTES + 1);
      const length = readSync(descriptor, key, 0, key.length, 0);
      if (length !== KEY_BYTES) {
        throw new Error(
          `the key file ${this.keyPath} is damaged (it must hold exactly ${KEY_BYTES} bytes). ` +
            'Move it away to let MQTT Lab start a new key; saved passwords will then have to be entered again',
        );
      }
      this.key = key.subarray(0, KEY_BYTES);
      return this.key;
    } finally {
      closeSync(descriptor);
    }
  }

  /** Another user who can read the key can read every password, so a looser mode is tightened. */
  private restrictToOwner(descriptor: number): void {
    if (process.platform === 'win32') return;
    const { mode } = fstatSync(descriptor);
    if ((mode & 0o077) === 0) return;
    try {
      fchmodSync(descriptor, 0o600);
    } catch (error) {
      throw new Error(`the key file ${this.keyPath} can be read by other users and could not be restricted (${codeOf(error)}); run: chmod 600 "${this.keyPath}"`);
    }
  }

  /**
   * Written whole to a temporary file, then linked into place: a crash cannot leave a short key,
   * and link (unlike rename) never replaces a key another instance created in the meantime.
   */
  private createKeyFile(): void {
    const folder = dirname(this.keyPath);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temporary = temporaryPathFor(this.keyPath);
    const descriptor = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(descriptor, randomBytes(KEY_BYTES));
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    try {
      linkSync(temporary, this.keyPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
}

function codeOf(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ?? message;
}
