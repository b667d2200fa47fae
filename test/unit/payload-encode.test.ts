import protobuf from 'protobufjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../../electron/core/payload-decoders/protobuf-encode';
import { decodeMessage, lookupMessageType, parseProtoFiles } from '../../electron/core/payload-decoders/protobuf-schema';
import { decodeSparkplug, sparkplugJson } from '../../shared/payload/sparkplug';
import { encodeSparkplugJson } from '../../shared/payload/sparkplug-encode';

describe('Sparkplug B from JSON', () => {
  it('writes what the decoder reads back, signed types included', () => {
    const input = {
      timestamp: 1700000000000,
      seq: 4,
      metrics: [
        { name: 'Temperature', alias: 2, timestamp: 1700000000001, datatype: 'Float', value: 21.5 },
        { alias: 3, datatype: 'Int32', value: -7 },
        { name: 'Big', datatype: 'Int64', value: -5 },
        { name: 'On', datatype: 'Boolean', value: true },
        { name: 'Label', datatype: 'String', value: 'line A' },
        { name: 'Blob', datatype: 'Bytes', value: { $bytes: 'dead' } },
      ],
    };
    expect(sparkplugJson(decodeSparkplug(encodeSparkplugJson(input)))).toEqual(input);
  });

  it('writes the same bytes as the Tahu encoder for the same NDATA', () => {
    // test/fixtures/sparkplug/ndata.bin: see test/unit/payload-sparkplug.test.ts for its origin.
    const tahu = new Uint8Array(readFileSync(join(__dirname, '../fixtures/sparkplug/ndata.bin')));
    const ours = encodeSparkplugJson({
      timestamp: 1700000001000,
      seq: 1,
      metrics: [
        { alias: 2, timestamp: 1700000001000, datatype: 'Float', value: 22.25 },
        { alias: 3, timestamp: 1700000001000, datatype: 'Int32', value: 8 },
      ],
    });
    expect(sparkplugJson(decodeSparkplug(ours))).toEqual(sparkplugJson(decodeSparkplug(tahu)));
  });

  it("writes back what it decoded from the Tahu NBIRTH: datasets, templates and properties included", () => {
    const tahu = new Uint8Array(readFileSync(join(__dirname, '../fixtures/sparkplug/nbirth.bin')));
    const decoded = sparkplugJson(decodeSparkplug(tahu));
    expect(sparkplugJson(decodeSparkplug(encodeSparkplugJson(JSON.parse(JSON.stringify(decoded)))))).toEqual(decoded);
  });

  it('packs the array types as the decoder unpacks them', () => {
    const metrics = [
      { name: 'a', datatype: 'Int16Array', value: [-1, 2, 300] },
      { name: 'b', datatype: 'UInt64Array', value: [0, { $bigint: '18446744073709551615' }] },
      { name: 'c', datatype: 'DoubleArray', value: [1.5, -2] },
      { name: 'd', datatype: 'BooleanArray', value: [true, false, true, true, false, false, false, false, true] },
      { name: 'e', datatype: 'StringArray', value: ['x', 'yz', ''] },
    ];
    const input = { timestamp: 1, metrics };
    expect(sparkplugJson(decodeSparkplug(encodeSparkplugJson(input)))).toEqual(input);
  });

  it('names the field that cannot be encoded', () => {
    expect(() => encodeSparkplugJson({ metrics: [{ name: 't', datatype: 'DataSet', value: { columns: ['a'], types: ['Int32'], rows: [[1, 2]] } }] })).toThrow('metrics[0].value.rows[0]: expected an array of 1 values, one per column.');
    expect(() => encodeSparkplugJson({ metrics: [{ name: 'a', datatype: 'Int8', value: 300 }] })).toThrow('metrics[0].value: 300 is outside the signed 8-bit range.');
    expect(() => encodeSparkplugJson({ metrics: [{ name: 'a', datatype: 'Floaty', value: 1 }] })).toThrow(/^metrics\[0\]\.datatype: "Floaty" is not a Sparkplug data type/);
    expect(() => encodeSparkplugJson({ metrics: [{ datatype: 'Float', value: 1 }] })).toThrow(/^metrics\[0\]: a metric needs a name, an alias/);
    expect(() => encodeSparkplugJson({ seq: 256, metrics: [] })).toThrow(/^seq: 256 is outside/);
  });
});

describe('Protobuf from JSON', () => {
  const source = `syntax = "proto3"; package acme;
    enum Status { UNKNOWN = 0; OK = 1; }
    message Location { float lat = 1; }
    message Reading { string sensor = 1; sint32 delta = 2; repeated int64 history = 3; Location location = 4; map<string, Status> states = 5; oneof extra { string note = 6; } bytes raw = 7; }`;
  const type = lookupMessageType(parseProtoFiles([{ name: 'acme.proto', source }]), 'acme.Reading');

  it('writes bytes that protobufjs and our decoder both read back', () => {
    const input = { sensor: 't1', delta: -3, history: [1, -2], location: { lat: 1.5 }, states: { a: 'OK' }, note: 'hi', raw: { $bytes: '00ff' } };
    const bytes = encodeMessage(type, input);
    expect(decodeMessage(type, bytes)).toEqual(input);
    const reference = protobuf.parse(source, { keepCase: true }).root.lookupType('acme.Reading');
    expect(reference.toObject(reference.decode(bytes), { enums: String, longs: Number })).toMatchObject({ sensor: 't1', delta: -3, history: [1, -2], states: { a: 'OK' } });
  });

  it('names the field that cannot be encoded', () => {
    expect(() => encodeMessage(type, { location: { lat: 'north' } })).toThrow('location.lat: expected a number, got "north".');
    expect(() => encodeMessage(type, { sensorr: 'x' })).toThrow('sensorr: acme.Reading has no field "sensorr".');
    expect(() => encodeMessage(type, { states: { a: 'MAYBE' } })).toThrow(/^states\["a"\]: expected one of UNKNOWN, OK/);
  });
});
