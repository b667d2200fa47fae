import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface LaunchArgs {
  /** Serve the UI in a browser instead of opening a desktop window. */
  web: boolean;
  /** Web mode port; 0 lets the system pick a free one. */
  port: number;
  /** The folder for profiles and the key that encrypts their secrets, as given; absent: the default. */
  dataDir?: string;
  help: boolean;
}

export const launchUsage = `Usage: npm start -- [--web] [--port N] [--data-dir DIR]

  --web           serve the UI on http://127.0.0.1 instead of opening a desktop window
  --port N        web mode port (default: a free port chosen at start)
  --data-dir DIR  keep connection profiles in DIR (default: $XDG_CONFIG_HOME/mqtt-lab or ~/.config/mqtt-lab
                  on Linux; the desktop app's own data folder elsewhere)
  --help          show this help`;

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const args: LaunchArgs = { web: false, port: 0, help: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--web') args.web = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--port' || arg?.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++index] : arg.slice('--port='.length);
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port needs a whole number from 0 to 65535, not "${value ?? ''}".`);
      }
      args.port = port;
    } else if (arg === '--data-dir' || arg?.startsWith('--data-dir=')) {
      const value = arg === '--data-dir' ? argv[++index] : arg.slice('--data-dir='.length);
      if (value === undefined || value.trim() === '' || (arg === '--data-dir' && value.startsWith('--'))) {
        throw new Error(`--data-dir needs a folder, such as --data-dir ~/mqtt-lab-data.`);
      }
      args.dataDir = value;
    } else {
      throw new Error(`Unknown option "${arg}".\n\n${launchUsage}`);
    }
  }
  return args;
}

/**
 * Where web mode keeps its data when no --data-dir is given: the folder Electron would use as
 * userData for an app named mqtt-lab, so web mode and the desktop app see the same profiles.
 */
export function defaultDataDir(environment: { platform: string; env: Record<string, string | undefined>; home?: string }): string {
  const home = environment.home ?? homedir();
  const { env } = environment;
  if (environment.platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'mqtt-lab');
  if (environment.platform === 'darwin') return join(home, 'Library', 'Application Support', 'mqtt-lab');
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'mqtt-lab');
}

/** The data folder as an absolute path: --data-dir resolved against the working folder, or the default. */
export function resolveDataDir(dataDir: string | undefined, environment: { platform: string; env: Record<string, string | undefined>; home?: string; cwd?: string }): string {
  if (dataDir === undefined) return defaultDataDir(environment);
  const home = environment.home ?? homedir();
  // A quoted "~/x" reaches us unexpanded by the shell.
  const expanded = dataDir === '~' ? home : dataDir.startsWith('~/') ? join(home, dataDir.slice(2)) : dataDir;
  return resolve(environment.cwd ?? process.cwd(), expanded);
}

/** The desktop app receives the folder from the launcher as --data-dir=DIR among Chromium's own switches. */
export function dataDirFromElectronArgv(argv: readonly string[]): string | undefined {
  const arg = argv.find((item) => item.startsWith('--data-dir='));
  const value = arg?.slice('--data-dir='.length);
  return value ? value : undefined;
}

export type ElectronAvailability = { ok: true; executable: string } | { ok: false; reason: string };

/**
 * Finds the Electron binary, or says in plain words why the desktop window cannot open.
 * `requireElectron` is `require('electron')`, which in Node returns the binary's path.
 */
export function locateElectron(
  requireElectron: () => unknown,
  environment: { platform: string; display?: string; waylandDisplay?: string; nodeVersion: string },
): ElectronAvailability {
  let executable: unknown;
  try {
    executable = requireElectron();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/Cannot find module/.test(message)) {
      return {
        ok: false,
        reason:
          `the optional "electron" package is not installed. npm skips it when its binary cannot be downloaded ` +
          `or when Node is older than 22.12 (this is Node ${environment.nodeVersion}).`,
      };
    }
    return { ok: false, reason: `Electron is installed but unusable: ${message.split('\n')[0]}` };
  }
  if (typeof executable !== 'string') return { ok: false, reason: 'the "electron" package did not report a binary path.' };
  if (environment.platform === 'linux' && !environment.display && !environment.waylandDisplay) {
    return { ok: false, reason: 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set).' };
  }
  return { ok: true, executable };
}
