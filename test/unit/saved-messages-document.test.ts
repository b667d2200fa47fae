import { describe, expect, it } from 'vitest';
import { readSavedMessagesDocument, writeSavedMessagesDocument } from '../../electron/core/saved-messages/saved-messages-document';
import { collection, savedMessage } from '../helpers/saved-messages';
import { englishOf, translator } from '../../shared/i18n';

const good = collection('c1', 'Door', [savedMessage('m1', 'Open'), savedMessage('m2', 'Close', { payload: '{"open":false}', options: { payloadFormat: 'utf8', messageExpiry: '60', contentType: 'application/json', responseTopic: 'r/1', correlationData: 'abc', correlationEncoding: 'text', userProperties: [{ key: 'k', value: 'v' }], aliasMode: 'auto', alias: '' } })]);

function document(collections: unknown, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'mqtt-lab.saved-messages', version: 1, collections, ...overrides });
}

describe('saved-messages files', () => {
  it('read back what was written, every field included', () => {
    const read = readSavedMessagesDocument(writeSavedMessagesDocument([good]));
    expect(read).toEqual({ ok: true, collections: [good], skipped: [], total: 1 });
  });

  const refused: [string, string, string][] = [
    ['an empty file', '', 'it is empty'],
    ['broken JSON', '{"format": "mqtt-lab.saved-messages", ', 'it is not complete JSON: '],
    ['a JSON array', '[]', 'it is not a saved-messages file (it holds no JSON object)'],
    ['a connection export', JSON.stringify({ format: 'mqtt-lab.profiles', version: 1, profiles: [] }), 'it is not an MQTT Lab saved-messages file (it is a connection export: import it under Connections)'],
    ['another format', JSON.stringify({ format: 'mqttx', version: 1 }), 'it is not an MQTT Lab saved-messages file (its format is "mqttx")'],
    ['no version', JSON.stringify({ format: 'mqtt-lab.saved-messages', collections: [] }), 'it has no valid version number'],
    ['a newer version', document([], { version: 2 }), 'it was written by a newer version of MQTT Lab (file version 2; this version reads version 1)'],
    ['no collections', JSON.stringify({ format: 'mqtt-lab.saved-messages', version: 1 }), 'it has no list of collections'],
  ];
  for (const [what, text, problem] of refused) {
    it(`refuses ${what}, saying why`, () => {
      const read = readSavedMessagesDocument(text);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(englishOf(read.problem).startsWith(problem)).toBe(true);
    });
  }

  it('keeps the good collections and names each bad one with its field', () => {
    const badQos = collection('c2', 'Bad QoS', [savedMessage('m1', 'x')]);
    (badQos.messages[0]?.content as { qos: number }).qos = 3;
    const read = readSavedMessagesDocument(
      document([good, badQos, { id: 'c3', name: '', messages: [] }, good, collection('c4', 'Twice', [savedMessage('m', 'a'), savedMessage('m', 'b')]), { name: 'No id' }]),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.collections).toEqual([good]);
    expect(read.total).toBe(6);
    const skipped = read.skipped.map(englishOf);
    expect(skipped[0]).toMatch(/^collection "Bad QoS" \(messages\.0\.content\.qos: /);
    expect(skipped[1]).toBe('collection 3 (name: A name is needed.)');
    expect(skipped[2]).toBe('collection "Door" (its id is already used by an earlier collection)');
    expect(skipped[3]).toBe('collection "Twice" (messages.1.id: the id "m" is used twice)');
    expect(skipped[4]).toMatch(/^collection "No id" \(id: /);
    const zh = translator('zh-CN');
    expect(zh.msg(read.skipped[1]!)).toBe('第 3 个集合（name：需要填写名称。）');
    expect(zh.msg(read.skipped[3]!)).toBe('集合“Twice”（messages.1.id：ID“m”被使用了两次）');
  });

  it('words a refusal and its hint in Chinese too', () => {
    const read = readSavedMessagesDocument(document([], { version: 2 }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const zh = translator('zh-CN');
    expect(zh.msg(read.problem)).toBe('它由更新版本的 MQTT Lab 写入（文件版本 2；此版本只能读取版本 1）');
    expect(zh.msg(read.hint!)).toBe('请更新 MQTT Lab 后再读取。');
    const other = readSavedMessagesDocument(JSON.stringify({ format: 'mqttx', version: 1 }));
    if (!other.ok) expect(zh.msg(other.problem)).toBe('它不是 MQTT Lab 的已保存消息文件（其格式为“mqttx”）');
  });
});
