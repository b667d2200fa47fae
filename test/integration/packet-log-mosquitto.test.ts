import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTcp } from 'node:net';
import { promisify } from 'node:util';
import { generate } from 'mqtt-packet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { dissect } from '../../shared/packets/anatomy';
import type { Field } from '../../shared/packets/field';
import type { PacketBytes, PacketRow } from '../../shared/packets/packet-row';
import { base64ToBytes } from '../../shared/payload/preview';
import { saveAndConnect, watchHistory } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

const run = promisify(execFile);

async function invoke<T>(core: AppCore, channel: string, input: unknown): Promise<T> {
  const result = await core.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function field(fields: Field[], name: string): Field {
  const found = fields.find((f) => f.name === name);
  if (!found) throw new Error(`No field ${name} in ${fields.map((f) => f.name).join(', ')}`);
  return found;
}

describe('the packet log against a real mosquitto', () => {
  let broker: Broker;
  let core: AppCore;

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });
  afterEach(async () => {
    await core?.close();
  });

  async function waitForPackets(connectionId: string, predicate: (rows: PacketRow[]) => boolean): Promise<PacketRow[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { packets } = await invoke<{ packets: PacketRow[] }>(core, 'packets.list', { connectionId, afterSeq: 0, limit: 5000 });
      if (predicate(packets)) return packets;
      if (Date.now() > deadline) throw new Error(`Packets never matched: ${packets.map((p) => `${p.direction} ${p.cmd}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('lists an MQTT 5 session packet by packet and dissects each, QoS 2 with properties included', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    const feed = watchHistory(core, connectionId);
    await invoke(core, 'subscription.add', { connectionId, filter: 'inspect/#', qos: 2 });
    await run('mosquitto_pub', [
      ...['-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-t', 'inspect/a', '-q', '2', '-m', 'hello'],
      ...['-D', 'publish', 'content-type', 'text/plain'],
      ...['-D', 'publish', 'user-property', 'site', 'north'],
      ...['-D', 'publish', 'message-expiry-interval', '3600'],
    ]);
    await feed.waitForRows(1);
    await invoke(core, 'message.publish', { connectionId, topic: 'inspect/b', qos: 2, retain: false, payload: 'out', encoding: 'utf8' });
    const rows = await waitForPackets(connectionId, (r) => r.filter((p) => p.cmd === 'pubcomp').length >= 2 && r.some((p) => p.direction === 'received' && p.topic === 'inspect/b'));

    expect(rows.slice(0, 4).map((p) => `${p.direction} ${p.cmd}`)).toEqual(['sent connect', 'received connack', 'sent subscribe', 'received suback']);
    expect(rows.map((p) => p.seq)).toEqual(rows.map((_, i) => i + 1));
    const incoming = rows.find((p) => p.direction === 'received' && p.cmd === 'publish' && p.topic === 'inspect/a');
    expect(incoming).toMatchObject({ qos: 2, dup: false, retain: false });
    expect(incoming?.packetId).toBeGreaterThan(0);

    for (const row of rows) {
      const got = await invoke<PacketBytes>(core, 'packets.get', { source: 'client', connectionId, seq: row.seq });
      expect(got).toMatchObject({ protocolVersion: 5, reEncoded: false });
      const bytes = base64ToBytes(got.bytesBase64);
      expect(bytes.length, `${row.cmd} size`).toBe(row.size);
      const d = dissect(bytes, 5);
      expect(d.problems, `${row.direction} ${row.cmd}`).toEqual([]);
      expect(d.type).toBe(row.cmd.toUpperCase());
    }

    const bytes = base64ToBytes((await invoke<PacketBytes>(core, 'packets.get', { source: 'client', connectionId, seq: incoming!.seq })).bytesBase64);
    const d = dissect(bytes, 5);
    expect(field(d.fields, 'Topic Name').value).toBe('"inspect/a"');
    expect(field(d.fields, 'Packet Identifier')).toMatchObject({ start: 13, end: 15, spec: '3.3.2.2', value: `0x${incoming!.packetId!.toString(16).toUpperCase().padStart(4, '0')} (${incoming!.packetId})` });
    expect(field(d.fields, 'QoS').value).toBe('2');
    const properties = field(d.fields, 'Properties').children ?? [];
    expect(properties.map((p) => [p.name, p.value])).toEqual(
      expect.arrayContaining([
        ['Content Type', '"text/plain"'],
        ['User Property', '"site" = "north"'],
      ]),
    );
    expect(properties.find((p) => p.name === 'Message Expiry Interval')?.spec).toBe('3.3.2.3.3');
    expect(field(d.fields, 'Payload').value).toBe('"hello" (5 bytes)');

    const pubrel = rows.find((p) => p.direction === 'sent' && p.cmd === 'pubrel');
    const relBytes = base64ToBytes((await invoke<PacketBytes>(core, 'packets.get', { source: 'client', connectionId, seq: pubrel!.seq })).bytesBase64);
    expect(relBytes[0]).toBe(0x62);
    expect(field(dissect(relBytes, 5).fields, 'Packet Identifier').value).toContain(`(${pubrel!.packetId})`);
  });

  it('lists and dissects an MQTT 3.1.1 session', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 4 }));
    await invoke(core, 'subscription.add', { connectionId, filter: 'old/#', qos: 1 });
    await invoke(core, 'message.publish', { connectionId, topic: 'old/x', qos: 1, retain: true, payload: '42', encoding: 'utf8' });
    const rows = await waitForPackets(connectionId, (r) => r.some((p) => p.direction === 'received' && p.cmd === 'publish'));
    const connect = await invoke<PacketBytes>(core, 'packets.get', { source: 'client', connectionId, seq: 1 });
    expect(connect.protocolVersion).toBe(4);
    const d = dissect(base64ToBytes(connect.bytesBase64), 4);
    expect(d.problems).toEqual([]);
    expect(field(d.fields, 'Protocol Level').value).toBe('0x04 (4) (MQTT 3.1.1)');
    expect(field(d.fields, 'Connect Flags').children?.find((c) => c.name === 'Clean Session')?.spec).toBe('3.1.2.4');

    const suback = rows.find((p) => p.cmd === 'suback');
    const sub = dissect(base64ToBytes((await invoke<PacketBytes>(core, 'packets.get', { source: 'client', connectionId, seq: suback!.seq })).bytesBase64), 4);
    expect(field(sub.fields, 'Return Code').value).toBe('0x01 (1) Success, maximum QoS 1');

    const sent = rows.find((p) => p.direction === 'sent' && p.cmd === 'publish');
    expect(sent).toMatchObject({ topic: 'old/x', qos: 1, retain: true });
    const pub = dissect(base64ToBytes((await invoke<PacketBytes>(core, 'packets.get', { source: 'client', connectionId, seq: sent!.seq })).bytesBase64), 4);
    expect(pub.problems).toEqual([]);
    expect(field(pub.fields, 'RETAIN').value).toBe('1');
    // The re-encoding matches what mqtt-packet would have put on the wire for the same packet.
    expect(Buffer.from(base64ToBytes((await invoke<PacketBytes>(core, 'packets.get', { source: 'client', connectionId, seq: sent!.seq })).bytesBase64))).toEqual(
      generate({ cmd: 'publish', topic: 'old/x', qos: 1, retain: true, dup: false, messageId: sent!.packetId!, payload: Buffer.from('42') }, { protocolVersion: 4 }),
    );

    const exported = await invoke<{ content: string; count: number; encoding: string }>(core, 'packets.export', { connectionId, format: 'json' });
    const json = JSON.parse(exported.content) as { packets: (PacketRow & { bytesBase64: string })[] };
    expect(json.packets.length).toBe(exported.count);
    expect(json.packets[0]).toMatchObject({ seq: 1, cmd: 'connect', direction: 'sent', protocolVersion: 4 });
    expect(base64ToBytes(json.packets[0]!.bytesBase64)).toEqual(base64ToBytes(connect.bytesBase64));
  });

  it('exports the session as pcapng that tshark decodes packet by packet', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    await invoke(core, 'subscription.add', { connectionId, filter: 'cap/#', qos: 1 });
    await invoke(core, 'message.publish', { connectionId, topic: 'cap/x', qos: 1, retain: false, payload: 'p', encoding: 'utf8' });
    const rows = await waitForPackets(connectionId, (r) => r.filter((p) => p.cmd === 'puback').length >= 2);
    const exported = await invoke<{ fileName: string; content: string; encoding: string; count: number }>(core, 'packets.export', { connectionId, format: 'pcapng' });
    expect(exported).toMatchObject({ encoding: 'base64', count: rows.length });
    expect(exported.fileName).toMatch(/-packets\.pcapng$/);
    const file = base64ToBytes(exported.content);
    expect(Buffer.from(file.subarray(0, 4)).readUInt32LE(0)).toBe(0x0a0d0d0a);
    if (spawnSync('tshark', ['--version']).status !== 0) return;
    const directory = mkdtempSync(join(tmpdir(), 'mqtt-lab-pcapng-'));
    try {
      const path = join(directory, 'session.pcapng');
      writeFileSync(path, file);
      const out = execFileSync('tshark', ['-r', path, '-Y', 'mqtt', '-T', 'fields', '-e', 'mqtt.msgtype'], { encoding: 'utf8' });
      const types = ['', 'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'suback', 'unsubscribe', 'unsuback', 'pingreq', 'pingresp', 'disconnect', 'auth'];
      const seen = out.split('\n').filter((line) => line.length > 0).flatMap((line) => line.split(',').map((code) => types[Number(code)]));
      expect(seen).toEqual(rows.map((p) => p.cmd));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('shows every packet of a session with the bytes tshark captured on the loopback, both ways', async () => {
    // tshark prints each segment as it captures it, so the test can see when capturing has begun
    // (a probe connection shows up) and when the session's last bytes are in, even on a loaded machine.
    const capture = spawn('tshark', ['-i', 'lo', '-f', `tcp port ${broker.port}`, '-l', '-T', 'fields', '-e', 'tcp.srcport', '-e', 'tcp.dstport', '-e', 'tcp.payload'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[][] = [];
    let pending = '';
    capture.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete) lines.push(line.split('\t'));
    });
    const exited = new Promise<void>((resolve) => capture.once('exit', () => resolve()));
    try {
      // A live capture needs the right to capture; where there is none, the scripted-broker test covers the same.
      const probePort = await probeUntilCaptured(broker.port, lines, exited);
      if (probePort === undefined) return;
      core = createTempCore();
      const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
      await invoke(core, 'subscription.add', { connectionId, filter: 'live/#', qos: 2 });
      await invoke(core, 'message.publish', { connectionId, topic: 'live/a', qos: 2, retain: false, payload: 'two', encoding: 'utf8' });
      await invoke(core, 'message.publish', { connectionId, topic: 'live/b', qos: 1, retain: false, payload: 'one', encoding: 'utf8' });
      await invoke(core, 'subscription.remove', { connectionId, filter: 'live/#' });
      await waitForPackets(connectionId, (r) => r.filter((p) => p.cmd === 'pubcomp').length >= 2 && r.filter((p) => p.cmd === 'puback').length >= 2 && r.some((p) => p.cmd === 'unsuback'));
      await invoke(core, 'connection.disconnect', { connectionId });
      const rows = await waitForPackets(connectionId, (r) => r.some((p) => p.cmd === 'disconnect'));

      const shown = { sent: '', received: '' };
      for (const row of rows) {
        const got = await invoke<PacketBytes>(core, 'packets.get', { source: 'client', connectionId, seq: row.seq });
        expect(got.reEncoded, `${row.direction} ${row.cmd}`).toBe(false);
        shown[row.direction] += Buffer.from(base64ToBytes(got.bytesBase64)).toString('hex');
      }
      const captured = () => {
        const bytes = { sent: '', received: '' };
        for (const [source, destination, payload] of lines) {
          if (!payload || source === String(probePort) || destination === String(probePort)) continue;
          bytes[source === String(broker.port) ? 'received' : 'sent'] += payload.replace(/:/g, '');
        }
        return bytes;
      };
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (captured().sent.length < shown.sent.length || captured().received.length < shown.received.length)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(shown.received).toBe(captured().received);
      expect(shown.sent).toBe(captured().sent);
    } finally {
      if (capture.exitCode === null) capture.kill('SIGINT');
      await exited;
    }
  });

  it('answers not_found for a packet the log does not hold', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
    const result = await core.router.dispatch('packets.get', { source: 'client', connectionId, seq: 9999 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', message: "Packet 9999 is no longer in this connection's packet log." } });
  });
});

/**
 * Connects to `port` again and again until tshark shows one of those connections, so the session
 * under test starts only once the capture sees everything; the probe's port, or undefined when
 * tshark cannot capture here (it exits, or shows nothing within 10 s).
 */
async function probeUntilCaptured(port: number, lines: readonly string[][], exited: Promise<void>): Promise<number | undefined> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 10_000;
  while (!gone && Date.now() < deadline) {
    const probe = await new Promise<number | undefined>((resolve) => {
      const socket = connectTcp(port, '127.0.0.1', () => {
        const local = socket.localPort;
        socket.end();
        resolve(local);
      });
      socket.on('error', () => resolve(undefined));
    });
    const until = Date.now() + 500;
    while (probe !== undefined && Date.now() < until) {
      if (lines.some(([source, destination]) => source === String(probe) || destination === String(probe))) return probe;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return undefined;
}
