import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { readRecording } from '../../electron/core/recording/recording-reader';
import { expect, test } from './fixtures';

// The CLI speaks the machine's language; these assertions read its English.
const englishEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

const cli = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'cli.cjs');

// Not a browser test: it runs the built CLI, which only exists after `npm run build`, as these do.
test('a recording killed with -9 mid-stream still opens, and loses at most its last second', async ({ broker }) => {
  const folder = mkdtempSync(join(tmpdir(), 'mqtt-lab-crash-'));
  const file = join(folder, 'crash.mqttrec.jsonl');
  try {
    const recorder = spawn(process.execPath, [cli, 'record', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'crash/#', '-q', '1', '-o', file, '--json'], {
      env: englishEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    recorder.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    recorder.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The CLI says nothing until it stops; the file's header says the recording has begun.
    await expect.poll(async () => (await readRecording(file).catch(() => undefined))?.header.connections.length, { timeout: 10_000 }).toBe(1);

    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
    const sentAt = new Map<number, number>();
    let sequence = 0;
    const timer = setInterval(() => {
      sequence++;
      sentAt.set(sequence, Date.now());
      publisher.publish('crash/tick', `tick ${sequence}`, { qos: 1 });
    }, 5);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const killedAt = Date.now();
    recorder.kill('SIGKILL');
    clearInterval(timer);
    await new Promise((resolve) => recorder.once('exit', resolve));
    await publisher.endAsync();

    const ticks: number[] = [];
    const summary = await readRecording(file, { message: (record) => ticks.push(Number(Buffer.from(record.payload, 'base64').toString().split(' ')[1])) });
    expect(summary.cut, output).toMatch(/no footer: the recording did not stop cleanly/);
    expect(summary.problems).toEqual([]);
    // Every tick sent more than a second before the kill is in the file, in order, once.
    const due = [...sentAt].filter(([, at]) => at < killedAt - 1000).map(([tick]) => tick);
    expect(due.length).toBeGreaterThan(200);
    expect(ticks.slice(0, due.length)).toEqual(due);
    expect(new Set(ticks).size).toBe(ticks.length);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('record exits 2 on a bad command line and 1 when it cannot connect, and 0 with a JSON summary after a clean stop', async ({ broker }) => {
  const folder = mkdtempSync(join(tmpdir(), 'mqtt-lab-cli-'));
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { env: englishEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
  try {
    const bad = await run(['record', '-t', 'x', '-q', '3', '-o', join(folder, 'a.jsonl')]);
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, '-q takes a whole number from 0 to 2, not "3".']);
    const refused = await run(['record', '-h', '127.0.0.1', '-p', '1', '-t', 'x', '-o', join(folder, 'b.jsonl')]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: expect.stringMatching(/connection refused/) });

    const clean = run(['record', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'cli/#', '-o', join(folder, 'c.jsonl'), '--count', '3']);
    await expect.poll(async () => (await readRecording(join(folder, 'c.jsonl')).catch(() => undefined))?.header.connections.length, { timeout: 10_000 }).toBe(1);
    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
    for (const text of ['one', 'two', 'three']) await publisher.publishAsync('cli/x', text, { qos: 1 });
    await publisher.endAsync();
    const done = await clean;
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ ok: true, stoppedBecause: '3 messages recorded', counts: { messages: 3 } });
    const summary = await readRecording(join(folder, 'c.jsonl'));
    expect([summary.cut, summary.footer?.counts.messages]).toEqual([undefined, 3]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('record and replay run in a shell pipeline: the replayed copy reaches a subscriber, and the exit codes say how it went', async ({ broker }) => {
  const folder = mkdtempSync(join(tmpdir(), 'mqtt-lab-pipe-'));
  try {
    const file = join(folder, 'pipe.mqttrec.jsonl');
    const port = String(broker.port);
    const pipeline = spawn(
      'sh',
      ['-c', `node "${cli}" record -h 127.0.0.1 -p ${port} -t 'pipe/#' -q 1 -o "${file}" --count 5 >/dev/null && node "${cli}" replay -h 127.0.0.1 -p ${port} -f "${file}" --topic-prefix pipe/=copy/ --speed max --json`],
      { env: englishEnv, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    pipeline.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => pipeline.once('exit', resolve));
    await expect.poll(async () => (await readRecording(file).catch(() => undefined))?.header.connections.length, { timeout: 10_000 }).toBe(1);
    const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
    const copies: string[] = [];
    subscriber.on('message', (topic, payload) => copies.push(`${topic} ${payload.toString()}`));
    await subscriber.subscribeAsync('copy/#', { qos: 1 });
    for (let index = 1; index <= 5; index++) await subscriber.publishAsync(`pipe/${index}`, `reading ${index}`, { qos: 1 });
    expect(await exited).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, state: 'finished', sent: 5, acked: 5, failed: 0 });
    await expect.poll(() => copies.length).toBe(5);
    expect(copies).toEqual(Array.from({ length: 5 }, (_, index) => `copy/${index + 1} reading ${index + 1}`));
    await subscriber.endAsync();

    const unreachable = spawn('sh', ['-c', `node "${cli}" replay -h 127.0.0.1 -p 1 -f "${file}" --json`], { env: englishEnv, stdio: 'ignore' });
    expect(await new Promise((resolve) => unreachable.once('exit', resolve))).toBe(1);
    const badSpeed = spawn('sh', ['-c', `node "${cli}" replay -f "${file}" --speed 1000`], { env: englishEnv, stdio: 'ignore' });
    expect(await new Promise((resolve) => badSpeed.once('exit', resolve))).toBe(2);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('compare exits 0 for two runs that agree and 1 with the differences listed when one lost, gained and changed a message', async ({ broker }) => {
  const folder = mkdtempSync(join(tmpdir(), 'mqtt-lab-compare-'));
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { env: englishEnv, stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.once('exit', (code) => resolve({ code, stdout }));
    });
  // One run after the other on the same topics, as a device would send them on two days.
  const record = async (name: string, payloads: Array<[string, string]>) => {
    const file = join(folder, `${name}.mqttrec.jsonl`);
    const recording = run(['record', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'cmp/#', '-q', '1', '-o', file, '--count', String(payloads.length)]);
    await expect.poll(async () => (await readRecording(file).catch(() => undefined))?.header.connections.length, { timeout: 10_000 }).toBe(1);
    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
    for (const [topic, payload] of payloads) await publisher.publishAsync(`cmp/${topic}`, payload, { qos: 1 });
    await publisher.endAsync();
    expect((await recording).code).toBe(0);
    return file;
  };
  try {
    const base: Array<[string, string]> = Array.from({ length: 6 }, (_, index) => [`dev${index % 2}`, `{"seq":${index},"v":${index}}`]);
    const yesterday = await record('yesterday', base);
    const today = await record('today', base);
    // seq 2 lost, seq 5 changed, seq 9 new.
    const broken = await record('broken', [...base.slice(0, 2), ...base.slice(3, 5), ['dev1', '{"seq":5,"v":-5}'], ['dev0', '{"seq":9,"v":9}']]);

    const same = await run(['compare', yesterday, today, '--match-field', 'seq', '--json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ same: true, summary: { missing: 0, extra: 0, changed: 0, pairs: 6 } });

    const differs = await run(['compare', yesterday, broken, '--match-field', 'seq', '--json']);
    expect(differs.code).toBe(1);
    const report = JSON.parse(differs.stdout) as { same: boolean; summary: Record<string, number>; changed: Array<{ key: string }> };
    expect(report.same).toBe(false);
    expect(report.summary).toMatchObject({ missing: 1, extra: 1, changed: 1, pairs: 5 });
    expect(report.changed.map((entry) => entry.key)).toEqual(['5']);

    expect((await run(['compare', yesterday, broken, '--match-field', 'seq', '--max-missing', '1', '--max-extra', '1', '--max-changed', '1'])).code).toBe(0);
    expect((await run(['compare', yesterday])).code).toBe(2);
    expect((await run(['compare', yesterday, join(folder, 'nothing.jsonl'), '--json'])).code).toBe(1);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
