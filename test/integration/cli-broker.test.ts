import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runClient, startSubscriber } from '../helpers/broker-mosquitto-clients';
import { makeCertificates } from '../helpers/certs';
import type { TestCertificates } from '../helpers/certs';
import { cliBundle, removeCliBundle, runCli, startCli } from '../helpers/cli-bundle';
import type { RunningCli } from '../helpers/cli-bundle';
import { freePort } from '../helpers/free-port';
import { coreOn, makeTempDir, removeTempDir } from '../helpers/temp-core';

// `mqtt-lab broker` as CI runs it: a child process on a free port, real mosquitto clients, real signals.
let certificates: TestCertificates;
const running: RunningCli[] = [];
const subscribers: ReturnType<typeof startSubscriber>[] = [];

beforeAll(async () => {
  certificates = makeCertificates();
  await cliBundle();
}, 60_000);

afterEach(async () => {
  for (const subscriber of subscribers.splice(0)) await subscriber.stop();
  for (const broker of running.splice(0)) await broker.stop('SIGKILL');
});

afterAll(async () => {
  certificates.remove();
  await removeCliBundle();
});

async function startBroker(args: string[], ready: string | RegExp = 'Ready.'): Promise<RunningCli> {
  const broker = await startCli(['broker', ...args]);
  running.push(broker);
  await broker.waitForOutput(ready);
  return broker;
}

describe('mqtt-lab broker', () => {
  it('carries MQTT 5 and 3.1.1 messages, logs connects and disconnects, and stops on SIGTERM with exit 0 and a summary', async () => {
    const port = await freePort();
    const broker = await startBroker(['-p', String(port)]);
    expect(broker.output().stdout).toContain(`Listening (MQTT): mqtt://127.0.0.1:${port}`);

    const subscriber = startSubscriber(['-p', String(port), '-V', 'mqttv5', '-i', 'sub-v5', '-t', 'lab/#', '-q', '1', '-v']);
    subscribers.push(subscriber);
    await broker.waitForOutput(/sub-v5 connected from 127\.0\.0\.1:\d+: MQTT 5\.0/);
    const published = await runClient('mosquitto_pub', ['-p', String(port), '-V', 'mqttv311', '-i', 'pub-v311', '-t', 'lab/one', '-m', 'hello', '-q', '1']);
    expect(published.code).toBe(0);
    await subscriber.waitForLine((line) => line === 'lab/one hello');
    await broker.waitForOutput(/pub-v311 connected from 127\.0\.0\.1:\d+: MQTT 3\.1\.1, keepalive 60 s, clean session/);
    await broker.waitForOutput('pub-v311 disconnected: the client sent DISCONNECT.');

    const run = await broker.stop('SIGTERM');
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(0);
    // The subscriber still connected is closed by the stop, and the log says so.
    expect(run.stdout).toContain('sub-v5 disconnected: the broker stopped.');
    expect(run.stdout).toMatch(/Stopped \(terminated\) after [\d.]+ s: 2 connections accepted, 0 refused, 1 client closed at the stop; \d+ packets through the broker\./);
  });

  it('stops on SIGINT (Ctrl+C) with exit 0, and serves TLS with the given certificate and key', async () => {
    const [port, tlsPort] = [await freePort(), await freePort()];
    const broker = await startBroker(['-p', String(port), '--tls-port', String(tlsPort), '--cert', certificates.server.cert.path, '--key', certificates.server.key.path]);
    expect(broker.output().stdout).toContain(`Listening (TLS): mqtts://127.0.0.1:${tlsPort}`);
    const subscriber = startSubscriber(['-h', '127.0.0.1', '-p', String(tlsPort), '--cafile', certificates.ca.path, '-V', 'mqttv5', '-i', 'tls-sub', '-t', 'secure', '-C', '1']);
    subscribers.push(subscriber);
    await broker.waitForOutput('tls-sub connected');
    const published = await runClient('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(tlsPort), '--cafile', certificates.ca.path, '-t', 'secure', '-m', 'over tls']);
    expect(published.code).toBe(0);
    await subscriber.waitForLine((line) => line === 'over tls');

    const run = await broker.stop('SIGINT');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Stopped (interrupted)');
  });

  it('with -u, refuses a wrong password (CONNACK 5 on MQTT 3.1.1, logged with the reason) and accepts the right one', async () => {
    const port = await freePort();
    const broker = await startBroker(['-p', String(port), '-u', 'alice:s3cret:with-colon', '-u', 'bob:pw']);
    const refused = await runClient('mosquitto_pub', ['-p', String(port), '-i', 'intruder', '-u', 'alice', '-P', 'guess', '-t', 't', '-m', 'x']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/not authori[sz]ed|bad user name or password/i);
    await broker.waitForOutput('intruder from 127.0.0.1');
    expect(broker.output().stdout).toMatch(/intruder from 127\.0\.0\.1:\d+ was refused: .*wrong password for user alice\./);

    const accepted = await runClient('mosquitto_pub', ['-p', String(port), '-V', 'mqttv5', '-i', 'alice-pub', '-u', 'alice', '-P', 's3cret:with-colon', '-t', 't', '-m', 'x']);
    expect(accepted.code).toBe(0);
    await broker.waitForOutput(/alice-pub connected from .*user alice/);
    const run = await broker.stop('SIGTERM');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 connection accepted, 1 refused');
  });

  it('with --json, prints every line as a JSON object: ready with the listeners, each log entry, the summary', async () => {
    const port = await freePort();
    const broker = await startBroker(['-p', String(port), '--json'], '"kind":"ready"');
    const published = await runClient('mosquitto_pub', ['-p', String(port), '-i', 'json-pub', '-t', 't', '-m', 'x']);
    expect(published.code).toBe(0);
    await broker.waitForOutput('json-pub disconnected');
    const run = await broker.stop('SIGTERM');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; clientId?: string; listeners?: { port: number }[]; connections?: number });
    expect(lines.map((line) => line.kind)).toEqual(['ready', 'start', 'connect', 'disconnect', 'stop', 'stopped']);
    expect(lines[0]?.listeners?.[0]?.port).toBe(port);
    expect(lines[2]?.clientId).toBe('json-pub');
    expect(lines.at(-1)?.connections).toBe(1);
  });

  it('with --data-dir, starts from the broker settings the app saved there (users, TLS, sealed secrets), flags overriding the ports', async () => {
    const dataDir = makeTempDir();
    try {
      const core = coreOn(dataDir);
      const saved = await core.router.dispatch('broker.saveSettings', {
        settings: {
          bindAddress: '127.0.0.1',
          tcpPort: 1,
          websocket: { enabled: false, port: 8083 },
          tls: { enabled: true, port: 2, cert: { name: 'server.crt', pem: certificates.server.cert.pem }, keyName: 'server.key' },
          auth: 'users',
          autoStart: false,
          users: [{ username: 'carol', password: 'from-the-app' }],
          tlsKey: certificates.server.key.pem,
        },
      });
      expect(saved.ok).toBe(true);
      await core.close();
      const [port, tlsPort] = [await freePort(), await freePort()];
      // Only the ports on the command line: the certificate and its key come from the app's settings.
      const broker = await startBroker(['--data-dir', dataDir, '-p', String(port), '--tls-port', String(tlsPort)]);
      expect(broker.output().stdout).toContain(`Listening (MQTT): mqtt://127.0.0.1:${port}`);
      expect(broker.output().stdout).toContain(`Listening (TLS): mqtts://127.0.0.1:${tlsPort}`);
      const overTls = await runClient('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(tlsPort), '--cafile', certificates.ca.path, '-i', 'carol-tls', '-u', 'carol', '-P', 'from-the-app', '-t', 't', '-m', 'x']);
      expect(overTls.code).toBe(0);
      const anonymous = await runClient('mosquitto_pub', ['-p', String(port), '-i', 'nobody', '-t', 't', '-m', 'x']);
      expect(anonymous.code).not.toBe(0);
      const carol = await runClient('mosquitto_pub', ['-p', String(port), '-i', 'carol-pub', '-u', 'carol', '-P', 'from-the-app', '-t', 't', '-m', 'x']);
      expect(carol.code).toBe(0);
      await broker.waitForOutput('nobody from 127.0.0.1');
      await broker.waitForOutput(/carol-pub connected from .*user carol/);
      expect((await broker.stop('SIGTERM')).code).toBe(0);
    } finally {
      removeTempDir(dataDir);
    }
  });

  it('exits 2 with a specific message when its port is in use, and frees nothing it did not take', async () => {
    const port = await freePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const run = await runCli(['broker', '-p', String(port)], 15_000);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`Port ${port} \\(MQTT\\) is already in use on 127\\.0\\.0\\.1: another program, perhaps another MQTT broker, is listening there\\. Port \\d+ is free`));
      expect(squatter.listening).toBe(true);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it.each([
    [['-p', '0'], '-p takes a whole number from 1 to 65535, not "0".'],
    [['--ws', 'eighty'], '--ws takes a whole number from 1 to 65535, not "eighty".'],
    [['-u', 'alice'], '-u takes USER:PASSWORD, such as -u alice:secret, not "alice".'],
    [['-u', ':pw'], '-u ":pw" has no user name before the colon.'],
    [['-u', 'bob:1', '-u', 'bob:2'], '-u: bob is listed twice.'],
    [['-p', '1884', '--ws', '1884'], '--ws: Port 1884 is used by another listener of this broker.'],
    [['--tls-port', '8883'], 'The TLS listener needs both --cert FILE (the server certificate) and --key FILE (its private key).'],
    [['--cert', '/no/such/server.crt', '--key', '/no/such/server.key'], 'The TLS certificate file /no/such/server.crt could not be read (ENOENT).'],
    [['--host', 'not-an-address', '-p', '1'], 'not-an-address is not an IP address, so the broker cannot listen on it.'],
    [['--verbose'], 'Unknown option --verbose.'],
  ])('exits 2 for %j, saying what is wrong', async (args, message) => {
    const run = await runCli(['broker', ...args], 15_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).not.toContain('Ready.');
  });

  it('exits 2 naming the key when the TLS key does not belong to the certificate', async () => {
    const run = await runCli(['broker', '-p', String(await freePort()), '--tls-port', String(await freePort()), '--cert', certificates.server.cert.path, '--key', certificates.client.key.path], 15_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not belong to the certificate');
  });
});
