import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', '..');
/** Two folders down, as dist/electron is: the CLI reads ../../package.json, and finds node_modules from there. */
const bundleDir = join(root, 'dist', 'test-cli');
let built: Promise<string> | undefined;

/**
 * The CLI bundled as `npm run build` bundles it, for integration tests, which run before the build.
 * Built once per test file, under a name of its own: test files run in parallel workers.
 */
export function cliBundle(): Promise<string> {
  const name = `cli-${process.pid}`;
  built ??= build({
    entryPoints: { [name]: join(root, 'electron', 'cli', 'cli.ts') },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outdir: bundleDir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'warning',
  }).then(() => join(bundleDir, `${name}.cjs`));
  return built;
}

/** Removes this worker's bundle; for afterAll. */
export async function removeCliBundle(): Promise<void> {
  if (!built) return;
  const file = await built.catch(() => undefined);
  built = undefined;
  if (file) {
    rmSync(file, { force: true });
    rmSync(`${file}.map`, { force: true });
  }
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the run was killed for taking longer than allowed. */
  timedOut: boolean;
}

/** Runs the bundled CLI, killing it after `timeoutMs`. */
export async function runCli(args: string[], timeoutMs: number): Promise<CliRun> {
  const cli = await cliBundle();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
