// `npm start`: opens the desktop window where Electron can run, and otherwise serves the same UI in
// web mode, saying why. `npm start -- --web` chooses web mode on purpose.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createCore } from './core/app-core';
import { brokerStartupReport } from './core/broker/startup-report';
import { AesGcmSecretBox } from './core/profiles/aes-gcm-secret-box';
import { locateElectron, parseLaunchArgs, resolveDataDir } from './launch-args';
import { recordingsFolder } from './core/recording/recording-files';
import { installProcessGuard } from './process-guard';
import { startWebServer } from './web/web-server';
import { windowReadyMarker } from './window-options';
import { localeFromEnv, translator } from '../shared/i18n';

const appRoot = join(__dirname, '..', '..');
const version = (require(join(appRoot, 'package.json')) as { version: string }).version;
/** What npm start prints follows LANG / LC_ALL, like the CLI. */
const t = translator(localeFromEnv(process.env));

async function startWebMode(port: number, dataDir: string): Promise<void> {
  installProcessGuard({ name: 'web mode', policy: 'survive' });
  const core = createCore({ mode: 'web', version, storage: { dataDir, secretBox: AesGcmSecretBox.inDataDir(dataDir) } });
  let server;
  try {
    server = await startWebServer({ core, rendererDir: join(__dirname, '..', 'renderer'), port, uploadDir: join(recordingsFolder(dataDir), 'opened') });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'EADDRINUSE' ? t('launch.web.portInUse', { port }) : String(error);
    console.error(t('launch.web.failed', { reason }));
    process.exit(1);
  }
  console.log(t('launch.web.running', { version }));
  console.log(t('launch.web.open', { url: server.url }));
  console.log(t('launch.web.dataDir', { dir: dataDir }));
  console.log(t('launch.web.localOnly'));
  for (const line of await brokerStartupReport(core.broker, t)) console.log(line);
  const stop = () => {
    void Promise.all([server.close(), core.close()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

interface Launch {
  port: number;
  dataDir: string;
  /** Set when the user chose the folder; otherwise the desktop app uses its own userData folder. */
  dataDirGiven: boolean;
}

function startDesktop(executable: string, launch: Launch): void {
  const args = launch.dataDirGiven ? [appRoot, `--data-dir=${launch.dataDir}`] : [appRoot];
  const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let ready = false;
  let lastError = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    if (!ready && text.includes(windowReadyMarker)) ready = true;
    process.stdout.write(text.replace(`${windowReadyMarker}\n`, ''));
  });
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    lastError = text.trim().split('\n').pop() ?? lastError;
    process.stderr.write(text);
  });
  child.on('error', (error) => fallBack(t('launch.desktop.notStarted', { detail: error.message }), launch));
  child.on('exit', (code, signal) => {
    if (ready) process.exit(code ?? 0);
    const how = signal ?? t('launch.desktop.exitCode', { code: String(code) });
    fallBack(lastError ? t('launch.desktop.exitedWith', { how, detail: lastError }) : t('launch.desktop.exited', { how }), launch);
  });
}

let fellBack = false;
function fallBack(reason: string, launch: Launch): void {
  if (fellBack) return;
  fellBack = true;
  console.log(t('launch.desktop.couldNotOpen', { reason }));
  console.log(t('launch.desktop.fallingBack'));
  void startWebMode(launch.port, launch.dataDir);
}

function main(): void {
  let args;
  try {
    args = parseLaunchArgs(process.argv.slice(2), t);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (args.help) {
    console.log(t('launch.usage'));
    return;
  }
  const launch: Launch = {
    port: args.port,
    dataDir: resolveDataDir(args.dataDir, { platform: process.platform, env: process.env }),
    dataDirGiven: args.dataDir !== undefined,
  };
  if (args.web) {
    void startWebMode(launch.port, launch.dataDir);
    return;
  }
  const electron = locateElectron(() => require('electron'), {
    platform: process.platform,
    display: process.env.DISPLAY,
    waylandDisplay: process.env.WAYLAND_DISPLAY,
    nodeVersion: process.version,
  });
  if (!electron.ok) fallBack(electron.reason, launch);
  else startDesktop(electron.executable, launch);
}

main();
