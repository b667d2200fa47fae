import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../shared/payload/decoded-value';
import { decodeSparkplug, sparkplugJson } from '../../shared/payload/sparkplug';
import { SparkplugAliasBook } from '../../shared/payload/sparkplug-aliases';
import { parseSparkplugTopic } from '../../shared/payload/sparkplug-topic';

/**
 * The fixture payloads were made ONCE, outside this repository, by Eclipse Tahu's JavaScript encoder:
 * npm package `sparkplug-payload` 1.0.3, `require('sparkplug-payload').get('spBv1.0').encodePayload(input)`,
 * with each input exactly as kept in test/fixtures/sparkplug/inputs.json (file name → input object).
 * That package is not a dependency of MQTT Lab (it pins protobufjs 6); only its output bytes are kept.
 */
const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../fixtures/sparkplug', name)));

type Json = { [key: string]: unknown };
const metricsOf = (json: unknown) => (json as { metrics: Json[] }).metrics;

describe('Sparkplug B decoding of payloads made by the Eclipse Tahu encoder', () => {
  it('decodes an NBIRTH: timestamp, seq, metrics with names, aliases, types, values, timestamps and properties', () => {
    const json = sparkplugJson(decodeSparkplug(fixture('nbirth.bin'))) as Json;
    expect(json.timestamp).toBe(1700000000000);
    expect(json.seq).toBe(0);
    const metrics = metricsOf(json);
    expect(metrics.map((metric) => metric.name)).toEqual(['bdSeq', 'Node Control/Rebirth', 'Temperature', 'Counter', 'Big', 'Label', 'Table', 'Motor']);
    expect(metrics[0]).toMatchObject({ datatype: 'UInt64', value: 0 });
    expect(metrics[1]).toMatchObject({ alias: 1, datatype: 'Boolean', value: false });
    expect(metrics[2]).toMatchObject({ alias: 2, timestamp: 1700000000001, datatype: 'Float', value: 21.5, properties: { engUnit: { type: 'String', value: 'Cel' } } });
    // Signed types travel as unsigned varints; the declared type brings the sign back.
    expect(metrics[3]).toMatchObject({ alias: 3, datatype: 'Int32', value: -7 });
    expect(metrics[4]).toMatchObject({ alias: 4, datatype: 'Int64', value: -5 });
    expect(metrics[5]).toMatchObject({ datatype: 'String', value: 'line A' });
  });

  it('decodes a dataset and a template', () => {
    const metrics = metricsOf(sparkplugJson(decodeSparkplug(fixture('nbirth.bin'))));
    expect(metrics[6]).toMatchObject({
      datatype: 'DataSet',
      value: { numOfColumns: 2, columns: ['id', 'name'], types: ['Int32', 'String'], rows: [[1, 'one'], [2, 'two']] },
    });
    expect(metrics[7]).toMatchObject({
      datatype: 'Template',
      value: { version: '1.0', templateRef: 'MotorType', isDefinition: false, metrics: [{ name: 'rpm', datatype: 'Double', value: 1450.5 }], parameters: [{ name: 'maker', type: 'String', value: 'ACME' }] },
    });
  });

  it('names the byte where a truncated or malformed payload stops decoding', () => {
    const bytes = fixture('nbirth.bin');
    expect(() => decodeSparkplug(bytes.subarray(0, 40))).toThrow(DecodeError);
    expect(() => decodeSparkplug(Uint8Array.of(0x08))).toThrow('Truncated Protobuf (at byte 1)');
    // Field 2 (metrics) sent as a varint: a wire type its declaration does not allow.
    expect(() => decodeSparkplug(Uint8Array.of(0x08, 0x01, 0x10, 0x01))).toThrow(/Field 2 \(metrics\).*at byte 2/);
  });

  it('refuses a length beyond the payload before slicing', () => {
    expect(() => decodeSparkplug(Uint8Array.of(0x12, 0xff, 0xff, 0xff, 0x0f))).toThrow(/only 0 bytes remain/);
  });
});

describe('Sparkplug B topics', () => {
  it('parses node and device topics and refuses others', () => {
    expect(parseSparkplugTopic('spBv1.0/plant/NDATA/edge1')).toEqual({ group: 'plant', messageType: 'NDATA', edgeNode: 'edge1' });
    expect(parseSparkplugTopic('spBv1.0/plant/DDATA/edge1/pump')).toEqual({ group: 'plant', messageType: 'DDATA', edgeNode: 'edge1', device: 'pump' });
    expect(parseSparkplugTopic('spBv1.0/STATE/host')).toBeUndefined();
    expect(parseSparkplugTopic('spBv1.0/plant/NDATA/edge1/pump')).toBeUndefined();
    expect(parseSparkplugTopic('spBv1.0/plant/DDATA/edge1')).toBeUndefined();
    expect(parseSparkplugTopic('other/plant/NDATA/edge1')).toBeUndefined();
  });
});

describe('Sparkplug B alias resolution across births and rebirths', () => {
  const node = 'spBv1.0/plant/NBIRTH/edge1';
  const data = 'spBv1.0/plant/NDATA/edge1';

  it('names NDATA metrics from the NBIRTH seen before them', () => {
    const book = new SparkplugAliasBook();
    book.observe(1, node, fixture('nbirth.bin'));
    book.observe(2, data, fixture('ndata.bin'));
    const { json, notes } = book.describe(2, data, fixture('ndata.bin'));
    expect(metricsOf(json)).toEqual([
      { name: 'Temperature', alias: 2, timestamp: 1700000001000, datatype: 'Float', value: 22.25 },
      { name: 'Counter', alias: 3, timestamp: 1700000001000, datatype: 'Int32', value: 8 },
    ]);
    expect(notes).toEqual(['Metric names resolved from the NBIRTH of edge node edge1 (message #1).']);
  });

  it('says so when no birth was seen before a data message', () => {
    const book = new SparkplugAliasBook();
    book.observe(1, data, fixture('ndata.bin'));
    book.observe(2, node, fixture('nbirth.bin'));
    const { json, notes } = book.describe(1, data, fixture('ndata.bin'));
    expect(metricsOf(json)[0]).not.toHaveProperty('name');
    expect(notes[0]).toMatch(/No NBIRTH of edge node edge1 was seen before this message/);
  });

  it('a rebirth replaces the aliases for later messages, and earlier messages keep the names of their own birth', () => {
    const book = new SparkplugAliasBook();
    book.observe(1, node, fixture('nbirth.bin'));
    book.observe(2, data, fixture('ndata.bin'));
    book.observe(3, node, fixture('nbirth-rebirth.bin'));
    book.observe(4, data, fixture('ndata-after-rebirth.bin'));
    expect(metricsOf(book.describe(4, data, fixture('ndata-after-rebirth.bin')).json)[0]).toMatchObject({ name: 'Pressure', alias: 2, value: 1.02 });
    expect(metricsOf(book.describe(2, data, fixture('ndata.bin')).json)[0]).toMatchObject({ name: 'Temperature', alias: 2 });
  });

  it('resolves DDATA from its DBIRTH, and a rebirth of the node drops the device aliases', () => {
    const book = new SparkplugAliasBook();
    book.observe(1, node, fixture('nbirth.bin'));
    book.observe(2, 'spBv1.0/plant/DBIRTH/edge1/pump', fixture('dbirth.bin'));
    book.observe(3, 'spBv1.0/plant/DDATA/edge1/pump', fixture('ddata.bin'));
    book.observe(4, node, fixture('nbirth-rebirth.bin'));
    book.observe(5, 'spBv1.0/plant/DDATA/edge1/pump', fixture('ddata.bin'));
    expect(metricsOf(book.describe(3, 'spBv1.0/plant/DDATA/edge1/pump', fixture('ddata.bin')).json)[0]).toMatchObject({ name: 'Humidity', value: 41 });
    expect(book.describe(5, 'spBv1.0/plant/DDATA/edge1/pump', fixture('ddata.bin')).notes[0]).toMatch(/No DBIRTH of device pump of edge node edge1/);
  });

  it('flags a seq gap and not an in-order sequence', () => {
    const book = new SparkplugAliasBook();
    book.observe(1, node, fixture('nbirth.bin'));
    book.observe(2, data, fixture('ndata.bin'));
    book.observe(3, data, fixture('ndata-seq3.bin'));
    expect(book.describe(2, data, fixture('ndata.bin')).notes.some((note) => note.includes('seq gap'))).toBe(false);
    expect(book.describe(3, data, fixture('ndata-seq3.bin')).notes).toContain('seq gap: expected 2 after the previous message of edge node edge1, received 3.');
  });

  it('keeps separate state per edge node', () => {
    const book = new SparkplugAliasBook();
    book.observe(1, node, fixture('nbirth.bin'));
    book.observe(2, 'spBv1.0/plant/NDATA/edge2', fixture('ndata.bin'));
    expect(book.describe(2, 'spBv1.0/plant/NDATA/edge2', fixture('ndata.bin')).notes[0]).toMatch(/No NBIRTH of edge node edge2/);
  });
});

describe('Sparkplug B decoding of hostile payloads', () => {
  it('fuzz: mutated Tahu payloads and random bytes decode or fail with a DecodeError naming the byte; the alias book never throws', async () => {
    const { caseSeed, seededRandom } = await import('../helpers/seeded-random');
    const seed = Number(process.env.FUZZ_SEED ?? 1717);
    const cases = Number(process.env.FUZZ_CASES ?? 5000);
    const sources = ['nbirth.bin', 'ndata.bin', 'dbirth.bin', 'nbirth-rebirth.bin'].map(fixture);
    const book = new SparkplugAliasBook();
    for (let index = 0; index < cases; index++) {
      const random = seededRandom(caseSeed(seed, index));
      const source = sources[Math.floor(random() * sources.length)] ?? Uint8Array.of();
      const bytes = random() < 0.2 ? Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)) : Uint8Array.from(source);
      for (let edit = 0; edit < 1 + Math.floor(random() * 4); edit++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const topic = random() < 0.5 ? 'spBv1.0/g/NBIRTH/e' : 'spBv1.0/g/NDATA/e';
      try {
        book.observe(index + 1, topic, bytes);
        try {
          book.describe(index + 1, topic, bytes);
        } catch (error) {
          if (!(error instanceof DecodeError) || !/\(at byte \d+\)$/.test(error.message)) throw error;
        }
      } catch (error) {
        throw new Error(`fuzz case ${index} (seed ${seed}) failed on ${Buffer.from(bytes).toString('hex')}: ${String(error)}`);
      }
    }
  });
});
