import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Packet } from 'mqtt-packet';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { PacketBytes, PacketRow } from '../../shared/packets/packet-row';
import { base64ToBytes } from '../../shared/payload/preview';
import { saveAndConnect, waitForSnapshot } from '../helpers/core-waits';
import { profileFor } from '../helpers/profiles';
import { hex, startScriptedBroker } from '../helpers/scripted-broker';
import type { ScriptedBroker, ScriptedSession } from '../helpers/scripted-broker';
import { createTempCore } from '../helpers/temp-core';

let core: AppCore | undefined;
let scripted: ScriptedBroker | undefined;
afterEach(async () => {
  await core?.close();
  await scripted?.stop();
  core = undefined;
  scripted = undefined;
});

async function invoke<T>(channel: string, input: unknown): Promise<T> {
  if (!core) throw new Error('no core');
  const result = await core.router.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const id = (messageId: number | undefined) => Buffer.from([((messageId ?? 0) >> 8) & 0xff, (messageId ?? 0) & 0xff]);

/**
 * What the broker sends, chosen where a re-encoding from the parsed packet would differ: reason
 * codes that are 0 with an empty property length (`50 04 … 00 00`), a CONNACK with properties, a
 * PUBLISH with properties, and one whose Remaining Length takes two bytes where one would do.
 */
const script = {
  5: {
    connack: hex('20 0b 00 00 08 21 00 14 22 00 0a 25 01'),
    suback: (messageId?: number) => Buffer.concat([hex('90 04'), id(messageId), hex('00 01')]),
    // QoS 1, topic "t/in", packet id 0x0101, a User Property k=v, payload "hi".
    publishWithProperties: hex('32 12 00 04 74 2f 69 6e 01 01 07 26 00 01 6b 00 01 76 68 69'),
    // QoS 0, Remaining Length 9 written as 89 00; payload "q0".
    publishLongLength: hex('30 89 00 00 04 74 2f 69 6e 00 71 30'),
    // QoS 2, packet id 0x0102, payload "q2".
    publishQos2: hex('34 0b 00 04 74 2f 69 6e 01 02 00 71 32'),
    pubrel: hex('62 04 01 02 00 00'),
    pubrec: (messageId?: number) => Buffer.concat([hex('50 04'), id(messageId), hex('00 00')]),
    pubcomp: (messageId?: number) => Buffer.concat([hex('70 04'), id(messageId), hex('00 00')]),
    puback: (messageId?: number) => Buffer.concat([hex('40 03'), id(messageId), hex('00')]),
    unsuback: (messageId?: number) => Buffer.concat([hex('b0 04'), id(messageId), hex('00 00')]),
  },
  4: {
    connack: hex('20 02 00 00'),
    suback: (messageId?: number) => Buffer.concat([hex('90 03'), id(messageId), hex('01')]),
    publishWithProperties: hex('32 0a 00 04 74 2f 69 6e 01 01 68 69'),
    publishLongLength: hex('30 88 00 00 04 74 2f 69 6e 71 30'),
    publishQos2: hex('34 0a 00 04 74 2f 69 6e 01 02 71 32'),
    pubrel: hex('62 02 01 02'),
    pubrec: (messageId?: number) => Buffer.concat([hex('50 02'), id(messageId)]),
    pubcomp: (messageId?: number) => Buffer.concat([hex('70 02'), id(messageId)]),
    puback: (messageId?: number) => Buffer.concat([hex('40 02'), id(messageId)]),
    unsuback: (messageId?: number) => Buffer.concat([hex('b0 02'), id(messageId)]),
  },
} as const;

/** Answers each packet of the client by the script; the incoming messages follow the SUBACK. */
function answer(version: 4 | 5) {
  const says = script[version];
  return (packet: Packet, session: ScriptedSession) => {
    const messageId = 'messageId' in packet ? packet.messageId : undefined;
    switch (packet.cmd) {
      case 'subscribe':
        session.write(says.suback(messageId));
        session.write(says.publishWithProperties);
        session.write(says.publishLongLength);
        session.write(says.publishQos2);
        break;
      case 'pubrec':
        session.write(says.pubrel);
        break;
      case 'publish':
        if (packet.qos > 0) session.write(packet.qos === 2 ? says.pubrec(messageId) : says.puback(messageId));
        break;
      case 'pubrel':
        session.write(says.pubcomp(messageId));
        break;
      case 'unsubscribe':
        session.write(says.unsuback(messageId));
        break;
      case 'pingreq':
        session.write(hex('d0 00'));
        break;
      default:
        break;
    }
  };
}

async function rowsOf(connectionId: string): Promise<PacketRow[]> {
  return (await invoke<{ packets: PacketRow[] }>('packets.list', { connectionId, afterSeq: 0, limit: 1000 })).packets;
}

/** The payload of each TCP segment tshark reads in the pcapng export, joined per direction. */
function tsharkStreams(file: Uint8Array): { sent: string; received: string } | undefined {
  if (spawnSync('tshark', ['--version']).status !== 0) return undefined;
  const directory = mkdtempSync(join(tmpdir(), 'mqtt-lab-wire-'));
  try {
    const path = join(directory, 'export.pcapng');
    writeFileSync(path, file);
    const out = execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', 'tcp.srcport', '-e', 'tcp.payload'], { encoding: 'utf8' });
    const streams = { sent: '', received: '' };
    for (const line of out.split('\n')) {
      const [port, payload] = line.split('\t');
      if (!payload) continue;
      if (port === '1883') streams.received += payload.replace(/:/g, '');
      else streams.sent += payload.replace(/:/g, '');
    }
    return streams;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('the bytes shown and exported for each packet are the bytes that crossed the socket', () => {
  for (const version of [5, 4] as const) {
    it(`in both directions, every packet type, MQTT ${version === 5 ? '5 (broker ends with DISCONNECT)' : '3.1.1 (the user disconnects)'}`, async () => {
      scripted = await startScriptedBroker((session) => session.write(script[version].connack), answer(version));
      core = createTempCore();
      const profile = profileFor(scripted.port, { protocolVersion: version, keepalive: 1, reconnect: { enabled: false, initialDelayMs: 200, maxDelayMs: 2000, jitterPercent: 20, maxAttempts: 0 } });
      const connectionId = await saveAndConnect(core, profile);
      const session = scripted.sessions[0];
      if (!session) throw new Error('no session');

      await invoke('subscription.add', { connectionId, filter: 't/#', qos: 1 });
      await session.waitFor((packet) => packet.cmd === 'pubcomp');
      await invoke('message.publish', { connectionId, topic: 't/out', qos: 2, retain: false, payload: 'two', encoding: 'utf8' });
      await invoke('message.publish', { connectionId, topic: 't/out', qos: 1, retain: true, payload: 'one', encoding: 'utf8' });
      await invoke('message.publish', { connectionId, topic: 't/out', qos: 0, retain: false, payload: 'zero', encoding: 'utf8' });
      await invoke('subscription.remove', { connectionId, filter: 't/#' });
      // Keepalive 1 s: the client pings, and the script answers.
      await session.waitFor((packet) => packet.cmd === 'pingreq', 5000);
      await waitForRows(connectionId, (rows) => rows.some((row) => row.cmd === 'pingresp'));
      if (version === 5) {
        // DISCONNECT 0x8B (server shutting down) with a Reason String "bye!!".
        session.write(hex('e0 0a 8b 08 1f 00 05 62 79 65 21 21'));
        session.socket.end();
        await waitForSnapshot(core, connectionId, (snapshot) => snapshot.status.state === 'disconnected');
      } else {
        await invoke('connection.disconnect', { connectionId });
        await session.closed;
      }

      const rows = await rowsOf(connectionId);
      const types = (direction: string) => new Set(rows.filter((row) => row.direction === direction).map((row) => row.cmd));
      expect([...types('sent')].sort()).toEqual(['connect', 'pingreq', 'puback', 'pubcomp', 'publish', 'pubrec', 'pubrel', 'subscribe', 'unsubscribe', ...(version === 4 ? ['disconnect'] : [])].sort());
      expect([...types('received')].sort()).toEqual(['connack', 'pingresp', 'puback', 'pubcomp', 'publish', 'pubrec', 'pubrel', 'suback', 'unsuback', ...(version === 5 ? ['disconnect'] : [])].sort());

      const shown = { sent: [] as Buffer[], received: [] as Buffer[] };
      const labels = [];
      for (const row of rows) {
        const got = await invoke<PacketBytes>('packets.get', { source: 'client', connectionId, seq: row.seq });
        const bytes = Buffer.from(base64ToBytes(got.bytesBase64));
        labels.push({ seq: row.seq, cmd: row.cmd, reEncoded: got.reEncoded, size: bytes.length, listedSize: row.size });
        shown[row.direction].push(bytes);
      }
      // Packet by packet, the same bytes in the same order as each end logged.
      expect(Buffer.concat(shown.received).toString('hex')).toBe(Buffer.concat(session.bytesSent).toString('hex'));
      expect(Buffer.concat(shown.sent).toString('hex')).toBe(Buffer.concat(session.bytesReceived).toString('hex'));
      // Not labelled re-encoded, and listed with the size shown.
      expect(labels).toEqual(labels.map((label) => ({ ...label, reEncoded: false, listedSize: label.size })));

      const exported = await invoke<{ content: string; count: number }>('packets.export', { connectionId, format: 'pcapng' });
      expect(exported.count).toBe(rows.length);
      const captured = tsharkStreams(base64ToBytes(exported.content));
      if (captured) {
        expect(captured.received).toBe(Buffer.concat(session.bytesSent).toString('hex'));
        expect(captured.sent).toBe(Buffer.concat(session.bytesReceived).toString('hex'));
      }
      const json = JSON.parse((await invoke<{ content: string }>('packets.export', { connectionId, format: 'json' })).content) as { packets: { direction: string; bytesBase64: string; reEncoded: boolean }[] };
      const jsonReceived = json.packets.filter((packet) => packet.direction === 'received').map((packet) => Buffer.from(base64ToBytes(packet.bytesBase64)));
      expect(Buffer.concat(jsonReceived).toString('hex')).toBe(Buffer.concat(session.bytesSent).toString('hex'));
      expect(json.packets.every((packet) => !packet.reEncoded)).toBe(true);
    });
  }
});

async function waitForRows(connectionId: string, predicate: (rows: PacketRow[]) => boolean): Promise<PacketRow[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const rows = await rowsOf(connectionId);
    if (predicate(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`Packets never matched: ${rows.map((row) => `${row.direction} ${row.cmd}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
