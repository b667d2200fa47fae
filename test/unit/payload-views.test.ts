import { describe, expect, it } from 'vitest';
import { findInvalidUtf8, hexDump, textView } from '../../shared/payload/text-views';
import { detectPayloadView, renderPayloadView, type PayloadView } from '../../shared/payload/views';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('invalid UTF-8', () => {
  // Offsets and lengths of the maximal subparts, one per U+FFFD the WHATWG decoder shows.
  const cases: [string, string, [number, number][]][] = [
    ['valid text', '68 c3 a9 e6 b0 b4 f0 90 85 91', []],
    ['a lone continuation byte', '61 80 62', [[1, 1]]],
    ['a lead byte cut by an ASCII byte', 'c3 28', [[0, 1]]],
    ['a truncated three-byte sequence at the end', '61 e6 b0', [[1, 2]]],
    ['an overlong encoding', 'c0 af', [[0, 1], [1, 1]]],
    ['an encoded surrogate', 'ed a0 80', [[0, 1], [1, 1], [2, 1]]],
    ['a code point above U+10FFFF', 'f4 90 80 80', [[0, 1], [1, 1], [2, 1], [3, 1]]],
    ['bytes that never occur', 'fe ff', [[0, 1], [1, 1]]],
  ];
  it.each(cases)('locates %s', (_, encoded, expected) => {
    const bytes = hex(encoded);
    expect(findInvalidUtf8(bytes).map(({ offset, length }) => [offset, length])).toEqual(expected);
    // Each located sequence is one replacement character in the text view.
    expect(textView(bytes).text.split('\uFFFD').length - 1).toBe(expected.length);
  });

  it('shows the text with replacement characters and says where the invalid bytes are', () => {
    const view = renderPayloadView(hex('68 69 ff 21 c3'), 'text');
    expect(view).toEqual({ text: 'hi\uFFFD!\uFFFD', language: 'plaintext', notes: ['2 invalid UTF-8 sequences, each shown as \uFFFD, at byte offsets 2, 4.'] });
  });

  it('shows control characters as control pictures, keeping tabs and newlines', () => {
    expect(textView(hex('00 41 09 0a 0d 1b 7f'))).toEqual({ text: '\u2400A\t\n\r\u241B\u2421', notes: ['3 control or invisible characters shown as symbols such as \u2400 (NUL) or \u27E8U+202E\u27E9.'] });
  });

  it('shows bidi controls in the text view, so a payload holding U+202E is not displayed reversed', () => {
    expect(textView(new TextEncoder().encode('on\u202Efo'))).toEqual({ text: 'on\u27E8U+202E\u27E9fo', notes: ['1 control or invisible character shown as symbols such as \u2400 (NUL) or \u27E8U+202E\u27E9.'] });
  });

  it('lists the first 20 offsets and counts the rest', () => {
    const { notes } = textView(new Uint8Array(25).fill(0xff));
    expect(notes[0]).toMatch(/^25 invalid UTF-8 sequences.* 0, 1, 2, .*, 19 and 5 more\.$/);
  });
});

describe('hex dump', () => {
  it('prints offsets, 16 bytes in two groups, and an ASCII gutter aligned on the last line', () => {
    const bytes = new Uint8Array(20).map((_, index) => index + 0x3c);
    bytes[0] = 0x00;
    bytes[1] = 0xff;
    expect(hexDump(bytes).split('\n')).toEqual([
      '00000000  00 ff 3e 3f 40 41 42 43  44 45 46 47 48 49 4a 4b  |..>?@ABCDEFGHIJK|',
      '00000010  4c 4d 4e 4f                                       |LMNO|',
    ]);
  });

  it('is empty for an empty payload', () => {
    expect(hexDump(new Uint8Array())).toBe('');
  });
});

describe('view detection', () => {
  const cases: [string, Uint8Array, PayloadView][] = [
    ['a JSON object', utf8('{"a": [1, 2]}'), 'json'],
    ['a JSON number', utf8('21.5'), 'json'],
    ['plain text', utf8('hello world'), 'text'],
    ['text that is also a valid CBOR item', utf8('1'), 'json'],
    ['the empty payload', new Uint8Array(), 'text'],
    ['a CBOR map', hex('a2 6161 01 6162 82 02 03'), 'cbor'],
    ['MessagePack that is not CBOR', hex('82 a161 01 a162 92 02 03'), 'msgpack'],
    ['random binary', hex('ff fe 00 01 02 03'), 'hex'],
    ['truncated CBOR', hex('a2 6161 01 6162'), 'hex'],
  ];
  it.each(cases)('detects %s', (_, bytes, expected) => {
    expect(detectPayloadView(bytes)).toBe(expected);
  });
});

describe('rendering views', () => {
  it('pretty-prints JSON', () => {
    expect(renderPayloadView(utf8('{"a":[1,2]}'), 'json')).toEqual({ text: '{\n  "a": [\n    1,\n    2\n  ]\n}', language: 'json', notes: [] });
  });

  it('shows CBOR and MessagePack as pretty JSON', () => {
    const cbor = renderPayloadView(hex('a1 6161 d8 20 6178'), 'cbor');
    expect(cbor).toMatchObject({ text: '{\n  "a": {\n    "$tag": 32,\n    "value": "x"\n  }\n}', language: 'json' });
    expect(renderPayloadView(hex('92 c4 01 ff c0'), 'msgpack')).toMatchObject({ text: '[\n  {\n    "$bytes": "ff"\n  },\n  null\n]' });
  });

  it('encodes Base64', () => {
    expect(renderPayloadView(hex('00 ff 10'), 'base64')).toEqual({ text: 'AP8Q', language: 'plaintext', notes: [] });
  });

  it('gives an error, not an exception, for a view the payload does not fit', () => {
    expect(renderPayloadView(utf8('not json'), 'json')).toEqual({ error: 'Not JSON: the payload does not parse as JSON.' });
    expect(renderPayloadView(hex('ff'), 'json')).toEqual({ error: 'Not JSON: the payload is not valid UTF-8 (1 invalid sequence; the Text view shows where).' });
    expect(renderPayloadView(hex('5b 00 5d'), 'json')).toEqual({ error: 'Not JSON: the payload contains control characters.' });
    expect(renderPayloadView(hex('9b ffffffffffffffff'), 'cbor')).toMatchObject({ error: expect.stringMatching(/^Not CBOR: Claims/) });
    expect(renderPayloadView(hex('c1'), 'msgpack')).toMatchObject({ error: expect.stringMatching(/^Not MessagePack: Byte 0xc1/) });
  });

  it('copes with hostile input of every kind in every view', () => {
    const inputs = [new Uint8Array(50_000).fill(0x81), new Uint8Array(50_000).fill(0xdc), hex('5b ffffffffffffffff'), hex('df ffffffff')];
    for (const bytes of inputs) {
      for (const view of ['text', 'json', 'hex', 'base64', 'cbor', 'msgpack'] as const) {
        expect(() => renderPayloadView(bytes, view)).not.toThrow();
      }
      expect(() => detectPayloadView(bytes)).not.toThrow();
    }
  });
});
