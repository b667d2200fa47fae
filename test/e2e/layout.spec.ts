import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectTo, shootBothThemes } from './ui-actions';

// The size the layout bugs were reported at.
test.use({ viewport: { width: 1280, height: 800 } });

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${String(locator)} has no box`);
  return found;
}

/** True when the element itself is what is drawn at its centre, not something laid over it. */
async function drawnOnTop(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const top = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    return top !== null && (top === element || element.contains(top));
  });
}

test('with a filter active, the filter bar keeps two rows and its top row stays uncovered', async ({ page, app, broker }, testInfo) => {
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Filter layout' });
  const bar = page.getByRole('search', { name: 'Filter messages' });
  const topic = bar.getByLabel('Filter by topic');
  await topic.fill('sensors/+/temperature');
  await bar.getByLabel('Filter by QoS').selectOption('1');
  await expect(bar.getByRole('button', { name: 'Clear filter' })).toBeVisible();
  await shootBothThemes(page, testInfo, 'filter-bar');

  const rowOf = async (control: Locator, row: Locator) => {
    const [controlBox, rowBox] = [await box(control), await box(row)];
    return Math.abs(controlBox.y + controlBox.height / 2 - (rowBox.y + rowBox.height / 2)) < rowBox.height / 2;
  };
  const direction = bar.getByLabel('Filter by direction');
  // Two rows of controls, the bar's padding and the gap between them: no room for a third.
  const [barBox, topicBox, directionBox] = [await box(bar), await box(topic), await box(direction)];
  expect(barBox.height, 'the filter bar has two rows').toBeLessThan(topicBox.height + directionBox.height + 30);
  for (const control of [bar.getByLabel('Search text'), bar.getByRole('checkbox', { name: 'Regex' }), bar.getByLabel('Matching messages'), bar.getByRole('button', { name: 'Clear filter' })]) {
    expect(await rowOf(control, topic), `${String(control)} is on the first row`).toBe(true);
  }
  for (const control of [bar.getByLabel('Filter by QoS'), bar.getByLabel('Filter by retained flag'), bar.getByRole('button', { name: 'Export messages…' })]) {
    expect(await rowOf(control, direction), `${String(control)} is on the second row`).toBe(true);
  }
  for (const control of [topic, bar.getByLabel('Search text'), bar.getByRole('checkbox', { name: 'Regex' })]) expect(await drawnOnTop(control), `${String(control)} is not covered`).toBe(true);
});

test('a long profile name is cut with an ellipsis and a tooltip, and the status stays on one line', async ({ page, app, broker }, testInfo) => {
  const name = 'Production plant sensors on the far side of the river, second floor, building C (staging copy)';
  await page.goto(app.url);
  await connectTo(page, broker.port, { name });
  await shootBothThemes(page, testInfo, 'long-name-header');

  const status = page.getByRole('status', { name: 'Connection status' });
  const heading = page.getByRole('heading', { level: 2, name });
  const [statusBox, headingBox] = [await box(status), await box(heading)];
  const lineHeight = await status.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight) || parseFloat(getComputedStyle(element).fontSize) * 1.6);
  expect(statusBox.height, 'the status is one line').toBeLessThan(lineHeight * 1.5);
  expect(await heading.evaluate((element) => element.scrollWidth > element.clientWidth), 'the name is cut').toBe(true);
  expect(headingBox.x + headingBox.width).toBeLessThanOrEqual(statusBox.x);
  await expect(heading, 'the whole name is in its tooltip').toHaveAttribute('title', name);
});

test('invalid JSON in the Publish panel is reported once, with its position once', async ({ page, app, broker }, testInfo) => {
  await page.goto(app.url);
  await connectTo(page, broker.port, { name: 'Bad JSON' });
  const publish = page.getByRole('form', { name: 'Publish' });
  await publish.getByRole('textbox', { name: 'Payload' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('{"a": 1 "b": 2');
  await publish.getByRole('button', { name: 'Publish', exact: true }).click();
  const alert = publish.getByRole('alert');
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('The payload is not valid JSON (line 1, column 9)');
  await expect(page.getByRole('status', { name: 'Publish result' })).not.toHaveText('');
  await shootBothThemes(page, testInfo, 'invalid-json');

  const shown = await publish.innerText();
  expect(shown.match(/not valid JSON \(line/g), 'the problem is shown once').toHaveLength(1);
  expect(shown.match(/position|line \d+/g), 'the position is given once').toHaveLength(1);
  await expect(page.getByRole('status', { name: 'Publish result' })).toHaveText(/^Not published/);
});

test('the actions cell of Recording files lines up with the other cells of its row', async ({ page, app }, testInfo) => {
  const folder = join(app.dataDir, 'recordings');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'line-up.mqttrec.jsonl'), '');
  await page.goto(app.url);
  await page.getByRole('button', { name: /^Recording files/ }).click();
  const row = page.getByRole('table', { name: 'Recording files' }).getByRole('row', { name: 'Recording line-up.mqttrec.jsonl' });
  await expect(row).toBeVisible();
  await shootBothThemes(page, testInfo, 'recording-files');

  const cells = row.getByRole('cell');
  await expect(cells).toHaveCount(4);
  const first = await box(cells.first());
  for (const cell of await cells.all()) {
    const cellBox = await box(cell);
    // The same top and bottom as the row's first cell, so the bottom borders form one line.
    expect(Math.abs(cellBox.y - first.y), `${await cell.innerText()} starts with its row`).toBeLessThan(0.25);
    expect(Math.abs(cellBox.y + cellBox.height - (first.y + first.height)), `${await cell.innerText()} ends with its row`).toBeLessThan(0.25);
  }
});
