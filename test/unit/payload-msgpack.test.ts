import { describe, expect, it } from 'vitest';
import { decodeMessagePack } from '../../shared/payload/msgpack';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

// One example per format of the MessagePack spec (github.com/msgpack/msgpack/blob/master/spec.md).
const formats: [string, string, unknown][] = [
  ['positive fixint', '7f', 127],
  ['negative fixint', 'e0', -32],
  ['negative fixint -1', 'ff', -1],
  ['nil', 'c0', null],
  ['false', 'c2', false],
  ['true', 'c3', true],
  ['uint 8', 'cc ff', 255],
  ['uint 16', 'cd 0100', 256],
  ['uint 32', 'ce 00010000', 65536],
  ['uint 64 within 2^53', 'cf 001fffffffffffff', 9007199254740991],
  ['uint 64 beyond 2^53', 'cf ffffffffffffffff', { $bigint: '18446744073709551615' }],
  ['int 8', 'd0 80', -128],
  ['int 16', 'd1 8000', -32768],
  ['int 32', 'd2 80000000', -2147483648],
  ['int 64', 'd3 8000000000000000', { $bigint: '-9223372036854775808' }],
  ['float 32', 'ca 3fc00000', 1.5],
  ['float 64', 'cb 3ff199999999999a', 1.1],
  ['float 64 NaN', 'cb 7ff8000000000000', { $float: 'NaN' }],
  ['fixstr', 'a3 616263', 'abc'],
  ['fixstr empty', 'a0', ''],
  ['str 8', 'd9 03 e6b0b4', '水'],
  ['str 16', 'da 0001 61', 'a'],
  ['str 32', 'db 00000001 61', 'a'],
  ['bin 8', 'c4 02 00ff', { $bytes: '00ff' }],
  ['bin 16', 'c5 0001 ab', { $bytes: 'ab' }],
  ['bin 32', 'c6 00000000', { $bytes: '' }],
  ['fixarray', '93 01 02 03', [1, 2, 3]],
  ['array 16', 'dc 0002 c0 c3', [null, true]],
  ['array 32', 'dd 00000001 90', [[]]],
  ['fixmap', '82 a161 01 a162 92 02 03', { a: 1, b: [2, 3] }],
  ['fixmap with an integer key', '81 01 02', { '1': 2 }],
  ['map 16', 'de 0001 a161 c2', { a: false }],
  ['map 32', 'df 00000000', {}],
  ['fixext 1', 'd4 01 aa', { $ext: 1, data: 'aa' }],
  ['fixext 2', 'd5 02 aabb', { $ext: 2, data: 'aabb' }],
  ['fixext 4 (timestamp 32)', 'd6 ff 5e0be100', { $ext: -1, data: '5e0be100', timestamp: '2020-01-01T00:00:00.000000000Z' }],
  ['fixext 8 (timestamp 64)', 'd7 ff 00000004 5e0be100', { $ext: -1, data: '000000045e0be100', timestamp: '2020-01-01T00:00:00.000000001Z' }],
  ['ext 8 (timestamp 96, before 1970)', 'c7 0c ff 3b9ac9ff ffffffffffffffff', { $ext: -1, data: '3b9ac9ffffffffffffffffff', timestamp: '1969-12-31T23:59:59.999999999Z' }],
  ['a timestamp extension of another length', 'd4 ff 01', { $ext: -1, data: '01' }],
  ['fixext 8', 'd7 05 0102030405060708', { $ext: 5, data: '0102030405060708' }],
  ['fixext 16', 'd8 05 000102030405060708090a0b0c0d0e0f', { $ext: 5, data: '000102030405060708090a0b0c0d0e0f' }],
  ['ext 8', 'c7 03 07 010203', { $ext: 7, data: '010203' }],
  ['ext 16', 'c8 0001 07 ff', { $ext: 7, data: 'ff' }],
  ['ext 32', 'c9 00000000 80', { $ext: -128, data: '' }],
];

describe('MessagePack decoding', () => {
  it.each(formats)('decodes %s', (_, encoded, expected) => {
    expect(JSON.parse(JSON.stringify(decodeMessagePack(hex(encoded))))).toEqual(expected);
  });

  const hostile: [string, string, RegExp][] = [
    ['empty input', '', /Truncated/],
    ['the never-used byte 0xc1', 'c1', /not a MessagePack type/],
    ['a truncated uint 32', 'ce 0001', /Truncated/],
    ['a str 32 longer than the payload', 'db ffffffff 61', /Claims 4294967295 .* only 1 bytes remain/],
    ['an array 32 claiming 2^32-1 items', 'dd ffffffff', /Claims 4294967295/],
    ['a map claiming more entries than bytes', '83 01 02', /Claims 3 entries but only 2 bytes remain/],
    ['an ext 32 longer than the payload', 'c9 7fffffff 01', /Claims 2147483647/],
    ['a truncated fixext 16', 'd8 01 00', /Claims 16 .* only 1 bytes remain/],
    ['invalid UTF-8 in a string', 'a2 c328', /not valid UTF-8/],
    ['trailing bytes', '01 02 03', /2 trailing bytes/],
  ];
  it.each(hostile)('refuses %s with a message', (_, encoded, message) => {
    expect(() => decodeMessagePack(hex(encoded))).toThrow(message);
  });

  it('refuses nesting deeper than 256 levels without exhausting the stack', () => {
    expect(() => decodeMessagePack(new Uint8Array(100_000).fill(0x91))).toThrow(/deeper than 256/);
  });
});
