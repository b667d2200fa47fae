import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { startWebApp } from '../helpers/start-app';
import { round } from './store-scale';

const RATE = Number(process.env.BENCH_RENDER_RATE ?? 10_000);
const SECONDS = Number(process.env.BENCH_RENDER_SECONDS ?? 20);
const BASELINE_SECONDS = 5;
const ROW_HEIGHT = 30;

interface FrameFigures {
  frames: number;
  p95FrameMs: number;
  longestTaskMs: number;
}

/**
 * Figure 4: the page in Chromium (web mode, as a user opens it) while messages arrive at RATE/s for
 * SECONDS. The baseline is the same page, connected and subscribed, with no traffic: what frame
 * pacing this machine gives an idle page. Afterwards every message must be in the list.
 */
export async function measureRendererUnderLoad() {
  const broker = await startMosquitto();
  const app = await startWebApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(app.url);
    await connectAndSubscribe(page, broker.port);

    const baseline = await measureFrames(page, () => delay(BASELINE_SECONDS * 1000));
    const total = RATE * SECONDS;
    const underLoad = await measureFrames(page, () => publishPaced(broker, total, RATE));
    const present = await checkEveryMessagePresent(page, total);

    return {
      messagesPerSecond: RATE,
      seconds: SECONDS,
      baselineIs: `the same page, connected and subscribed, with no traffic, for ${BASELINE_SECONDS} s`,
      baseline,
      underLoad,
      p95Ratio: round(underLoad.p95FrameMs / baseline.p95FrameMs),
      longestTaskRatio: baseline.longestTaskMs === 0 ? null : round(underLoad.longestTaskMs / baseline.longestTaskMs),
      target: 'p95 frame ≤ 33 ms, longest task ≤ 100 ms, every message present',
      longTaskNote: 'Chromium reports only tasks over 50 ms: 0 means none was that long',
      ...present,
    };
  } finally {
    await browser.close();
    await app.stop();
    await broker.stop();
  }
}

async function connectAndSubscribe(page: Page, port: number): Promise<void> {
  await page.getByRole('button', { name: 'New connection' }).click();
  await page.getByLabel('Port', { exact: true }).fill(String(port));
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await page.getByRole('status', { name: 'Connection status' }).getByText('Connected', { exact: true }).waitFor();
  await page.getByLabel('Topic filter').fill('load/#');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await page.getByRole('listitem', { name: 'Subscription load/#' }).getByText('granted QoS 0').waitFor();
}

/** Frame intervals from requestAnimationFrame and long tasks from the Long Tasks API, while `during` runs. */
async function measureFrames(page: Page, during: () => Promise<void>): Promise<FrameFigures> {
  await page.evaluate(() => {
    const probe = { intervals: [] as number[], longest: 0, running: true, last: performance.now(), started: performance.now(), tasks: [] as string[] };
    (window as unknown as { benchProbe: typeof probe }).benchProbe = probe;
    const tick = (now: number) => {
      probe.intervals.push(now - probe.last);
      probe.last = now;
      if (probe.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      probe.last = now;
      requestAnimationFrame(tick);
    });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longest = Math.max(probe.longest, entry.duration);
        probe.tasks.push(`${Math.round(entry.duration)} ms at ${Math.round(entry.startTime - probe.started)} ms`);
      }
    }).observe({ type: 'longtask' });
  });
  await during();
  const { intervals, longest, tasks } = await page.evaluate(() => {
    const probe = (window as unknown as { benchProbe: { intervals: number[]; longest: number; running: boolean; tasks: string[] } }).benchProbe;
    probe.running = false;
    return { intervals: probe.intervals, longest: probe.longest, tasks: probe.tasks };
  });
  if (process.env.BENCH_DEBUG) process.stderr.write(`long tasks: ${tasks.join(', ')}\n`);
  const sorted = [...intervals].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
  return { frames: intervals.length, p95FrameMs: round(p95), longestTaskMs: round(longest) };
}

/**
 * mosquitto_pub in its own process, fed "m <n>" lines at `rate` per second in 10 ms steps, so the
 * load arrives steadily rather than as one burst.
 */
function publishPaced(broker: Broker, total: number, rate: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const publisher = spawn('mosquitto_pub', ['-h', broker.host, '-p', String(broker.port), '-t', 'load/x', '-q', '0', '-l'], { stdio: ['pipe', 'ignore', 'inherit'] });
    publisher.once('error', reject);
    publisher.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mosquitto_pub exited with ${code}`))));
    const started = performance.now();
    let sent = 0;
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      let lines = '';
      for (; sent < due; ) lines += `m ${++sent};\n`;
      if (lines) publisher.stdin.write(lines);
      if (sent >= total) {
        clearInterval(timer);
        publisher.stdin.end();
      }
    }, 10);
  });
}

/** The count says `total`, and the first, middle and last rows read the messages published there. */
async function checkEveryMessagePresent(page: Page, total: number) {
  const count = page.getByLabel('Message count');
  const deadline = Date.now() + 60_000;
  while ((await count.textContent())?.replace(/\D/g, '') !== String(total) && Date.now() < deadline) await delay(200);
  const shown = Number((await count.textContent())?.replace(/\D/g, '') ?? 0);
  const list = page.getByRole('listbox', { name: 'Messages' });
  const rowsAt = async (index: number): Promise<string[]> => {
    await list.evaluate((element, top) => (element.scrollTop = top), index * ROW_HEIGHT);
    // Rows away from the newest are fetched by id when scrolled to; give them a moment to arrive.
    await list.getByRole('option', { name: rowOf(index) }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    return list.getByRole('option').allTextContents();
  };
  const positions = [0, Math.floor(total / 2), total - 1];
  const checked: Record<string, boolean> = {};
  for (const index of positions) {
    const texts = await rowsAt(index);
    checked[`row ${index + 1}`] = texts.some((text) => rowOf(index).test(text));
    if (process.env.BENCH_DEBUG) process.stderr.write(`${index}: ${texts.slice(0, 3).join(" | ")}\n`);
  }
  return { messagesInList: shown, messagesPublished: total, lost: total - shown, rowsReadBack: checked };
}

/** The payload "m <n>;" of the message at list index n - 1: the ";" ends the number, as the cells run together in the text. */
function rowOf(index: number): RegExp {
  return new RegExp(`m ${index + 1};`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
