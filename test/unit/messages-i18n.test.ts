import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { parseFieldPath } from '../../shared/series/field-path';

describe('a field path that does not parse', () => {
  it('keeps its English message and carries a Message that words the same sentence in either language', () => {
    const parsed = parseFieldPath('a b');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toBe('Field path "a b": "a b" needs quoting, as ["a b"].');
    expect(translator('en').msg(parsed.text)).toBe(parsed.message);
    expect(translator('zh-CN').msg(parsed.text)).toBe('字段路径“a b”：“a b”需要加引号，写作 ["a b"]。');
  });

  it('names the character position in both languages', () => {
    const parsed = parseFieldPath('a[0');
    if (parsed.ok) throw new Error('parsed');
    expect(parsed.message).toBe('Field path "a[0": the "[" at character 2 is not closed.');
    expect(translator('zh-CN').msg(parsed.text)).toBe('字段路径“a[0”：第 2 个字符处的“[”没有闭合。');
  });
});

describe('counts in the message area', () => {
  it('use plurals and grouping in English, and a measure word in Chinese', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    expect(en('messages.notes.evicted', { count: 1 })).toBe('1 older message evicted');
    expect(en('messages.notes.evictedWithBudget', { count: 12345, maxMessages: 100000, maxPayloadMB: 64 })).toBe(
      '12,345 older messages evicted (the history keeps the newest 100,000 messages or 64 MB of payload)',
    );
    expect(zh('messages.notes.evicted', { count: 12345 })).toBe('已移除 12,345 条较早的消息');
    expect(en('messages.list.newCount', { count: 1234 })).toBe('↓ 1,234 new');
    expect(zh('messages.list.newCount', { count: 1234 })).toBe('↓ 1,234 条新消息');
    expect(en('messages.filter.matchCount', { matched: 60, held: 80 })).toBe('60 of 80 match');
    expect(zh('messages.filter.matchCount', { matched: 60, held: 80 })).toBe('80 条中 60 条匹配');
    expect(en('topics.panel.totals', { topics: 1, messages: 2500 })).toBe('1 topic · 2,500 msgs');
    expect(zh('topics.panel.totals', { topics: 1, messages: 2500 })).toBe('1 个主题 · 2,500 条消息');
    expect(en('plot.form.noNumbers', { count: 1 })).toBe('No numbers in the latest 1 message; type a field path.');
  });

  it('leave a byte count and a message number ungrouped, as the list and the core show them', () => {
    expect(translator('en')('messages.payload.hexNote', { size: 10485760, perLine: 16 })).toBe('10485760 bytes, 16 per line, offsets in hex.');
    expect(translator('en')('messages.error.gone', { messageId: 12345 })).toBe('Message 12345 is no longer in the history of this connection.');
  });
});
