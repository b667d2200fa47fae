import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/app-core';
import type { AppCore, CoreOptions, CoreStorage } from '../../electron/core/app-core';
import { AesGcmSecretBox } from '../../electron/core/profiles/aes-gcm-secret-box';

/** A fresh, empty data folder under the system's temp folder. */
export function makeTempDir(prefix = 'mqtt-lab-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Web mode's storage in `dataDir`: profiles.json and the AES key beside it. */
export function webStorage(dataDir: string): CoreStorage {
  return { dataDir, secretBox: AesGcmSecretBox.inDataDir(dataDir) };
}

/** A web-mode core on `dataDir`, as `npm start -- --web --data-dir DIR` builds it. */
export function coreOn(dataDir: string, options: Partial<CoreOptions> = {}): AppCore {
  return createCore({ mode: 'web', version: 'test', storage: webStorage(dataDir), ...options });
}

/** A web-mode core on its own temp data folder, which close() removes after the core is closed. */
export function createTempCore(options: Partial<CoreOptions> = {}): AppCore {
  const dataDir = makeTempDir();
  const core = coreOn(dataDir, options);
  return {
    ...core,
    close: async () => {
      try {
        await core.close();
      } finally {
        removeTempDir(dataDir);
      }
    },
  };
}

/**
 * Cores on data folders that outlive them, for tests of what survives an app restart: `open` a core
 * on a folder, `restart` it (close, then a new core on the same folder), and `closeAll` after each
 * test, which also removes the folders.
 */
export function coresOnDisk() {
  const dirs: string[] = [];
  const cores: AppCore[] = [];
  const open = (dir: string, options: Partial<CoreOptions> = {}): AppCore => {
    const core = coreOn(dir, options);
    cores.push(core);
    return core;
  };
  return {
    /** The cores still open, for a test that closes one itself and must say so. */
    cores,
    dataDir(): string {
      const dir = makeTempDir();
      dirs.push(dir);
      return dir;
    },
    open,
    async restart(core: AppCore, dir: string): Promise<AppCore> {
      await core.close();
      cores.splice(cores.indexOf(core), 1);
      return open(dir);
    },
    async closeAll(): Promise<void> {
      await Promise.all(cores.splice(0).map((core) => core.close()));
      dirs.splice(0).forEach(removeTempDir);
    },
  };
}
