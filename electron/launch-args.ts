import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { english, translator, type Translator } from '../shared/i18n';

export interface LaunchArgs {
  /** Serve the UI in a browser instead of opening a desktop window. */
  web: boolean;
  /** Web mode port; 0 lets the system pick a free one. */
  port: number;
  /** The folder for profiles and the key that encrypts their secrets, as given; absent: the default. */
  dataDir?: string;
  help: boolean;
}

/** The --help text in English; `npm start` prints it in the user's language (launch.usage in the catalogue). */
export const launchUsage = english('launch.usage');

/** Throws with the problem worded by `t` (English unless the launcher passes the user's language). */
export function parseLaunchArgs(argv: readonly string[], t: Translator = translator('en')): LaunchArgs {
  const args: LaunchArgs = { web: false, port: 0, help: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--web') args.web = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--port' || arg?.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++index] : arg.slice('--port='.length);
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(t('launch.args.port', { value: value ?? '' }));
      }
      args.port = port;
    } else if (arg === '--data-dir' || arg?.startsWith('--data-dir=')) {
      const value = arg === '--data-dir' ? argv[++index] : arg.slice('--data-dir='.length);
      if (value === undefined || value.trim() === '' || (arg === '--data-dir' && value.startsWith('--'))) {
        throw new Error(t('launch.args.dataDir'));
      }
      args.dataDir = value;
    } else {
      throw new Error(`${t('launch.args.unknown', { option: arg ?? '' })}\n\n${t('launch.usage')}`);
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
