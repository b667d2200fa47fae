import { makeCertificates } from '../helpers/certs';
import type { TestCertificates } from '../helpers/certs';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { expect, test } from './fixtures';

let certs: TestCertificates;
let broker: Broker<'mutual'>;

test.beforeAll(async () => {
  certs = makeCertificates();
  broker = await startMosquitto({
    tls: { mutual: { certfile: certs.server.cert.path, keyfile: certs.server.key.path, cafile: certs.ca.path, requireCertificate: true } },
  });
});

test.afterAll(async () => {
  await broker.stop();
  certs.remove();
});

test('connects over mqtts with a CA, a client certificate and an encrypted key chosen in the form', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Mutual TLS');
  await page.getByLabel('Transport').selectOption('mqtts');
  await page.getByLabel('Port', { exact: true }).fill(String(broker.tlsPorts.mutual));
  await page.getByLabel('CA file').setInputFiles(certs.ca.path);
  await expect(page.getByText('ca.crt')).toBeVisible();
  await page.getByLabel('Client certificate').setInputFiles(certs.client.cert.path);
  await page.getByLabel('Client key').setInputFiles(certs.client.encryptedKey.path);
  await page.getByLabel('Key passphrase').fill('not the passphrase');
  await page.getByRole('button', { name: 'Save and connect' }).click();

  const status = page.getByRole('status', { name: 'Connection status' });
  await expect(status).toContainText('Failed');
  await expect(status).toContainText('the key passphrase is wrong');

  // The key and the files were kept with the profile: only the passphrase needs typing again.
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByText('A passphrase is stored; leave empty to keep it.')).toBeVisible();
  await page.getByLabel('Key passphrase').fill(certs.client.passphrase);
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(status).toHaveText(/^Connected/);
  await expect(page.getByRole('main').getByText(`mqtts://127.0.0.1:${broker.tlsPorts.mutual}`)).toBeVisible();
});

test('a CA file that is not PEM is refused beside the field', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByLabel('Transport').selectOption('mqtts');
  await page.getByLabel('CA file').setInputFiles({ name: 'ca.der', mimeType: 'application/octet-stream', buffer: Buffer.from([0x30, 0x82, 0x01, 0x0a]) });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/This file is not PEM text/)).toBeVisible();
});
