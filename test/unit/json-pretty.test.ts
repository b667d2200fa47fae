import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../shared/payload/json-pretty';
import { utf8Prefix } from '../../shared/payload/text-views';
import { renderPayloadView } from '../../shared/payload/views';

describe('prettyJson', () => {
  it('keeps every digit of integers beyond 2^53', () => {
    const pretty = prettyJson('{"id":12345678901234567890,"n":-9007199254740993}');
    expect(pretty).toBe('{\n  "id": 12345678901234567890,\n  "n": -9007199254740993\n}');
    // What JSON.parse + JSON.stringify would have shown instead.
    expect(JSON.stringify(JSON.parse('12345678901234567890'))).toBe('12345678901234567000');
  });

  it('keeps numbers, strings and escapes as written', () => {
    expect(prettyJson('[1.0, 1e400, 0.10000000000000000001, "a\\"b\\\\", "\\u00e9,:{}[]"]')).toBe(
      '[\n  1.0,\n  1e400,\n  0.10000000000000000001,\n  "a\\"b\\\\",\n  "\\u00e9,:{}[]"\n]',
    );
  });

  it('lays out as JSON.stringify(value, null, 2) does for ordinary JSON, whatever the input spacing', () => {
    const inputs = [
      '{"a":[1,2,{"b":null}],"c":{},"d":[],"e":"x y","f":true,"g":false}',
      ' {\n\t"a" : [ 1 , 2 , { "b" : null } ] , "c" : { } , "d" : [\r\n] , "e" : "x y", "f":true, "g" : false }\n',
      '[[[]],[{}],[[1]]]',
      '"just a string"',
      '42',
    ];
    for (const input of inputs) expect(prettyJson(input)).toBe(JSON.stringify(JSON.parse(input), null, 2));
  });

  it('is what the JSON view shows', () => {
    const rendered = renderPayloadView(new TextEncoder().encode('{"big":12345678901234567890}'), 'json');
    expect(rendered).toEqual({ text: '{\n  "big": 12345678901234567890\n}', language: 'json', notes: [] });
  });
});

describe('utf8Prefix', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  it('drops a character cut at the end, and nothing else', () => {
    const whole = utf8('aé水𐅑');
    expect(utf8Prefix(whole)).toEqual(whole);
    for (let cut = 1; cut <= 3; cut++) expect(utf8Prefix(whole.subarray(0, whole.length - cut))).toEqual(utf8('aé水'));
    expect(utf8Prefix(whole.subarray(0, 2))).toEqual(utf8('a'));
    // Bytes that are not UTF-8 at all are left for the text view to show as invalid.
    expect(utf8Prefix(Uint8Array.of(0x61, 0x80, 0x80, 0x80, 0x80))).toEqual(Uint8Array.of(0x61, 0x80, 0x80, 0x80, 0x80));
  });
});
