import { describe, expect, it } from 'vitest';
import { encodeScheduledPayload } from '../../electron/core/schedules/schedule-payload';
import { msg, translator } from '../../shared/i18n';

describe('a timed publish says why a payload cannot be sent, in either language', () => {
  it('words the Protobuf mapping problem and its field prefix', () => {
    const refused = encodeScheduledPayload({ format: 'protobuf' }, 'a/b', '{}', () => undefined);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.message).toBe('no Protobuf mapping of this connection matches the topic a/b');
    const inField = msg('publish.scheduleCore.inField', { field: 'message.text' }, { problem: refused.text });
    expect(translator('en').msg(inField)).toBe('message.text: no Protobuf mapping of this connection matches the topic a/b');
    expect(translator('zh-CN').msg(inField)).toBe('message.text：此连接没有与主题 a/b 匹配的 Protobuf 映射');
  });

  it('names Sparkplug B when its JSON does not parse', () => {
    const refused = encodeScheduledPayload({ format: 'sparkplug' }, 't', '{', () => undefined);
    if (refused.ok) throw new Error('accepted');
    expect(refused.message).toMatch(/^not JSON, which Sparkplug B is written from: /);
    expect(translator('zh-CN').msg(refused.text)).toMatch(/^不是 JSON，而 Sparkplug B 要由 JSON 写成：/);
  });
});
