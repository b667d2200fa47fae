import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { payloadViewLabelKeys, payloadViews, renderPayloadView } from '../../shared/payload/views';

const zh = translator('zh-CN');

describe('payload views word their notes and errors in the language given', () => {
  it('keeps the English by default and words Chinese when asked', () => {
    const notJson = new TextEncoder().encode('not json');
    expect(renderPayloadView(notJson, 'json')).toEqual({ error: 'Not JSON: the payload does not parse as JSON.' });
    expect(renderPayloadView(notJson, 'json', zh)).toEqual({ error: '不是 JSON：载荷无法解析为 JSON。' });
    const bytes = Uint8Array.from([0x41, 0xff, 0x42, 0xfe]);
    expect(renderPayloadView(bytes, 'json')).toEqual({ error: 'Not JSON: the payload is not valid UTF-8 (2 invalid sequences; the Text view shows where).' });
    expect(renderPayloadView(bytes, 'json', zh)).toEqual({ error: '不是 JSON：载荷不是有效的 UTF-8（2 个无效序列；文本视图会显示其位置）。' });
    const text = renderPayloadView(bytes, 'text', zh);
    expect('notes' in text && text.notes).toEqual(['2 个无效 UTF-8 序列，均显示为 \uFFFD，位于字节偏移 1, 3。']);
    const english = renderPayloadView(bytes, 'text');
    expect('notes' in english && english.notes).toEqual(['2 invalid UTF-8 sequences, each shown as \uFFFD, at byte offsets 1, 3.']);
  });

  it('keeps the literal braces of the decoded-JSON note in both languages', () => {
    const cbor = Uint8Array.from([0xa1, 0x61, 0x61, 0x01]);
    const en = renderPayloadView(cbor, 'cbor');
    const cn = renderPayloadView(cbor, 'cbor', zh);
    expect('notes' in en && en.notes[0]).toBe('Shown as JSON: byte strings as {"$bytes": hex}, tags as {"$tag", "value"}, extensions as {"$ext", "data"}, large integers as {"$bigint"}.');
    expect('notes' in cn && cn.notes[0]).toContain('{"$bytes": hex}');
  });
});

describe('payload view names', () => {
  it('are worded from the catalogue: English as before, Chinese when asked', () => {
    const en = translator('en');
    expect(payloadViews.map((view) => en(payloadViewLabelKeys[view]))).toEqual(['Text', 'JSON', 'Hex dump', 'Base64', 'CBOR', 'MessagePack']);
    expect(zh(payloadViewLabelKeys.text)).toBe('文本');
    expect(zh(payloadViewLabelKeys.hex)).toBe('Hex 转储');
  });
});
