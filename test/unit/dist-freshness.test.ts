import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleReason } from '../../build/dist-freshness.mjs';

const outputs = ['dist/electron/launch.cjs', 'dist/electron/main.cjs', 'dist/electron/cli.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];
const sources = ['electron/launch.ts', 'renderer/features/App.tsx', 'shared/contract.ts', 'package.json'];

describe('npm start builds only when dist/ is older than the sources', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A project whose sources were written at `sourceTime` and whose build at `outputTime` (seconds). */
  function project(sourceTime: number, outputTime: number, skip: string[] = []): string {
    root = mkdtempSync(join(tmpdir(), 'mqtt-lab-freshness-'));
    for (const [files, time] of [[sources, sourceTime], [outputs, outputTime]] as const) {
      for (const file of files) {
        if (skip.includes(file)) continue;
        const path = join(root, file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, '');
        utimesSync(path, time, time);
      }
    }
    return root;
  }

  it('starts at once when every output is newer than every source', () => {
    expect(staleReason(project(1_000, 2_000))).toBeUndefined();
  });

  it('builds when a source changed after the build, naming it', () => {
    const at = project(1_000, 2_000);
    utimesSync(join(at, 'shared/contract.ts'), 3_000, 3_000);
    expect(staleReason(at)).toBe(`${join('shared', 'contract.ts')} changed since the last build`);
  });

  it('builds when an output is missing, naming it', () => {
    expect(staleReason(project(1_000, 2_000, ['dist/renderer/index.html']))).toBe('dist/renderer/index.html is missing');
  });

  it('ignores node_modules and hidden folders inside the sources', () => {
    const at = project(1_000, 2_000);
    for (const ignored of ['renderer/node_modules/x.js', 'electron/.cache/y']) {
      mkdirSync(dirname(join(at, ignored)), { recursive: true });
      writeFileSync(join(at, ignored), '');
      utimesSync(join(at, ignored), 3_000, 3_000);
    }
    expect(staleReason(at)).toBeUndefined();
  });
});
