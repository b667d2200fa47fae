import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { stopProcess } from './mosquitto';
import { makeTempDir, removeTempDir } from './temp-core';

const launcher = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'launch.cjs');

export interface RunningApp {
  url: string;
  origin: string;
  token: string;
  /** The folder of its profiles: pass it to startWebApp again to restart on the same data. */
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built app in web mode exactly as a user would, and reads the URL it prints. Without
 * `dataDir` it gets a fresh temp folder, removed when it stops; a given folder is left in place.
 * `env` is the launcher's environment (its LANG decides the language of what it prints).
 */
export async function startWebApp(dataDir?: string, env: NodeJS.ProcessEnv = process.env): Promise<RunningApp> {
  const folder = dataDir ?? makeTempDir();
  const cleanUp = () => {
    if (dataDir === undefined) removeTempDir(folder);
  };
  const child = spawn(process.execPath, [launcher, '--web', '--port', '0', '--data-dir', folder], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The app printed no URL within 15 s:\n${output}`)), 15_000);
    const check = () => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`The app exited with ${code}:\n${output}`)));
  }).catch(async (error: unknown) => {
    await stopProcess(child);
    cleanUp();
    throw error;
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    dataDir: folder,
    output: () => output,
    stop: async () => {
      await stopProcess(child);
      cleanUp();
    },
  };
}
