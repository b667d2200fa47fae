/** What `npm start` prints: web mode's address, the fallback from the desktop window, the options. */
export const launch = {
  'launch.web.failed': 'MQTT Lab could not start web mode: {reason}',
  'launch.web.portInUse': 'port {port} is already in use on 127.0.0.1; choose another with --port N',
  'launch.web.running': 'MQTT Lab {version} is running in web mode.',
  'launch.web.open': 'Open {url}',
  'launch.web.dataDir': 'Connection profiles are kept in {dir}',
  'launch.web.localOnly': 'Only this machine can connect (127.0.0.1), and only with the token in that URL. Press Ctrl+C to stop.',
  'launch.desktop.notStarted': 'Electron could not be started: {detail}',
  'launch.desktop.exited': 'Electron exited ({how}) before its window opened.',
  'launch.desktop.exitedWith': 'Electron exited ({how}) before its window opened: {detail}',
  'launch.desktop.exitCode': 'code {code}',
  'launch.desktop.couldNotOpen': 'The desktop window could not open: {reason}',
  'launch.desktop.fallingBack': 'Starting web mode instead.',
  'launch.args.unknown': 'Unknown option "{option}".',
  'launch.args.port': '--port needs a whole number from 0 to 65535, not "{value}".',
  'launch.args.dataDir': '--data-dir needs a folder, such as --data-dir ~/mqtt-lab-data.',
  'launch.usage':
    'Usage: npm start -- [--web] [--port N] [--data-dir DIR]\n\n  --web           serve the UI on http://127.0.0.1 instead of opening a desktop window\n  --port N        web mode port (default: a free port chosen at start)\n  --data-dir DIR  keep connection profiles in DIR (default: $XDG_CONFIG_HOME/mqtt-lab or ~/.config/mqtt-lab\n                  on Linux; the desktop app\'s own data folder elsewhere)\n  --help          show this help',
} satisfies Record<string, string>;
