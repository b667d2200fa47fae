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
  const running = await startCli(args);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void running.stop('SIGKILL');
  }, timeoutMs);
  const run = await running.exited;
  clearTimeout(timer);
  return { ...run, timedOut };
}

/** A long-running CLI command (such as `broker`), its output collected as it comes. */
export interface RunningCli {
  readonly pid: number;
  output(): { stdout: string; stderr: string };
  /** Resolves once stdout holds `text`; throws with the output so far after `timeoutMs`. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs` (then `timedOut`). */
  stop(signal: NodeJS.Signals, timeoutMs?: number): Promise<CliRun>;
  /** Resolves at the exit, however it came. */
  readonly exited: Promise<CliRun>;
}

export async function startCli(args: string[]): Promise<RunningCli> {
  const cli = await cliBundle();
  // The CLI speaks the machine's language; the tests read its English.
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<CliRun>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr, timedOut })));
  const matches = (text: string | RegExp) => (typeof text === 'string' ? stdout.includes(text) : text.test(stdout));
  return {
    pid: child.pid ?? 0,
    output: () => ({ stdout, stderr }),
    exited,
    async waitForOutput(text, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!matches(text)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The CLI exited (${child.exitCode ?? child.signalCode}) before printing ${String(text)}.\nstdout: ${stdout}\nstderr: ${stderr}`);
        if (Date.now() > deadline) throw new Error(`The CLI did not print ${String(text)} within ${timeoutMs} ms.\nstdout: ${stdout}\nstderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop(signal, timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      const run = await exited;
      clearTimeout(timer);
      return { ...run, timedOut };
    },
  };
}
