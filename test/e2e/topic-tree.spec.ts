import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectTo, subscribe } from './ui-actions';

const run = promisify(execFile);

async function publish(port: number, topic: string, message: string, options: { retain?: boolean } = {}): Promise<void> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-q', '1', '-t', topic, '-m', message];
  if (options.retain) args.push('-r');
  await run('mosquitto_pub', args);
}

/** What a brand-new subscriber gets as retained under a filter: mosquitto_sub prints them and stops at the first live one or after a second. */
async function retainedFor(port: number, filter: string): Promise<string[]> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', filter, '-v', '--retained-only', '-W', '1'];
  const output = await run('mosquitto_sub', args).then(
    (result) => result.stdout,
    // -W ends it with a non-zero status once the second is up; what it printed is still the answer.
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  return output.split('\n').filter((line) => line !== '').sort();
}

/** The shared broker outlives a test: retained messages a test leaves behind would reach the next. */
async function dropRetained(port: number, topics: string[]): Promise<void> {
  for (const topic of topics) await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-r', '-n']);
}

function treeOf(page: Page) {
  return page.getByRole('tree', { name: 'Topics' });
}

test('counts messages per level, marks retained topics, filters by the selected node and deletes retained messages', async ({ page, app, broker }, testInfo) => {
  const retained = ['treehouse/kitchen/temp', 'treehouse/hall/temp', 'treehouse/hall/humidity'];
  await dropRetained(broker.port, retained);
  await publish(broker.port, 'treehouse/kitchen/temp', '21.5', { retain: true });
  await publish(broker.port, 'treehouse/hall/temp', '19', { retain: true });
  await publish(broker.port, 'treehouse/hall/humidity', '40 %', { retain: true });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  const tree = treeOf(page);
  await expect(page.getByRole('region', { name: 'Topic tree' })).toBeVisible();
  await expect(tree).toContainText('No topics yet');
  // Subscribing after the retained messages were published is what delivers them with the retain flag.
  await subscribe(page, 'treehouse/#');
  await publish(broker.port, 'treehouse/kitchen/temp', '22');
  await publish(broker.port, 'treehouse/kitchen/light', 'on');
  await publish(broker.port, 'treehouse/kitchen/light', 'off');
  await publish(broker.port, 'treehouse/garage', 'open');

  const root = tree.getByRole('treeitem', { name: 'treehouse' });
  await expect(root).toContainText('7 msgs');
  await expect(root).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Topic tree totals')).toHaveText('5 topics · 7 msgs');

  // Keyboard: the tree is one tab stop, arrows move and open.
  await root.click();
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('aria-expanded', 'true');
  const kitchen = tree.getByRole('treeitem', { name: 'kitchen' });
  const hall = tree.getByRole('treeitem', { name: 'hall' });
  await expect(kitchen).toContainText('4 msgs');
  await expect(kitchen).toHaveAttribute('aria-level', '2');
  await expect(hall).toContainText('2 msgs');
  await expect(tree.getByRole('treeitem', { name: 'garage' })).toContainText('open');
  await kitchen.dblclick();
  await expect(kitchen).toHaveAttribute('aria-expanded', 'true');

  const kitchenTemp = tree.getByRole('treeitem', { name: 'temp' });
  await expect(kitchenTemp).toHaveAttribute('aria-level', '3');
  await expect(kitchenTemp).toContainText('2 msgs');
  await expect(kitchenTemp).toContainText('22');
  // The live "22" came without the retain flag; the broker still holds a retained value, so the mark stays.
  await expect(kitchenTemp).toContainText('retained');
  await expect(tree.getByRole('treeitem', { name: 'light' })).not.toContainText('retained');
  await expect(kitchenTemp).toHaveAccessibleDescription(/2 msgs.*22/);

  await kitchen.click();
  await expect(kitchen).toHaveAttribute('aria-selected', 'true');
  // Down to the first child, Left back up to its parent.
  const lightItem = tree.getByRole('treeitem', { name: 'light' });
  await expect(tree).toHaveAttribute('aria-activedescendant', (await kitchen.getAttribute('id')) as string);
  await page.keyboard.press('ArrowDown');
  await expect(tree).toHaveAttribute('aria-activedescendant', (await lightItem.getAttribute('id')) as string);
  await page.keyboard.press('ArrowLeft');
  await expect(tree).toHaveAttribute('aria-activedescendant', (await kitchen.getAttribute('id')) as string);
  const selection = page.getByRole('group', { name: 'Selected topic' });
  await expect(selection).toContainText('Filtering messages by treehouse/kitchen/#');
  await expect(selection.getByRole('button', { name: 'Delete retained in subtree…' })).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath('topic-tree-dark.png') });

  page.once('dialog', async (dialog) => {
    expect(dialog.message()).toBe('Delete 1 retained topic under treehouse/kitchen?');
    await dialog.accept();
  });
  await selection.getByRole('button', { name: 'Delete retained in subtree…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted 1 retained message under treehouse/kitchen.' })).toBeVisible();
  await expect(kitchenTemp).not.toContainText('retained');

  await hall.dblclick();
  const humidity = tree.getByRole('treeitem', { name: 'humidity' });
  await humidity.click();
  await expect(selection).toContainText('Filtering messages by treehouse/hall/humidity');
  await expect(humidity).toContainText('retained');
  await selection.getByRole('button', { name: 'Delete retained', exact: true }).click();
  await expect(humidity).not.toContainText('retained');
  await expect(selection.getByRole('button', { name: 'Delete retained', exact: true })).toBeDisabled();

  expect(await retainedFor(broker.port, 'treehouse/#')).toEqual(['treehouse/hall/temp 19']);

  await selection.getByRole('button', { name: 'Clear topic filter' }).click();
  await expect(selection).toBeHidden();
  await expect(humidity).toHaveAttribute('aria-selected', 'false');

  await kitchen.click();
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  // Taken right after a message arrives, so the picture shows the flash on the node that changed.
  await publish(broker.port, 'treehouse/garage', 'closed');
  await expect(tree.getByRole('treeitem', { name: 'garage' })).toContainText('closed');
  await page.screenshot({ path: testInfo.outputPath('topic-tree-light.png') });
  await dropRetained(broker.port, retained);
});

test('selecting a node shows only its messages in the list', async ({ page, app, broker }) => {
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'listfilter/#');
  await publish(broker.port, 'listfilter/a/one', '1');
  await publish(broker.port, 'listfilter/a/two', '2');
  await publish(broker.port, 'listfilter/b', '3');
  const messages = page.getByRole('listbox', { name: 'Messages' });
  await expect(messages.getByRole('option')).toHaveCount(3);
  const tree = treeOf(page);
  await tree.getByRole('treeitem', { name: 'listfilter' }).click();
  await page.keyboard.press('ArrowRight');
  await tree.getByRole('treeitem', { name: 'a' }).click();
  await expect(messages.getByRole('option')).toHaveCount(2);
  // The filter bar shows what the tree set, and counts it like any other filter.
  await expect(page.getByLabel('Filter by topic')).toHaveValue('listfilter/a/#');
  await expect(page.getByLabel('Matching messages')).toHaveText('2 of 3 match');
  for (const option of await messages.getByRole('option').all()) await expect(option).toContainText('listfilter/a/');
  await page.getByRole('button', { name: 'Clear topic filter' }).click();
  await expect(messages.getByRole('option')).toHaveCount(3);
});

test('shows 5,000 sibling topics in a virtualized tree that scrolls to the last one', async ({ page, app, broker }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'bulk/#');
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
  try {
    for (let index = 0; index < 5000; index++) client.publish(`bulk/device${index}`, `${index}`);
    await client.publishAsync('bulk/device4999', 'last', { qos: 1 });
  } finally {
    await client.endAsync();
  }
  await expect(page.getByLabel('Topic tree totals')).toHaveText('5,000 topics · 5,001 msgs');
  const tree = treeOf(page);
  const bulk = tree.getByRole('treeitem', { name: 'bulk' });
  await bulk.click();
  await page.keyboard.press('ArrowRight');
  const first = tree.getByRole('treeitem', { name: 'device0', exact: true });
  await expect(first).toHaveAttribute('aria-setsize', '5000');
  // Only a screenful is in the DOM, not 5,000 items.
  expect(await tree.getByRole('treeitem').count()).toBeLessThan(100);
  // Sibling order puts numbers by value: device2 before device10.
  await expect(tree.getByRole('treeitem').nth(3)).toHaveAccessibleName('device2');
  await page.keyboard.press('End');
  const last = tree.getByRole('treeitem', { name: 'device4999' });
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-posinset', '5000');
  await expect(last).toContainText('last');
  await expect(last).toContainText('2 msgs');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Selected topic' })).toContainText('Filtering messages by bulk/device4999');
  await page.screenshot({ path: testInfo.outputPath('topic-tree-5000-dark.png') });
});
