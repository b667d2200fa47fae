import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/app-error';
import { AesGcmSecretBox } from '../../electron/core/profiles/aes-gcm-secret-box';
import { SafeStorageSecretBox, noKeyringMessage } from '../../electron/core/profiles/safe-storage-secret-box';
import type { SafeStorageLike, StorageBackend } from '../../electron/core/profiles/safe-storage-secret-box';
import { SecretBoxError, SecretStorageRefused } from '../../electron/core/profiles/secret-box';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';

const posix = process.platform !== 'win32';

describe('the web-mode AES-GCM secret box', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeTempDir));
  function freshBox() {
    const dir = makeTempDir();
    dirs.push(dir);
    return { dir, box: AesGcmSecretBox.inDataDir(dir) };
  }

  it('seals with a scheme prefix and a fresh IV each time, and opens what it sealed', () => {
    const { box } = freshBox();
    const first = box.encrypt('hunter2');
    const second = box.encrypt('hunter2');
    expect(first.startsWith('aes-256-gcm:')).toBe(true);
    expect(first).not.toBe(second);
    expect(first).not.toContain('hunter2');
    expect(box.decrypt(first)).toBe('hunter2');
    expect(box.decrypt(second)).toBe('hunter2');
    expect(box.decrypt(box.encrypt(''))).toBe('');
    expect(box.decrypt(box.encrypt('pässwörd ✓'))).toBe('pässwörd ✓');
  });

  it.runIf(posix)('creates its key file with mode 0600 only when a secret is first sealed', () => {
    const { dir, box } = freshBox();
    const keyPath = join(dir, 'secret.key');
    expect(() => statSync(keyPath)).toThrow();
    box.encrypt('x');
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyPath)).toHaveLength(32);
  });

  it.runIf(posix)('tightens a key file that other users can read', () => {
    const { dir, box } = freshBox();
    const sealed = box.encrypt('x');
    const keyPath = join(dir, 'secret.key');
    chmodSync(keyPath, 0o644);
    const reopened = AesGcmSecretBox.inDataDir(dir);
    expect(reopened.decrypt(sealed)).toBe('x');
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
  });

  it('opens secrets sealed by an earlier instance on the same folder', () => {
    const { dir, box } = freshBox();
    const sealed = box.encrypt('persisted');
    expect(AesGcmSecretBox.inDataDir(dir).decrypt(sealed)).toBe('persisted');
  });

  it('refuses a tampered ciphertext with a clear reason, not garbage', () => {
    const { box } = freshBox();
    const sealed = box.encrypt('hunter2');
    const bytes = Buffer.from(sealed.slice('aes-256-gcm:'.length), 'base64');
    bytes[bytes.length - 1]! ^= 0x01;
    const tampered = `aes-256-gcm:${bytes.toString('base64')}`;
    expect(() => box.decrypt(tampered)).toThrow(SecretBoxError);
    expect(() => box.decrypt(tampered)).toThrow(/does not match the key in .*secret\.key; it is damaged or was saved with another key/);
  });

  it('cannot open a secret sealed with another key file', () => {
    const one = freshBox().box;
    const other = freshBox().box;
    other.encrypt('make the other key');
    expect(() => other.decrypt(one.encrypt('x'))).toThrow(/saved with another key/);
  });

  it('says which shell sealed a secret it cannot open', () => {
    const { box } = freshBox();
    box.encrypt('make the key');
    expect(() => box.decrypt('safe-storage:AAAA')).toThrow('it was saved by the MQTT Lab desktop app with the system keyring, which web mode cannot use');
  });

  it('reports a missing key when there is a secret to open but no key file', () => {
    const { box } = freshBox();
    expect(() => box.decrypt(`aes-256-gcm:${Buffer.alloc(40).toString('base64')}`)).toThrow(/the key file .*secret\.key is missing/);
  });

  it('never replaces a damaged key file, and says what to do', () => {
    const { dir, box } = freshBox();
    writeFileSync(join(dir, 'secret.key'), 'short', { mode: 0o600 });
    let thrown: unknown;
    try {
      box.encrypt('x');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('storage_error');
    expect((thrown as AppError).message).toMatch(/is damaged \(it must hold exactly 32 bytes\)\. Move it away/);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8')).toBe('short');
  });
});

/** A stand-in for Electron's safeStorage that "encrypts" by reversing bytes. */
function fakeSafeStorage(options: { available?: boolean; backend?: StorageBackend } = {}): SafeStorageLike & { sealed: number } {
  const fake = {
    sealed: 0,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plainText: string) => {
      fake.sealed++;
      return Buffer.from(plainText, 'utf8').reverse();
    },
    decryptString: (encrypted: Buffer) => {
      if (encrypted.length > 0 && encrypted[0] === 0xff) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted).reverse().toString('utf8');
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
  return fake;
}

describe('the desktop safeStorage secret box', () => {
  it('seals and opens through safeStorage with a keyring', () => {
    const box = new SafeStorageSecretBox(fakeSafeStorage({ backend: 'kwallet5' }), 'linux');
    const sealed = box.encrypt('hunter2');
    expect(sealed.startsWith('safe-storage:')).toBe(true);
    expect(box.decrypt(sealed)).toBe('hunter2');
  });

  it('refuses the plain-text backend on Linux with a message the user can act on', () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    const box = new SafeStorageSecretBox(storage, 'linux');
    let thrown: unknown;
    try {
      box.encrypt('hunter2');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SecretStorageRefused);
    expect(thrown).toMatchObject({ code: 'storage_error', message: noKeyringMessage });
    expect(noKeyringMessage).toBe(
      'MQTT Lab will not store passwords in plain text: no system keyring (GNOME Keyring or KWallet) is available. Start one, or save the profile without a password.',
    );
    expect(storage.sealed).toBe(0);
  });

  it('refuses when encryption is unavailable', () => {
    expect(() => new SafeStorageSecretBox(fakeSafeStorage({ available: false }), 'linux').encrypt('x')).toThrow(noKeyringMessage);
    expect(() => new SafeStorageSecretBox(fakeSafeStorage({ available: false }), 'darwin').encrypt('x')).toThrow(/secure storage is not available/);
  });

  it('asks for the backend only on Linux, where it exists', () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    expect(new SafeStorageSecretBox(storage, 'win32').encrypt('x').startsWith('safe-storage:')).toBe(true);
  });

  it('explains a secret it cannot open', () => {
    const box = new SafeStorageSecretBox(fakeSafeStorage(), 'linux');
    expect(() => box.decrypt('aes-256-gcm:AAAA')).toThrow('it was saved by MQTT Lab in web mode, whose key the desktop app does not use');
    expect(() => box.decrypt(`safe-storage:${Buffer.from([0xff, 1, 2]).toString('base64')}`)).toThrow(/system keyring could not open it/);
  });
});
