import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMosquitto } from '../helpers/mosquitto';
import { connackAccepted, startScriptedBroker } from '../helpers/scripted-broker';
import { expect, test } from './fixtures';

// The CLI speaks the machine's language; these assertions read its English.
const englishEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

const cli = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'cli.cjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From start to exit. */
  seconds: number;
}

/** Runs the built CLI; `whenStarted` gets the process, to signal it. */
function runCli(args: string[], whenStarted?: (child: ChildProcess) => void): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { env: englishEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }));
    whenStarted?.(child);
  });
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  await expect.poll(condition, { timeout: timeoutMs }).toBe(true);
}

// Not browser tests: they run the built CLI against mosquitto and scripted servers playing the broker.
test('pub refuses a PUBLISH above the Maximum Packet Size the broker announced, naming both sizes', async () => {
  const broker = await startMosquitto({ extraConfig: ['max_packet_size 1000'] });
  const folder = mkdtempSync(join(tmpdir(), 'mqtt-lab-pub-'));
  try {
    writeFileSync(join(folder, 'big.bin'), Buffer.alloc(2000, 0x61));
    const big = await runCli(['pub', '-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-t', 'limit/big', '-f', join(folder, 'big.bin'), '-q', '1', '--json']);
    expect(big.code, big.stderr).toBe(1);
    // 1 + 2 (Remaining Length) + 2 + 9 (topic) + 2 (packet id) + 1 (no properties) + 2000.
    expect(JSON.parse(big.stdout)).toEqual({
      ok: false,
      error: 'not sent: the PUBLISH would be 2,017 bytes, above the 1,000 bytes the broker accepts (its Maximum Packet Size in CONNACK; MQTT-3.2.2-15)',
      packetSize: 2017,
      maximumPacketSize: 1000,
    });
    // The limit counts the whole packet: 990 bytes of payload fit, but 1 + 2 + 12 + 1 + 990 do not.
    const edge = await runCli(['pub', '-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-t', 'limit/edge', '-m', 'x'.repeat(990), '--json']);
    expect([edge.code, JSON.parse(edge.stdout).packetSize]).toEqual([1, 1006]);
    const small = await runCli(['pub', '-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-t', 'limit/small', '-m', 'fits', '-q', '1', '--json']);
    expect(small.code, small.stderr).toBe(0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await broker.stop();
  }
});

test('pub says what ended the connection when the broker disconnects it over the message', async () => {
  const broker = await startScriptedBroker(
    (session) => session.write(connackAccepted(5)),
    // DISCONNECT, reason 0x95 Packet too large, no properties.
    (packet, session) => {
      if (packet.cmd === 'publish') session.socket.end(Buffer.from([0xe0, 0x02, 0x95, 0x00]));
    },
  );
  try {
    const run = await runCli(['pub', '-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-t', 'over/size', '-m', 'hello', '-q', '1', '--json']);
    expect(run.code, run.stderr).toBe(1);
    const { error } = JSON.parse(run.stdout) as { error: string };
    expect(error).toContain('the connection ended: the broker disconnected: packet too large (DISCONNECT 0x95)');
    expect(error).not.toContain("status says why");
  } finally {
    await broker.stop();
  }
});

test('sub exits 1 with the reason when the broker goes away for good', async () => {
  test.setTimeout(90_000);
  const broker = await startMosquitto();
  let stopped = false;
  const run = await runCli(['sub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'gone/#'], () => {
    // Give it time to connect and subscribe, then take the broker away; the CLI retries 5 times.
    setTimeout(() => void broker.stop().then(() => (stopped = true)), 1500);
  });
  expect(stopped).toBe(true);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/mqtt-lab sub: stopped \(the connection ended: gave up after 5 reconnect attempts; last problem: connection refused.*\); 0 messages received\./);
});

test('sub exits 1 at once with the reason when the broker disconnects it and a reconnect would not help', async () => {
  const broker = await startScriptedBroker(
    (session) => session.write(connackAccepted(5)),
    // SUBACK granting QoS 0, then DISCONNECT 0x8E Session taken over.
    (packet, session) => {
      if (packet.cmd === 'subscribe') session.socket.end(Buffer.from([0x90, 0x04, (packet.messageId ?? 0) >> 8, (packet.messageId ?? 0) & 0xff, 0x00, 0x00, 0xe0, 0x02, 0x8e, 0x00]));
    },
  );
  try {
    const run = await runCli(['sub', '-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-t', 'banned/#']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('mqtt-lab sub: stopped (the connection ended: the broker disconnected: session taken over');
    expect(run.seconds).toBeLessThan(5);
  } finally {
    await broker.stop();
  }
});

test('sub -W ends on time, and one SIGINT or SIGTERM ends it, even with a SUBSCRIBE the broker never answers', async () => {
  // The broker accepts the connection and then never answers SUBSCRIBE, so it stays in flight.
  const broker = await startScriptedBroker((session) => session.write(connackAccepted(4)));
  const subscribed = () => broker.sessions.flatMap((session) => session.packets).filter((packet) => packet.cmd === 'subscribe').length;
  try {
    const timed = await runCli(['sub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'silent/#', '-q', '1', '-W', '2']);
    expect(subscribed()).toBe(1);
    expect(timed.code).toBe(0);
    expect(timed.stderr).toContain('mqtt-lab sub: stopped (2 s passed); 0 messages received.');
    // 2 s, then at most 2 s to say goodbye, and the start of a Node process.
    expect(timed.seconds).toBeLessThan(6.5);

    for (const [signal, why] of [['SIGINT', 'interrupted'], ['SIGTERM', 'terminated']] as const) {
      const before = subscribed();
      let signalledAt = 0;
      const run = await runCli(['sub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'silent/#', '-q', '1'], (child) => {
        void until(() => subscribed() > before).then(() => {
          signalledAt = performance.now();
          child.kill(signal);
        });
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(`mqtt-lab sub: stopped (${why}); 0 messages received.`);
      expect((performance.now() - signalledAt) / 1000).toBeLessThan(4);
    }
  } finally {
    await broker.stop();
  }
});
