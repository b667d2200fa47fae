import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { dissect } from '../../shared/packets/anatomy';
import type { Field } from '../../shared/packets/field';
import { bytesOf, fixtures } from '../fixtures/packet-encodings';

const zh = translator('zh-CN');

function flat(fields: Field[]): Field[] {
  return fields.flatMap((f) => [f, ...flat(f.children ?? [])]);
}

describe('packet anatomy in Simplified Chinese', () => {
  it('keeps the same fields, ranges and spec sections, with every explanation worded in Chinese', () => {
    for (const fixture of fixtures) {
      const bytes = bytesOf(fixture.hex);
      const english = flat(dissect(bytes, fixture.version).fields);
      const chinese = flat(dissect(bytes, fixture.version, zh).fields);
      // Field names are the spec's and stay English; where the bytes are and which section says so do not change.
      expect(chinese.map((f) => [f.name, f.start, f.end, f.spec])).toEqual(english.map((f) => [f.name, f.start, f.end, f.spec]));
      for (const f of chinese) expect(f.explanation, `${fixture.name}: ${f.name}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('words problems and worded values in Chinese', () => {
    expect(dissect(bytesOf('80 08 00 0A 00 03 61 2F 62 01'), 4, zh).problems).toEqual(['SUBSCRIBE 的固定报头标志必须为 0010，而不是 0000。']);
    expect(dissect(new Uint8Array(), 5, zh).problems).toEqual(['没有字节：一个报文至少包含 2 字节的固定报头。']);
    const truncated = dissect(bytesOf('30 0A 00 03 61 2F 62'), 4, zh).problems;
    expect(truncated[0]).toBe('剩余长度声明了 10 字节，但后面只有 5 字节：报文被截断。');
    const publish = dissect(bytesOf('30 05 00 03 61 2F 62'), 4, zh);
    expect(publish.fields.find((f) => f.name === 'Payload')?.value).toBe('（空）');
  });
});
