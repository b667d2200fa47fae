import { readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { brokerSettings, call } from '../helpers/broker-core';
import { freePort } from '../helpers/free-port';
import { startWebApp } from '../helpers/start-app';
import type { RunningApp } from '../helpers/start-app';
import { coreOn, makeTempDir, removeTempDir } from '../helpers/temp-core';
import { expect, test } from './fixtures';

/** A data folder whose broker.json says to start the broker with the app on `tcpPort`. */
async function dataDirStartingBrokerOn(tcpPort: number): Promise<string> {
  const dataDir = makeTempDir();
  const core = coreOn(dataDir);
  try {
    await call(core, 'broker.saveSettings', { settings: await brokerSettings({ autoStart: true, tcpPort, bindAddress: '127.0.0.1' }) });
  } finally {
    await core.close();
  }
  return dataDir;
}

async function withApp(dataDir: string, check: (app: RunningApp) => Promise<void>): Promise<void> {
  const app = await startWebApp(dataDir);
  try {
    await check(app);
  } finally {
    await app.stop();
    removeTempDir(dataDir);
  }
}

test.describe('web mode says on the console what became of the built-in broker', () => {
  test('where it listens, when it starts with the app', async () => {
    const port = await freePort();
    await withApp(await dataDirStartingBrokerOn(port), async (app) => {
      await expect.poll(app.output).toContain(`The built-in broker started with the app and listens on mqtt://127.0.0.1:${port}`);
    });
  });

  test('that its port is taken, when it cannot start', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      await withApp(await dataDirStartingBrokerOn(port), async (app) => {
        await expect.poll(app.output).toMatch(new RegExp(`The built-in broker is set to start with the app but did not start: Port ${port} \\(.*\\) is already in use`));
      });
    } finally {
      blocker.close();
    }
  });

  test('that an unreadable broker.json was moved aside, and where', async () => {
    const dataDir = makeTempDir();
    writeFileSync(join(dataDir, 'broker.json'), '{"format": "mqtt-lab.broker", "vers');
    await withApp(dataDir, async (app) => {
      await expect.poll(app.output).toMatch(/Built-in broker: The broker settings could not be loaded: .*broker\.json is damaged .*The file was kept as .*broker\.json\.unreadable-/);
      expect(readdirSync(dataDir).some((name) => name.startsWith('broker.json.unreadable-'))).toBe(true);
    });
  });
});
