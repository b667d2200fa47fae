import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { parseCsv } from '../../shared/export/csv';
import { parseJsonLines } from '../../shared/export/jsonl';
import { expect, test } from './fixtures';
import { connectTo, subscribe } from './ui-actions';

const run = promisify(execFile);

async function publish(port: number, topic: string, message: string): Promise<void> {
  await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', '1', '-m', message]);
}

test('plots numeric JSON fields of two topics live, exports the points as CSV and the list as JSON Lines', async ({ page, app, broker }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'plant/#', 1);
  for (const temp of [20.5, 21, 21.25]) await publish(broker.port, 'plant/a', JSON.stringify({ temp, hum: 40 }));
  for (const temp of [18, 17.5]) await publish(broker.port, 'plant/b', JSON.stringify({ status: 'ok', readings: { temp } }));
  await publish(broker.port, 'plant/b', 'offline');

  const messages = page.getByRole('listbox', { name: 'Messages' });
  await expect(messages.getByRole('option')).toHaveCount(6);
  // Selecting a message offers its topic for a new series.
  await messages.getByRole('option', { name: /plant\/a/ }).first().click();
  await page.getByRole('tab', { name: 'Plot' }).click();
  const form = page.getByRole('form', { name: 'Add series' });
  await expect(form.getByLabel('Series topic')).toHaveValue('plant/a');
  const field = form.getByLabel('Field', { exact: true });
  await expect(field).toHaveValue('temp');
  await form.getByRole('button', { name: 'Add series' }).click();

  await form.getByLabel('Series topic').fill('plant/b');
  await expect(field).toHaveValue('readings.temp');
  await form.getByRole('button', { name: 'Add series' }).click();
  await form.getByRole('button', { name: 'Add series' }).click();
  await expect(form.getByRole('alert')).toHaveText('That series is already plotted.');

  await expect(page.getByRole('img', { name: 'Plot of 2 series' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Series' });
  const rowA = table.getByRole('row', { name: /plant\/a temp/ });
  const rowB = table.getByRole('row', { name: /plant\/b readings\.temp/ });
  await expect(rowA.getByRole('cell').first()).toHaveText('21.25');
  await expect(rowB.getByRole('cell').first()).toHaveText('17.5');
  await expect(rowB).toContainText('1 without a number');

  // Live: new messages reach the table without any action.
  await publish(broker.port, 'plant/a', '{"temp":22.75,"hum":41}');
  await publish(broker.port, 'plant/b', '{"readings":{"temp":16}}');
  await expect(rowA.getByRole('cell').first()).toHaveText('22.75');
  await expect(rowB.getByRole('cell').first()).toHaveText('16');
  await expect(rowA.getByRole('cell').nth(2)).toHaveText('4');

  await page.getByRole('img', { name: 'Plot of 2 series' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('plot-dark.png') });

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toMatch(/^mqtt-lab-plot-.*\.csv$/);
  const records = parseCsv(await readFile((await csvFile.path()) ?? '', 'utf8'));
  expect(records[0]).toEqual(['time', 'timeMs', 'topic', 'field', 'value', 'messageId']);
  const points = records.slice(1).map(([, , topic, path, value]) => `${topic} ${path} ${value}`);
  expect(points.filter((point) => point.startsWith('plant/a'))).toEqual(['plant/a temp 20.5', 'plant/a temp 21', 'plant/a temp 21.25', 'plant/a temp 22.75']);
  expect(points.filter((point) => point.startsWith('plant/b'))).toEqual(['plant/b readings.temp 18', 'plant/b readings.temp 17.5', 'plant/b readings.temp 16']);
  const times = records.slice(1).map((record) => Number(record[1]));
  expect(times).toEqual([...times].sort((a, b) => a - b));

  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.getByRole('img', { name: 'Plot of 2 series' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('plot-light.png') });

  await page.getByRole('button', { name: 'Remove series plant/b readings.temp' }).click();
  await expect(page.getByRole('img', { name: 'Plot of 1 series' })).toBeVisible();
  await expect(table.getByRole('row', { name: /plant\/b/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Export messages…' }).click();
  const jsonlDownload = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Export format' }).getByRole('button', { name: 'JSON Lines' }).click();
  const jsonlFile = await jsonlDownload;
  expect(jsonlFile.suggestedFilename()).toMatch(/^mqtt-lab-messages-.*\.jsonl$/);
  const exported = parseJsonLines(await readFile((await jsonlFile.path()) ?? '', 'utf8'));
  expect(exported.map((message) => `${message.topic} ${new TextDecoder().decode(message.payload)}`)).toEqual([
    'plant/a {"temp":20.5,"hum":40}',
    'plant/a {"temp":21,"hum":40}',
    'plant/a {"temp":21.25,"hum":40}',
    'plant/b {"status":"ok","readings":{"temp":18}}',
    'plant/b {"status":"ok","readings":{"temp":17.5}}',
    'plant/b offline',
    'plant/a {"temp":22.75,"hum":41}',
    'plant/b {"readings":{"temp":16}}',
  ]);
  expect(exported.every((message) => message.qos === 1 && message.direction === 'in' && message.packetId !== undefined)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('plot-light-after-export.png') });
});

/** mosquitto_pub -l sends each line of its input as one message: thousands in one process. */
async function publishLines(port: number, topic: string, lines: string[]): Promise<void> {
  const publisher = spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-q', '1', '-l']);
  const exited = new Promise<number | null>((resolve) => publisher.on('close', resolve));
  publisher.stdin.end(`${lines.join('\n')}\n`);
  expect(await exited).toBe(0);
}

test('draws a long bare-number series downsampled, says so, and exports every point', async ({ page, app, broker }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  await connectTo(page, broker.port);
  await subscribe(page, 'load/#', 1);
  const values = Array.from({ length: 5000 }, (_, index) => String(Math.round(Math.sin(index / 300) * 1000) / 10 + (index === 2500 ? 500 : 0)));
  await publishLines(broker.port, 'load/cpu', values);
  await expect(page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: /load\/cpu/ }).first()).toBeVisible();

  await page.getByRole('tab', { name: 'Plot' }).click();
  const form = page.getByRole('form', { name: 'Add series' });
  await form.getByLabel('Series topic').fill('load/+');
  await expect(form.getByLabel('Field', { exact: true })).toHaveValue('');
  await expect(form.getByLabel('Field', { exact: true })).toContainText('whole payload (latest');
  await form.getByRole('button', { name: 'Add series' }).click();

  const row = page.getByRole('table', { name: 'Series' }).getByRole('row', { name: /load\/\+ \(whole payload\)/ });
  await expect(row.getByRole('cell').nth(2)).toHaveText('5,000');
  await expect(row.getByRole('cell').first()).toHaveText(values.at(-1) ?? '');
  await expect(page.getByRole('note')).toContainText('load/+ (whole payload) has 5,000 points. Export CSV takes every point.');
  await page.getByRole('img', { name: 'Plot of 1 series' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('plot-downsampled-light.png') });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const records = parseCsv(await readFile((await (await download).path()) ?? '', 'utf8'));
  expect(records.slice(1).map((record) => record[4])).toEqual(values.map((value) => String(Number(value))));
  expect(new Set(records.slice(1).map((record) => `${record[2]}|${record[3]}`))).toEqual(new Set(['load/+|']));
});
