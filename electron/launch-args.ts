export interface LaunchArgs {
  /** Serve the UI in a browser instead of opening a desktop window. */
  web: boolean;
  /** Web mode port; 0 lets the system pick a free one. */
  port: number;
  help: boolean;
}

export const launchUsage = `Usage: npm start -- [--web] [--port N]

  --web       serve the UI on http://127.0.0.1 instead of opening a desktop window
  --port N    web mode port (default: a free port chosen at start)
  --help      show this help`;

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
    } else {
      throw new Error(`Unknown option "${arg}".\n\n${launchUsage}`);
    }
  }
  return args;
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
