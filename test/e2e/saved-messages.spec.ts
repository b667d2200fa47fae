import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebApp } from '../helpers/start-app';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';
import { expect, test } from './fixtures';
import { connectTo, shootBothThemes, subscriber, switchLanguage } from './ui-actions';

test('save, recall and publish a message from a collection, and see the collection after a restart', async ({ page, broker }, testInfo) => {
  const topic = `saved-${Date.now()}/door`;
  const dataDir = makeTempDir();
  try {
    let app = await startWebApp(dataDir);
    await page.goto(app.url);
    await connectTo(page, broker.port, { name: 'Saved' });
    await page.getByLabel('Topic', { exact: true }).fill(topic);
    await page.getByLabel('Publish QoS').selectOption('1');
    await page.getByLabel('Payload format').selectOption('plaintext');
    const editor = page.getByRole('textbox', { name: 'Payload' });
    await editor.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('open the door');

    await page.getByLabel('New collection name').fill('Door commands');
    await page.getByRole('button', { name: 'Add collection' }).click();
    await page.getByLabel('Message name').fill('Open door');
    await page.getByRole('button', { name: 'Save message' }).click();
    const collection = page.getByRole('group', { name: 'Collection Door commands' });
    await expect(collection.getByRole('button', { name: 'Load Open door' })).toBeVisible();

    // The publisher moves on; one click brings the saved message back.
    await page.getByLabel('Topic', { exact: true }).fill('elsewhere/entirely');
    await page.getByLabel('Payload format').selectOption('json');
    await collection.getByRole('button', { name: 'Load Open door' }).click();
    await expect(page.getByLabel('Topic', { exact: true })).toHaveValue(topic);
    await expect(page.getByLabel('Payload format')).toHaveValue('plaintext');
    await expect(page.getByLabel('Publish QoS')).toHaveValue('1');
    await expect(page.getByRole('group', { name: 'Payload editor' })).toContainText('open the door');

    // The second action publishes it as it is.
    await page.getByLabel('Topic', { exact: true }).fill('elsewhere/entirely');
    const received = await subscriber(broker.port, topic, 1);
    await collection.getByRole('button', { name: 'Publish Open door' }).click();
    await expect(page.getByRole('status', { name: 'Saved messages result' })).toContainText(`${topic}: Acknowledged with PUBACK`);
    await received.done;
    expect(received.lines()).toEqual([`${topic} open the door`]);

    // Duplicate, reorder, rename, search and delete.
    await collection.getByLabel('More for Open door').click();
    await collection.getByRole('button', { name: 'Duplicate Open door' }).click();
    const names = collection.getByRole('button', { name: /^Load / });
    await expect(names).toHaveText([/^Open door/, /^Open door \(copy\)/]);
    await collection.getByLabel('More for Open door (copy)').click();
    await collection.getByRole('button', { name: 'Move Open door (copy) up' }).click();
    await expect(names).toHaveText([/^Open door \(copy\)/, /^Open door/]);
    await collection.getByLabel('More for Open door (copy)').click();
    await collection.getByRole('button', { name: 'Rename Open door (copy)' }).click();
    await collection.getByLabel('New name for Open door (copy)').fill('Close door');
    await collection.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(names).toHaveText([/^Close door/, /^Open door/]);
    await page.getByLabel('Search saved messages').fill('close');
    await expect(names).toHaveText([/^Close door/]);
    await page.getByLabel('Search saved messages').fill('');
    await collection.getByLabel('More for Close door').click();
    await collection.getByRole('button', { name: 'Delete Close door' }).click();
    await expect(names).toHaveText([/^Open door/]);

    // What was published is in the recent publishes, to load again.
    await page.getByText(/^Recent publishes \(1\)/).click();
    await page.getByLabel('Topic', { exact: true }).fill('elsewhere/again');
    await page.getByRole('list', { name: 'Recent publishes' }).getByRole('button', { name: new RegExp(`^Load the publish to ${topic}`) }).click();
    await expect(page.getByLabel('Topic', { exact: true })).toHaveValue(topic);
    await collection.scrollIntoViewIfNeeded();
    await shootBothThemes(page, testInfo, 'saved-messages');
    await app.stop();

    app = await startWebApp(dataDir);
    try {
      await page.goto(app.url);
      await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /^Saved/ }).click();
      await expect(page.getByRole('group', { name: 'Collection Door commands' }).getByRole('button', { name: 'Load Open door' })).toBeVisible();
    } finally {
      await app.stop();
    }
  } finally {
    removeTempDir(dataDir);
  }
});

test('a partly damaged saved-messages file is reported in the language on screen', async ({ page, broker }, testInfo) => {
  const dataDir = makeTempDir();
  try {
    const collections = [{ id: 'c1', name: 'Good', messages: [] }, { id: 'x', name: 'Broken', messages: 'no' }];
    writeFileSync(join(dataDir, 'saved-messages.json'), JSON.stringify({ format: 'mqtt-lab.saved-messages', version: 1, collections }));
    const app = await startWebApp(dataDir);
    try {
      await page.goto(app.url);
      await connectTo(page, broker.port, { name: 'Notices' });
      const notice = page.locator('section.saved-messages').getByRole('alert');
      await expect(notice).toContainText('1 collection of 2 saved-message collections could not be read and was left out: collection "Broken" (messages: ');
      await notice.scrollIntoViewIfNeeded();
      await shootBothThemes(page, testInfo, 'saved-messages-notice');
      await switchLanguage(page, 'zh-CN');
      await expect(notice).toContainText('2 个已保存消息集合中有 1 个无法读取，已略过：集合“Broken”（messages：');
      await expect(notice).toContainText('原文件已保留为 ');
      await shootBothThemes(page, testInfo, 'saved-messages-notice-zh');
      await switchLanguage(page, 'en');
    } finally {
      await app.stop();
    }
  } finally {
    removeTempDir(dataDir);
  }
});
