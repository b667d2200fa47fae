import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { connectTo, subscribe } from './ui-actions';

const run = promisify(execFile);

const OVERRIDE = '\u202E';
const MARKER = '\u27E8U+202E\u27E9';

test('a right-to-left override in a topic or a connection name is shown as a visible marker, not as reversed text', async ({ page, app, broker }) => {
  const prefix = `bidi-${Date.now()}`;
  const topic = `${prefix}/${OVERRIDE}txt.exe`;
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: `Lab ${OVERRIDE}tset` });
  const sidebar = page.getByRole('navigation', { name: 'Connections' });
  await expect(sidebar).toContainText(`Lab ${MARKER}tset`);
  await expect(sidebar).not.toContainText(OVERRIDE);

  await subscribe(page, `${prefix}/#`, 1);
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', topic, '-q', '1', '-m', `on${OVERRIDE}fo`]);

  // The message list: the topic and the payload preview.
  const list = page.getByRole('listbox', { name: 'Messages' });
  const row = list.getByRole('option', { name: new RegExp(`${prefix}/`) });
  await expect(row).toContainText(`${prefix}/${MARKER}txt.exe`);
  await expect(row).toContainText(`on${MARKER}fo`);
  await expect(row).not.toContainText(OVERRIDE);

  // The topic tree.
  const tree = page.getByRole('tree', { name: 'Topics' });
  await tree.getByRole('treeitem', { name: prefix }).click();
  await page.keyboard.press('ArrowRight');
  const leaf = tree.getByRole('treeitem', { name: `${MARKER}txt.exe` });
  await expect(leaf).toBeVisible();
  await expect(leaf).not.toContainText(OVERRIDE);

  // The message detail.
  await row.click();
  const heading = page.getByRole('region', { name: 'Message details' }).getByRole('heading');
  await expect(heading).toContainText(`${prefix}/${MARKER}txt.exe`);
  await expect(heading).not.toContainText(OVERRIDE);

  // The timeline's flow list and the selected flow's title.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const flow = page.getByRole('listbox', { name: 'Flows' }).getByRole('option', { name: new RegExp(`PUBLISH.*${prefix}/${MARKER.replace('+', '\\+')}txt\\.exe`) });
  await expect(flow).toBeVisible();
  await expect(flow).not.toContainText(OVERRIDE);
  await flow.click();
  const title = page.getByRole('region', { name: 'Timeline' }).getByRole('heading', { name: /PUBLISH/ });
  await expect(title).toContainText(`${prefix}/${MARKER}txt.exe`);
  await expect(title).not.toContainText(OVERRIDE);
});
