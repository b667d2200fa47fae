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
