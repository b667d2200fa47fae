import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError, parseRecordArgs, parseReplayArgs } from '../../electron/cli/cli-args';
import { parseBrokerArgs } from '../../electron/cli/broker-args';
import { compareCommand, parseCompareArgs } from '../../electron/cli/compare-command';
import { parsePubArgs } from '../../electron/cli/pub-sub-commands';
import { parseSimulateArgs, statusLine } from '../../electron/cli/simulate-command';
import { cliT, say } from '../../electron/cli/cli-text';
import type { SimulatorStatus } from '../../shared/domain/simulator';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../shared/recording/records';
import type { RecordingRecord } from '../../shared/recording/records';
import { makeTempDir, removeTempDir } from '../helpers/temp-core';

const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES };
function useLocale(lang: string): void {
  process.env.LANG = lang;
  process.env.LC_ALL = '';
  process.env.LC_MESSAGES = '';
}
const folders: string[] = [];
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  for (const dir of folders.splice(0)) removeTempDir(dir);
});

function usageError(parse: () => unknown): UsageError {
  try {
    parse();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('no UsageError');
}

const english = ['C.UTF-8', 'en_US.UTF-8', 'C', 'POSIX'];

describe('the CLI follows LC_ALL, LC_MESSAGES and LANG', () => {
  it('words usage errors in English for C / en_US and in Chinese for zh_CN, with an English message either way', () => {
    for (const lang of english) {
      useLocale(lang);
      const error = usageError(() => parseRecordArgs(['-t', 'a/#', '--bogus']));
      expect(error.said.text).toBe('Unknown option --bogus.');
      expect(error.message).toBe('Unknown option --bogus.');
    }
    useLocale('zh_CN.UTF-8');
    const error = usageError(() => parseRecordArgs(['-t', 'a/#', '--bogus']));
    expect(error.said.text).toBe('未知选项 --bogus。');
    expect(error.message).toBe('Unknown option --bogus.');
    expect(usageError(() => parseReplayArgs(['-f', 'x', '--speed', '1000'])).said.text).toBe('--speed 的取值为 0.1 到 100 之间的倍数或 max，而不是“1000”。');
    expect(usageError(() => parsePubArgs(['-t', 'x'])).said.text).toContain('请只指定一个载荷');
    expect(usageError(() => parseCompareArgs(['one'])).said.text).toContain('请指定两个要比较的录制文件');
    expect(usageError(() => parseBrokerArgs(['-u', 'alice'])).said.text).toBe('-u 的格式为 USER:PASSWORD，例如 -u alice:secret，而不是“alice”。');
    // A template example keeps its braces in both languages.
    expect(usageError(() => parseSimulateArgs(['-m', '1'])).said.text).toBe('请用 -t 指定主题模式（例如 site/{{device}}/temp），或使用 --sparkplug GROUP/EDGE。');
  });

  it('keeps LC_ALL over LC_MESSAGES over LANG', () => {
    process.env.LANG = 'zh_CN.UTF-8';
    process.env.LC_MESSAGES = 'en_US.UTF-8';
    process.env.LC_ALL = '';
    expect(cliT().locale).toBe('en');
    process.env.LC_ALL = 'zh_CN.UTF-8';
    expect(cliT().locale).toBe('zh-CN');
  });

  it('prints the usage in the language, with the template placeholders intact', () => {
    useLocale('C.UTF-8');
    const en = cliT()('cli.usage');
    expect(en.startsWith('Usage: mqtt-lab record')).toBe(true);
    expect(en).toContain('{{device}} (from 1), {{seq}}');
    useLocale('zh_CN.UTF-8');
    const zh = cliT()('cli.usage');
    expect(zh.startsWith('用法：mqtt-lab record')).toBe(true);
    expect(zh).toContain('mqtt-lab-dev-{{device}}');
  });

  it('a nested sentence keeps English for JSON and the language for people', () => {
    useLocale('zh_CN.UTF-8');
    const why = say('cli.stop.secondsPassed', { seconds: '5' });
    const said = say('cli.pub.stoppedBeforeAck', { why });
    expect(said.en).toBe('5 s passed before the broker acknowledged the message');
    expect(said.text).toBe('Broker 确认该消息之前已过 5 秒');
  });

  it('words the simulator status line in both languages', () => {
    const status = { devices: 3, connected: 2, failed: 1, reconnecting: 0, sent: 12345, ratePerSecond: 40, errors: [] } as unknown as SimulatorStatus;
    useLocale('en_US.UTF-8');
    expect(statusLine(status, 5000)).toBe('5 s · 2/3 connected · 1 failed · 0 reconnecting · 12,345 sent · 40 msg/s');
    useLocale('zh_CN.UTF-8');
    expect(statusLine(status, 5000)).toBe('5 秒 · 已连接 2/3 · 失败 1 · 重连中 0 · 已发送 12,345 · 40 条/秒');
  });

  it('compare prints its verdict in the language while its JSON stays the same, in English', async () => {
    const dir = makeTempDir();
    folders.push(dir);
    const header: RecordingRecord = { type: 'header', format: RECORDING_FORMAT, version: RECORDING_VERSION, appVersion: 'test', startedAt: new Date(0).toISOString(), startWallMs: 0, startMonotonicMs: 0, connections: [] };
    const line = (id: number, text: string) =>
      JSON.stringify({ type: 'message', c: 'c1', id, t: id, m: id, dir: 'in', topic: `t/${id}`, qos: 1, retain: false, dup: false, payload: Buffer.from(text).toString('base64') });
    const a = join(dir, 'a.mqttrec.jsonl');
    const b = join(dir, 'b.mqttrec.jsonl');
    // B has no footer and a changed payload: the JSON's cut note and the verdict are both sentences.
    writeFileSync(a, [JSON.stringify(header), line(1, 'one'), line(2, 'two'), JSON.stringify({ type: 'footer', endedAt: new Date(0).toISOString(), counts: { messages: 2, packets: 0, events: 0 } })].join('\n') + '\n');
    writeFileSync(b, [JSON.stringify(header), line(1, 'one'), line(2, 'TWO')].join('\n') + '\n');
    const run = async () => {
      const results: { value: unknown; text: string }[] = [];
      const code = await compareCommand(parseCompareArgs([a, b]), { progress: () => undefined, result: (value, text) => results.push({ value, text }) });
      return { code, ...results[0]! };
    };
    useLocale('C');
    const en = await run();
    useLocale('zh_CN.UTF-8');
    const zh = await run();
    expect(en.code).toBe(1);
    expect(zh.code).toBe(1);
    expect(JSON.stringify(zh.value)).toBe(JSON.stringify(en.value));
    expect(JSON.stringify(en.value)).toContain('It has no footer: the recording did not stop cleanly');
    expect(en.text).toContain('The recordings differ: 2 pairs, 0 missing from B, 0 extra in B, 1 changed payloads, 0 moved intervals.');
    expect(en.text).toContain('note: ');
    expect(zh.text).toContain('两个录制文件不同：');
    expect(zh.text).toContain('它没有结尾标记');
  });
});
