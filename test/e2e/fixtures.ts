import { test as base } from '@playwright/test';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { startWebApp } from '../helpers/start-app';
import type { RunningApp } from '../helpers/start-app';

/** Each test gets a fresh app in web mode; the broker is shared by the worker and always stopped. */
export const test = base.extend<{ app: RunningApp }, { broker: Broker }>({
  broker: [
    async ({}, use) => {
      const broker = await startMosquitto();
      await use(broker);
      await broker.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({}, use, testInfo) => {
    const app = await startWebApp();
    await use(app);
    await app.stop();
    // The app's own log explains most failures; keep it with the test's results.
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('app-output.txt', { body: app.output(), contentType: 'text/plain' });
  },
});

export { expect } from '@playwright/test';
