import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeMessage, lookupMessageType, parseProtoFiles, ProtoParseError } from '../../electron/core/payload-decoders/protobuf-schema';
import { MAX_PROTO_FILE_CHARS, ProtobufSettings } from '../../shared/payload/protobuf-settings';
import { caseSeed, seededRandom } from '../helpers/seeded-random';

const acme = `
syntax = "proto3";
package acme;
import "units.proto";
enum Status { STATUS_UNKNOWN = 0; OK = 1; FAULT = 2; }
message Reading {
  string sensor = 1;
  double value = 2;
  repeated int32 history = 3;
  repeated string tags = 4;
  Location location = 5;
  oneof extra { string note = 6; sint64 offset = 7; }
  map<string, int64> counters = 8;
  Status status = 9;
  repeated Status past = 10;
  bytes raw = 11;
  units.Unit unit = 12;
  map<int32, Location> places = 13;
}
message Location { float lat = 1; float lon = 2; Location parent = 3; }
`;
const units = `syntax = "proto3"; package units; import "acme.proto"; message Unit { string symbol = 1; }`;

/** Encoded by protobufjs's own (generated) encoder, the reference the walker must agree with. */
function encodeWithProtobufjs(typeName: string, object: Record<string, unknown>): Uint8Array {
  const root = protobuf.parse(acme, { keepCase: true }).root;
  protobuf.parse(units, root, { keepCase: true });
  const type = root.lookupType(typeName);
  return type.encode(type.fromObject(object)).finish();
}

describe('Protobuf decoding by walking the reflected type', () => {
  const root = parseProtoFiles([
    { name: 'acme.proto', source: acme },
    // The two files import each other: nothing is read from disk, so no loop can form.
    { name: 'units.proto', source: units },
  ]);
  const reading = lookupMessageType(root, 'acme.Reading');

  it('decodes nested, repeated (packed and not), oneof, map and enum fields', () => {
    const bytes = encodeWithProtobufjs('acme.Reading', {
      sensor: 't1',
      value: 21.5,
      history: [1, -2, 300],
      tags: ['a', 'b'],
      location: { lat: 1.5, lon: -2.25, parent: { lat: 3 } },
      offset: -42,
      counters: { a: 1, b: '9007199254740993' },
      status: 'FAULT',
      past: [1, 2, 7],
      raw: Uint8Array.of(0xde, 0xad),
      unit: { symbol: '°C' },
      places: { 5: { lat: 0.5 } },
    });
    expect(decodeMessage(reading, bytes)).toEqual({
      sensor: 't1',
      value: 21.5,
      history: [1, -2, 300],
      tags: ['a', 'b'],
      location: { lat: 1.5, lon: -2.25, parent: { lat: 3 } },
      offset: -42,
      counters: { a: 1, b: { $bigint: '9007199254740993' } },
      status: 'FAULT',
      past: ['OK', 'FAULT', 7],
      raw: { $bytes: 'dead' },
      unit: { symbol: '°C' },
      places: { 5: { lat: 0.5 } },
    });
  });

  it('keeps only the last member of a oneof that arrives twice', () => {
    const note = encodeWithProtobufjs('acme.Reading', { note: 'hi' });
    const offset = encodeWithProtobufjs('acme.Reading', { offset: 3 });
    expect(decodeMessage(reading, Uint8Array.from([...note, ...offset]))).toEqual({ offset: 3 });
  });

  it('skips unknown fields and names the byte of a payload that does not decode', () => {
    expect(decodeMessage(reading, Uint8Array.of(0xf8, 0x01, 0x05, 0x0a, 0x01, 0x41))).toEqual({ sensor: 'A' });
    expect(() => decodeMessage(reading, Uint8Array.of(0x0a, 0x01, 0x41, 0x10, 0x01))).toThrow('Field 2 (value) has wire type 0, expected 1 (at byte 3)');
    expect(() => decodeMessage(reading, Uint8Array.of(0x0a, 0x05, 0x41))).toThrow(/only 1 bytes remain \(at byte 1\)/);
  });

  it('bounds recursion through a self-referencing type', () => {
    // Location.parent nested 300 levels: refused at the depth limit, not by the call stack.
    let bytes = Uint8Array.of();
    for (let level = 0; level < 300; level++) bytes = Uint8Array.from([0x1a, ...varint(bytes.length), ...bytes]);
    expect(() => decodeMessage(lookupMessageType(root, 'acme.Location'), bytes)).toThrow(/Nested deeper than 256 levels/);
  });

  it('names the line of a file that does not parse', () => {
    expect(() => parseProtoFiles([{ name: 'bad.proto', source: 'syntax = "proto3";\nmessage A {\n  int32 x = ;\n}\n' }])).toThrow(/^bad\.proto: illegal .*line 3/);
    expect(() => parseProtoFiles([{ name: 'a.proto', source: 'syntax = "proto3"; message A { Missing m = 1; }' }])).toThrow(/do not resolve: no such Type or Enum 'Missing'/);
  });
});

function varint(value: number): number[] {
  const out: number[] = [];
  while (value > 0x7f) {
    out.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  out.push(value);
  return out;
}

describe('hostile .proto files', () => {
  it('refuses absurd field numbers and deep nesting, with a message', () => {
    expect(() => parseProtoFiles([{ name: 'a.proto', source: 'message A { int32 x = 536870912; }' }])).toThrow(ProtoParseError);
    const deep = `${'message A { '.repeat(200)}${'} '.repeat(200)}`;
    expect(() => parseProtoFiles([{ name: 'deep.proto', source: deep }])).toThrow(/nested too deeply \(more than 32 levels\)/);
    const optionValue = `syntax = "proto3"; message A { int32 f = 1 [(x) = ${'{ a: '.repeat(20_000)}1${' }'.repeat(20_000)}]; }`;
    expect(() => parseProtoFiles([{ name: 'option.proto', source: optionValue }])).toThrow(/nested too deeply/);
    const longName = `syntax = "proto3"; message M { ${Array(50_000).fill('a').join('.')} x = 1; }`;
    expect(() => parseProtoFiles([{ name: 'name.proto', source: longName }])).toThrow(/^The files do not resolve: .{0,340}$/);
  });

  it('refuses files too large, too many, or too large together, before parsing', () => {
    const big = 'x'.repeat(MAX_PROTO_FILE_CHARS + 1);
    expect(ProtobufSettings.safeParse({ files: [{ name: 'big.proto', source: big }], mappings: [] }).success).toBe(false);
    const files = Array.from({ length: 5 }, (_, index) => ({ name: `f${index}.proto`, source: 'x'.repeat(MAX_PROTO_FILE_CHARS) }));
    expect(ProtobufSettings.safeParse({ files, mappings: [] }).error?.issues[0]?.message).toBe('The .proto files together are at most 2 MB here.');
    expect(ProtobufSettings.safeParse({ files: [], mappings: [{ filter: 'a/#/b', type: 'acme.Reading' }] }).success).toBe(false);
  });

  it('refuses a file declaring too many types', () => {
    const many = 'syntax = "proto3";\n' + Array.from({ length: 5_100 }, (_, index) => `message M${index} { int32 x = 1; }`).join('\n');
    expect(() => parseProtoFiles([{ name: 'many.proto', source: many }])).toThrow(/more than 5000 message types/);
  });

  it('fuzz: mutated and random .proto text is parsed or refused with a ProtoParseError, never anything else, and what parses decodes random bytes safely', () => {
    const seed = Number(process.env.FUZZ_SEED ?? 17);
    const cases = Number(process.env.FUZZ_CASES ?? 3000);
    const alphabet = ['message', 'enum', 'oneof', 'map<', '>', 'repeated', '{', '}', ';', '=', '1', '536870911', 'int32', 'string', 'A', 'B', 'A.B', '.', 'import "x.proto";', 'package p;', 'option', '"', '//', '/*', '\n', ' ', 'syntax = "proto3";', 'extend', 'group', 'reserved', 'max', 'to', '-'];
    for (let index = 0; index < cases; index++) {
      const random = seededRandom(caseSeed(seed, index));
      let source: string;
      if (random() < 0.5) {
        const chars = acme.split('');
        for (let edit = 0; edit < 1 + Math.floor(random() * 6); edit++) {
          const at = Math.floor(random() * chars.length);
          chars.splice(at, Math.floor(random() * 4), alphabet[Math.floor(random() * alphabet.length)] ?? '');
        }
        source = chars.join('');
      } else source = Array.from({ length: 1 + Math.floor(random() * 80) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(' ');
      try {
        let parsed: protobuf.Root;
        try {
          parsed = parseProtoFiles([{ name: 'fuzz.proto', source }]);
        } catch (error) {
          if (!(error instanceof ProtoParseError)) throw error;
          continue;
        }
        const types: protobuf.Type[] = [];
        const visit = (namespace: protobuf.NamespaceBase) => {
          for (const nested of namespace.nestedArray) {
            if (nested instanceof protobuf.Type) types.push(nested);
            if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) visit(nested);
          }
        };
        visit(parsed);
        for (const type of types) {
          const bytes = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
          try {
            decodeMessage(type, bytes);
          } catch (error) {
            if (!(error instanceof Error) || !/\(at byte \d+\)$/.test(error.message)) throw error;
          }
        }
      } catch (error) {
        throw new Error(`fuzz case ${index} (seed ${seed}) failed: ${error instanceof Error ? error.message : String(error)}\n${source}`);
      }
    }
  });
});
