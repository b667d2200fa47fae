import { describe, expect, it } from 'vitest';
import { decodeCbor } from '../../shared/payload/cbor';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

// RFC 8949 Appendix A, with JSON-only stand-ins for what JSON cannot hold.
const appendixA: [string, unknown][] = [
  ['00', 0],
  ['01', 1],
  ['0a', 10],
  ['17', 23],
  ['1818', 24],
  ['1819', 25],
  ['1864', 100],
  ['1903e8', 1000],
  ['1a000f4240', 1000000],
  ['1b000000e8d4a51000', 1000000000000],
  ['1bffffffffffffffff', { $bigint: '18446744073709551615' }],
  ['c249010000000000000000', { $tag: 2, value: { $bytes: '010000000000000000' } }],
  ['3bffffffffffffffff', { $bigint: '-18446744073709551616' }],
  ['c349010000000000000000', { $tag: 3, value: { $bytes: '010000000000000000' } }],
  ['20', -1],
  ['29', -10],
  ['3863', -100],
  ['3903e7', -1000],
  ['f90000', 0],
  ['f93c00', 1],
  ['fb3ff199999999999a', 1.1],
  ['f93e00', 1.5],
  ['f97bff', 65504],
  ['fa47c35000', 100000],
  ['fa7f7fffff', 3.4028234663852886e38],
  ['fb7e37e43c8800759c', 1e300],
  ['f90001', 5.960464477539063e-8],
  ['f90400', 0.00006103515625],
  ['f9c400', -4],
  ['fbc010666666666666', -4.1],
  ['f97c00', { $float: 'Infinity' }],
  ['f97e00', { $float: 'NaN' }],
  ['f9fc00', { $float: '-Infinity' }],
  ['fa7f800000', { $float: 'Infinity' }],
  ['fa7fc00000', { $float: 'NaN' }],
  ['faff800000', { $float: '-Infinity' }],
  ['fb7ff0000000000000', { $float: 'Infinity' }],
  ['fb7ff8000000000000', { $float: 'NaN' }],
  ['fbfff0000000000000', { $float: '-Infinity' }],
  ['f4', false],
  ['f5', true],
  ['f6', null],
  ['f7', { $undefined: true }],
  ['f0', { $simple: 16 }],
  ['f8ff', { $simple: 255 }],
  ['c074323031332d30332d32315432303a30343a30305a', { $tag: 0, value: '2013-03-21T20:04:00Z' }],
  ['c11a514b67b0', { $tag: 1, value: 1363896240 }],
  ['c1fb41d452d9ec200000', { $tag: 1, value: 1363896240.5 }],
  ['d74401020304', { $tag: 23, value: { $bytes: '01020304' } }],
  ['d818456449455446', { $tag: 24, value: { $bytes: '6449455446' } }],
  ['d82076687474703a2f2f7777772e6578616d706c652e636f6d', { $tag: 32, value: 'http://www.example.com' }],
  ['40', { $bytes: '' }],
  ['4401020304', { $bytes: '01020304' }],
  ['60', ''],
  ['6161', 'a'],
  ['6449455446', 'IETF'],
  ['62225c', '"\\'],
  ['62c3bc', 'ü'],
  ['63e6b0b4', '水'],
  ['64f0908591', '𐅑'],
  ['80', []],
  ['83010203', [1, 2, 3]],
  ['8301820203820405', [1, [2, 3], [4, 5]]],
  ['98190102030405060708090a0b0c0d0e0f101112131415161718181819', Array.from({ length: 25 }, (_, index) => index + 1)],
  ['a0', {}],
  ['a201020304', { '1': 2, '3': 4 }],
  ['a26161016162820203', { a: 1, b: [2, 3] }],
  ['826161a161626163', ['a', { b: 'c' }]],
  ['a56161614161626142616361436164614461656145', { a: 'A', b: 'B', c: 'C', d: 'D', e: 'E' }],
  ['5f42010243030405ff', { $bytes: '0102030405' }],
  ['7f657374726561646d696e67ff', 'streaming'],
  ['9fff', []],
  ['9f018202039f0405ffff', [1, [2, 3], [4, 5]]],
  ['9f01820203820405ff', [1, [2, 3], [4, 5]]],
  ['83018202039f0405ff', [1, [2, 3], [4, 5]]],
  ['83019f0203ff820405', [1, [2, 3], [4, 5]]],
  ['9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff', Array.from({ length: 25 }, (_, index) => index + 1)],
  ['bf61610161629f0203ffff', { a: 1, b: [2, 3] }],
  ['826161bf61626163ff', ['a', { b: 'c' }]],
  ['bf6346756ef563416d7421ff', { Fun: true, Amt: -2 }],
];

describe('CBOR decoding', () => {
  it.each(appendixA)('decodes the RFC 8949 Appendix A example %s', (encoded, expected) => {
    // toStrictEqual would trip over the null-prototype maps; the JSON text is what the view shows anyway.
    expect(JSON.parse(JSON.stringify(decodeCbor(hex(encoded))))).toEqual(expected);
  });

  it('keeps a "__proto__" key as an ordinary key', () => {
    const decoded = decodeCbor(hex('a1695f5f70726f746f5f5f01'));
    expect(JSON.stringify(decoded)).toBe('{"__proto__":1}');
  });

  const hostile: [string, string, RegExp][] = [
    ['empty input', '', /Truncated/],
    ['a truncated uint16', '19 01', /Truncated/],
    ['a byte string longer than the payload', '5a ffffffff 00', /Claims 4294967295 .* only 1 bytes remain/],
    ['an array claiming 2^64-1 items', '9b ffffffffffffffff', /Claims 18446744073709551615/],
    ['a map claiming more entries than bytes', 'a3 0102', /Claims 3 entries but only 2 bytes remain/],
    ['an unterminated indefinite array', '9f 01 02', /Truncated/],
    ['a stray break', 'ff', /break/],
    ['a break inside a definite array', '82 01 ff', /break/],
    ['reserved additional information', '1c', /Reserved/],
    ['an indefinite integer', '1f', /cannot have an indefinite length/],
    ['a text chunk inside an indefinite byte string', '5f 6161 ff', /Invalid chunk/],
    ['invalid UTF-8 in a text string', '62 c328', /not valid UTF-8/],
    ['a two-byte simple value below 32', 'f8 10', /Simple value below 32/],
    ['trailing bytes', '01 02', /1 trailing bytes/],
  ];
  it.each(hostile)('refuses %s with a message', (_, encoded, message) => {
    expect(() => decodeCbor(hex(encoded))).toThrow(message);
  });

  it('refuses nesting deeper than 256 levels without exhausting the stack', () => {
    expect(() => decodeCbor(new Uint8Array(100_000).fill(0x81))).toThrow(/deeper than 256/);
    expect(() => decodeCbor(new Uint8Array(100_000).fill(0x9f))).toThrow(/deeper than 256/);
    expect(() => decodeCbor(new Uint8Array(100_000).fill(0xc1))).toThrow(/deeper than 256/);
    const deepButAllowed = new Uint8Array(257).fill(0x81);
    deepButAllowed[256] = 0x00;
    expect(JSON.stringify(decodeCbor(deepButAllowed))).toBe(`${'['.repeat(256)}0${']'.repeat(256)}`);
  });
});
