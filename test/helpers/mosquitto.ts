import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** A TLS listener: MQTT over TLS, or WebSocket over TLS (wss) when `websockets` is set. */
export interface TlsListener {
  certfile: string;
  keyfile: string;
  /** The CA that client certificates are checked against. */
  cafile?: string;
  requireCertificate?: boolean;
  websockets?: boolean;
}

export interface BrokerOptions<TlsName extends string = never> {
  /** The plain MQTT port; give the port of a stopped broker to bring it back where its clients expect it. */
  port?: number;
  /** Users for a password file; when given, anonymous clients are refused. */
  users?: Record<string, string>;
  /** An ACL file's text; anonymous clients are governed by its lines before any `user` line. */
  acl?: string;
  websockets?: boolean;
  /** More mosquitto.conf lines, such as `max_qos 1`. */
  extraConfig?: string[];
  /** TLS listeners by a name the test chooses; each gets its own free port, found in `tlsPorts`. */
  tls?: Record<TlsName, TlsListener>;
}

export interface Broker<TlsName extends string = never> {
  host: string;
  port: number;
  wsPort: number | undefined;
  tlsPorts: Record<TlsName, number>;
  /** The mosquitto process, for tests that freeze it (SIGSTOP) to play a broker that stopped answering. */
  pid: number | undefined;
  stop(): Promise<void>;
}

function tlsListenerLines(port: number, listener: TlsListener): string[] {
  const lines = [`listener ${port} 127.0.0.1`, `certfile ${listener.certfile}`, `keyfile ${listener.keyfile}`];
  if (listener.websockets) lines.push('protocol websockets');
  if (listener.cafile) lines.push(`cafile ${listener.cafile}`);
  if (listener.requireCertificate) lines.push('require_certificate true');
  return lines;
}

/** Starts a real mosquitto on free loopback ports, with unlimited queues so bursts are not dropped. */
export async function startMosquitto<TlsName extends string = never>(options: BrokerOptions<TlsName> = {}): Promise<Broker<TlsName>> {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-mosquitto-'));
  // Started as root, mosquitto drops to its own user, which must still read the files we write here.
  chmodSync(dir, 0o755);
  const port = options.port ?? (await freePort());
  const wsPort = options.websockets ? await freePort() : undefined;
  const tlsListeners = Object.entries(options.tls ?? {}) as [TlsName, TlsListener][];
  const tlsPorts = {} as Record<TlsName, number>;
  for (const [name] of tlsListeners) tlsPorts[name] = await freePort();
  const lines = [
    'per_listener_settings false',
    'persistence false',
    'max_queued_messages 0',
    'max_inflight_messages 0',
    `listener ${port} 127.0.0.1`,
  ];
  if (wsPort) lines.push(`listener ${wsPort} 127.0.0.1`, 'protocol websockets');
  for (const [name, listener] of tlsListeners) lines.push(...tlsListenerLines(tlsPorts[name], listener));
  if (options.users) {
    const passwordFile = join(dir, 'passwords');
    writeFileSync(passwordFile, '');
    for (const [user, password] of Object.entries(options.users)) {
      execFileSync('mosquitto_passwd', ['-b', passwordFile, user, password]);
    }
    chmodSync(passwordFile, 0o644);
    lines.push(`password_file ${passwordFile}`, 'allow_anonymous false');
  } else {
    lines.push('allow_anonymous true');
  }
  if (options.acl !== undefined) {
    const aclFile = join(dir, 'acl');
    writeFileSync(aclFile, options.acl);
    lines.push(`acl_file ${aclFile}`);
  }
  lines.push(...(options.extraConfig ?? []));
  const configFile = join(dir, 'mosquitto.conf');
  writeFileSync(configFile, `${lines.join('\n')}\n`);

  const child = spawn('mosquitto', ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForPort(port, child, () => output);
    if (wsPort) await waitForPort(wsPort, child, () => output);
    for (const tlsPort of Object.values<number>(tlsPorts)) await waitForPort(tlsPort, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    wsPort,
    tlsPorts,
    pid: child.pid,
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited early (code ${child.exitCode}): ${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`mosquitto did not listen on ${port} within 10 s: ${output()}`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
