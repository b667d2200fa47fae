import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

// The CLI speaks the machine's language; these assertions read its English.
const englishEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

const cli = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'cli.cjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; `onStdout` sees the output as it arrives, for steps that wait on it. */
function runCli(args: string[], onStdout?: (soFar: string) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: englishEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function mosquittoPub(port: number, args: string[]): void {
  const result = spawnSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`mosquitto_pub failed: ${result.stderr}`);
}

// Not browser tests: they run the built CLI against mosquitto, with mosquitto's own clients on the other end.
test('pub sends with mosquitto_pub flags and reports the acknowledgement; bad flags exit 2 and a refused connection 1', async ({ broker }) => {
  const received = new Promise<string>((resolve) => {
    const sub = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'clipub/#', '-C', '1', '-v', '-q', '1']);
    let out = '';
    sub.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    sub.once('exit', () => resolve(out));
  });
  // mosquitto_sub says nothing once it has subscribed; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const sent = await runCli(['pub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'clipub/a', '-m', 'hello from the CLI', '-q', '1', '--json']);
  expect(sent.code, sent.stderr).toBe(0);
  expect(JSON.parse(sent.stdout)).toMatchObject({ ok: true, outcome: { kind: 'acked', ack: 'PUBACK' } });
  expect(await received).toBe('clipub/a hello from the CLI\n');

  const noTopic = await runCli(['pub', '-m', 'x']);
  expect([noTopic.code, noTopic.stderr.split('\n')[0]]).toEqual([2, 'Give the topic with -t.']);
  const twoPayloads = await runCli(['pub', '-t', 'a', '-m', 'x', '-n']);
  expect([twoPayloads.code, twoPayloads.stderr.split('\n')[0]]).toEqual([2, 'Give exactly one payload: -m TEXT, -f FILE, -n (empty) or -s (standard input).']);
  const refused = await runCli(['pub', '-h', '127.0.0.1', '-p', '1', '-t', 'a', '-m', 'x', '--json']);
  expect(refused.code).toBe(1);
  expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: expect.stringMatching(/connection refused/) });
});

test('sub prints what arrives as mosquitto_sub does, stops after -C messages, and with --json keeps binary payloads exact', async ({ broker }) => {
  const folder = mkdtempSync(join(tmpdir(), 'mqtt-lab-sub-'));
  try {
    // A retained message arrives as soon as the subscription is made, so the test knows when to publish the rest.
    mosquittoPub(broker.port, ['-t', 'clisub/first', '-m', 'retained one', '-r']);
    let published = false;
    const text = await runCli(['sub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'clisub/#', '-C', '3', '-v'], (soFar) => {
      if (published || !soFar.includes('retained one')) return;
      published = true;
      // QoS 1: each mosquitto_pub waits for its PUBACK, so the broker has taken the first before the second starts.
      mosquittoPub(broker.port, ['-t', 'clisub/second', '-m', 'two', '-q', '1']);
      mosquittoPub(broker.port, ['-t', 'clisub/third', '-m', 'three', '-q', '1']);
    });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe('clisub/first retained one\nclisub/second two\nclisub/third three\n');

    const binary = Buffer.from([0x00, 0xff, 0xfe, 0x41, 0x80, 0x0a]);
    writeFileSync(join(folder, 'bytes.bin'), binary);
    mosquittoPub(broker.port, ['-t', 'clibin/x', '-f', join(folder, 'bytes.bin'), '-r']);
    const json = await runCli(['sub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'clibin/x', '-C', '1', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const line = JSON.parse(json.stdout.trim()) as { topic: string; retain: boolean; payloadBase64: string; text?: string };
    expect(line).toMatchObject({ topic: 'clibin/x', retain: true });
    expect(Buffer.from(line.payloadBase64, 'base64').equals(binary)).toBe(true);
    expect(line.text).toBeUndefined();

    const timedOut = await runCli(['sub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'clisub/silent', '-W', '1']);
    expect([timedOut.code, timedOut.stdout]).toEqual([0, '']);
    mosquittoPub(broker.port, ['-t', 'clisub/first', '-n', '-r']);
    mosquittoPub(broker.port, ['-t', 'clibin/x', '-n', '-r']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
