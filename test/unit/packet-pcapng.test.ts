import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksum, pcapng } from '../../electron/core/packets/pcapng';
import type { CapturedPacket } from '../../electron/core/packets/pcapng';
import { bytesOf, fixtures } from '../fixtures/packet-encodings';

const hexOf = (name: string) => bytesOf(fixtures.find((f) => f.name === name)?.hex ?? '');

const bigPublish = (() => {
  // PUBLISH QoS 0, topic "b", 3000 payload bytes: Remaining Length 3003 = 0xBB 0x17 (59 + 23 × 128).
  const bytes = new Uint8Array(3 + 3 + 3000);
  bytes.set([0x30, 0xbb, 0x17, 0x00, 0x01, 0x62]);
  bytes.fill(0x41, 6);
  return bytes;
})();

const session: CapturedPacket[] = [
  { time: 1_700_000_000_000, direction: 'sent', bytes: hexOf('CONNECT 3.1.1 with clean session, user name and password'), newConnection: true },
  { time: 1_700_000_000_010.5, direction: 'received', bytes: hexOf('CONNACK 3.1.1 refusing: return code 5') },
  { time: 1_700_000_000_020, direction: 'sent', bytes: hexOf('PUBLISH 3.1.1 QoS 0') },
  { time: 1_700_000_000_030, direction: 'sent', bytes: bigPublish },
];

interface Block {
  type: number;
  body: DataView;
}

function blocks(file: Uint8Array): Block[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: Block[] = [];
  for (let at = 0; at < file.length; ) {
    const type = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    expect(length % 4).toBe(0);
    expect(view.getUint32(at + length - 4, true)).toBe(length);
    out.push({ type, body: new DataView(file.buffer, file.byteOffset + at + 8, length - 12) });
    at += length;
  }
  return out;
}

describe('pcapng export', () => {
  const file = pcapng(session);
  const all = blocks(file);

  it('writes a section header, one Ethernet interface, then one enhanced packet block per TCP segment', () => {
    expect(all[0]?.type).toBe(0x0a0d0d0a);
    expect(all[0]?.body.getUint32(0, true)).toBe(0x1a2b3c4d);
    expect(all[1]?.type).toBe(1);
    expect(all[1]?.body.getUint16(0, true)).toBe(1);
    // 3 small packets + the 3006-byte PUBLISH in segments of 1460, 1460 and 86.
    expect(all.slice(2).map((b) => b.type)).toEqual([6, 6, 6, 6, 6, 6]);
  });

  it('wraps each packet in Ethernet/IPv4/TCP with correct lengths, ports, sequence numbers and checksums', () => {
    const frames = all.slice(2).map((b) => {
      const captured = b.body.getUint32(12, true);
      expect(b.body.getUint32(16, true)).toBe(captured);
      return new Uint8Array(b.body.buffer, b.body.byteOffset + 20, captured);
    });
    const payloads: Uint8Array[] = [];
    const seqs: number[] = [];
    for (const frame of frames) {
      const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
      expect(view.getUint16(12)).toBe(0x0800);
      expect(frame[14]).toBe(0x45);
      expect(view.getUint16(16)).toBe(frame.length - 14);
      expect(frame[23]).toBe(6);
      expect(checksum(frame.subarray(14, 34))).toBe(0);
      const fromClient = frame[29] === 1;
      expect(view.getUint16(34)).toBe(fromClient ? 50_000 : 1883);
      expect(view.getUint16(36)).toBe(fromClient ? 1883 : 50_000);
      seqs.push(view.getUint32(38));
      const pseudo = new Uint8Array(12 + frame.length - 34);
      pseudo.set(frame.subarray(26, 34), 0);
      pseudo[9] = 6;
      new DataView(pseudo.buffer).setUint16(10, frame.length - 34);
      pseudo.set(frame.subarray(34), 12);
      expect(checksum(pseudo)).toBe(0);
      payloads.push(frame.subarray(54));
    }
    expect(payloads[0]).toEqual(session[0]?.bytes);
    expect(payloads[1]).toEqual(session[1]?.bytes);
    expect(payloads[2]).toEqual(session[2]?.bytes);
    expect(payloads.slice(3).map((p) => p.length)).toEqual([1460, 1460, 86]);
    // Client sequence numbers advance by the bytes it sent: 1, 27 (after the 26-byte CONNECT), 38, 1498, 2958.
    expect(seqs).toEqual([1, 1, 27, 38, 1498, 2958]);
  });

  it('stamps microseconds since the epoch', () => {
    const packet = all[3]!.body;
    const micros = (BigInt(packet.getUint32(4, true)) << 32n) | BigInt(packet.getUint32(8, true));
    expect(micros).toBe(1_700_000_000_010_500n);
  });

  const tshark = spawnSync('tshark', ['--version']).status === 0;
  it.skipIf(!tshark)('opens in tshark, whose MQTT dissector decodes every packet', () => {
    const directory = mkdtempSync(join(tmpdir(), 'mqtt-lab-pcapng-'));
    try {
      const path = join(directory, 'session.pcapng');
      writeFileSync(path, file);
      const out = execFileSync('tshark', ['-r', path, '-Y', 'mqtt', '-T', 'fields', '-e', 'mqtt.msgtype', '-e', 'mqtt.topic', '-e', 'mqtt.username', '-e', 'mqtt.conack.val'], { encoding: 'utf8' });
      expect(out.split('\n').filter((line) => line.length > 0).map((line) => line.split('\t'))).toEqual([
        ['1', '', 'bob', ''],
        ['2', '', '', '5'],
        ['3', 'a/b', '', ''],
        ['3', 'b', '', ''],
      ]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
