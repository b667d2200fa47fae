import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecording } from '../../electron/core/recording/recording-reader';
import { RecordingWriter } from '../../electron/core/recording/recording-writer';
import type { MessageRecord, RecordingRecord } from '../../shared/recording/records';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../shared/recording/records';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';

const folders: string[] = [];
function tempFile(name = 'run.mqttrec.jsonl'): string {
  const dir = makeTempDir();
  folders.push(dir);
  return join(dir, name);
}
afterEach(() => {
  for (const dir of folders.splice(0)) removeTempDir(dir);
});

const header: RecordingRecord = {
  type: 'header',
  format: RECORDING_FORMAT,
  version: RECORDING_VERSION,
  appVersion: 'test',
  startedAt: new Date(0).toISOString(),
  startWallMs: 0,
  startMonotonicMs: 0,
  connections: [],
};

function message(id: number): MessageRecord {
  return { type: 'message', c: 'c1', id, t: id, m: id, dir: 'in', topic: `t/${id}`, qos: 1, retain: false, dup: false, payload: Buffer.from(`payload ${id}`).toString('base64') };
}

function write(path: string, count: number, footer: boolean): void {
  const failures: string[] = [];
  const writer = RecordingWriter.create(path, (text) => failures.push(text));
  writer.append(header);
  for (let id = 1; id <= count; id++) writer.append(message(id));
  writer.close(footer ? { type: 'footer', endedAt: new Date(0).toISOString(), counts: { messages: count, packets: 0, events: 0 } } : undefined);
  expect(failures).toEqual([]);
}

describe('the recording file', () => {
  it('reads back every record of a cleanly stopped recording, with its footer', async () => {
    const path = tempFile();
    write(path, 1000, true);
    const seen: number[] = [];
    const summary = await readRecording(path, { message: (record) => seen.push(record.id) });
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
    expect(summary.counts.messages).toBe(1000);
    expect(summary.footer?.counts.messages).toBe(1000);
    expect(summary.cut).toBeUndefined();
    expect(summary.problems).toEqual([]);
  });

  it('reads a file a crash cut mid-record up to its last complete line, and says so', async () => {
    const path = tempFile();
    write(path, 100, false);
    const size = readFileSync(path).length;
    truncateSync(path, size - 20);
    const seen: number[] = [];
    const summary = await readRecording(path, { message: (record) => seen.push(record.id) });
    expect(seen).toEqual(Array.from({ length: 99 }, (_, index) => index + 1));
    expect(summary.cut).toMatch(/^The recording was cut short: its last line \(line 101, \d+ bytes\) is incomplete and was left out\. It has no footer/);
  });

  it('reports a damaged line and goes on past it', async () => {
    const path = tempFile();
    write(path, 3, true);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[2] = '{"type":"message", broken';
    writeFileSync(path, lines.join('\n'));
    const summary = await readRecording(path);
    expect(summary.counts.messages).toBe(2);
    expect(summary.problems).toEqual([expect.stringMatching(/^line 3: not JSON/)]);
  });

  it('refuses a file that is not a recording, and never overwrites an existing one', async () => {
    const path = tempFile('notes.txt');
    writeFileSync(path, 'hello\n');
    await expect(readRecording(path)).rejects.toThrow(/is not an MQTT Lab recording: its first line is not JSON/);
    expect(() => RecordingWriter.create(path, () => undefined)).toThrow(/already exists; choose another name/);
    expect(readFileSync(path, 'utf8')).toBe('hello\n');
    writeFileSync(path, `${JSON.stringify({ ...header, version: 99 })}\n`);
    await expect(readRecording(path)).rejects.toThrow(/written by a newer MQTT Lab \(recording format version 99\)/);
  });
});
