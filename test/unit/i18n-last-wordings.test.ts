import { describe, expect, it } from 'vitest';
import { englishOf, msg, translator } from '../../shared/i18n';
import { checkTopicName } from '../../shared/mqtt/topics';

// The core now sends these sentences as Messages: the English must read as the old strings did.
describe('sentences the core now sends as Messages', () => {
  it('words a refused topic of clearRetained with its inner problem, in both languages', () => {
    const check = checkTopicName('a/+');
    if (check.ok) throw new Error('expected a refusal');
    const text = msg('topics.clearRetained.invalidTopic', undefined, { problem: check.text });
    expect(englishOf(text)).toBe(`topic: ${check.message}`);
    expect(translator('zh-CN').msg(text)).toBe(`主题：${translator('zh-CN').msg(check.text)}`);
  });

  it('words a replay send refused by reason code as before, in both languages', () => {
    const text = msg('recordings.core.replayAckFailed', { ack: 'PUBACK', code: (0x87).toString(16) });
    expect(englishOf(text)).toBe('PUBACK reason code 0x87');
    expect(translator('zh-CN').msg(text)).toBe('PUBACK 原因码 0x87');
  });
});
