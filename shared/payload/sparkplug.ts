/**
 * A Sparkplug B payload decoder, written from Eclipse Tahu's sparkplug_b.proto (Sparkplug 3.0) over
 * the bounds-checked ProtobufReader: static code, no protobufjs runtime code generation, so it runs
 * under a CSP without unsafe-eval, and nothing is inherited from the unmaintained sparkplug-payload.
 */
import { DecodeError, floatValue, hexString, integerValue, MAX_DECODE_DEPTH, newObject, type JsonValue } from './decoded-value';
import { ProtobufReader, utf8, WireType, type FieldKey } from './protobuf-wire';

export const sparkplugDataTypes = [
  'Unknown', 'Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'Float', 'Double', 'Boolean', 'String',
  'DateTime', 'Text', 'UUID', 'DataSet', 'Bytes', 'File', 'Template', 'PropertySet', 'PropertySetList', 'Int8Array', 'Int16Array',
  'Int32Array', 'Int64Array', 'UInt8Array', 'UInt16Array', 'UInt32Array', 'UInt64Array', 'FloatArray', 'DoubleArray', 'BooleanArray',
  'StringArray', 'DateTimeArray',
] as const;

export interface SparkplugMetric {
  name?: string;
  alias?: bigint;
  /** The offset of the metric in the payload, for notes that point at it. */
  offset: number;
  fields: { [key: string]: JsonValue };
}

export interface SparkplugPayload {
  timestamp?: JsonValue;
  seq?: bigint;
  uuid?: string;
  body?: JsonValue;
  metrics: SparkplugMetric[];
}

/** Throws a DecodeError naming the byte when the payload is not a Sparkplug B payload. */
export function decodeSparkplug(bytes: Uint8Array): SparkplugPayload {
  const reader = new ProtobufReader(bytes);
  const payload: SparkplugPayload = { metrics: [] };
  while (!reader.done) {
    const key = reader.key();
    switch (key.field) {
      case 1:
        reader.expect(key, WireType.varint, 'timestamp');
        payload.timestamp = integerValue(reader.varint());
        break;
      case 2:
        reader.expect(key, WireType.lengthDelimited, 'metrics');
        payload.metrics.push(metric(reader.embedded(), 1));
        break;
      case 3:
        reader.expect(key, WireType.varint, 'seq');
        payload.seq = reader.varint();
        break;
      case 4:
        payload.uuid = text(reader, key, 'uuid');
        break;
      case 5:
        reader.expect(key, WireType.lengthDelimited, 'body');
        payload.body = { $bytes: hexString(reader.lengthDelimited()) };
        break;
      default:
        reader.skipField(key);
    }
  }
  return payload;
}

/** The payload as JSON, metrics in order, names first: what the read-only view and the field picker see. */
export function sparkplugJson(payload: SparkplugPayload): { [key: string]: JsonValue } {
  const json = newObject();
  if (payload.timestamp !== undefined) json.timestamp = payload.timestamp;
  if (payload.seq !== undefined) json.seq = integerValue(payload.seq);
  if (payload.uuid !== undefined) json.uuid = payload.uuid;
  json.metrics = payload.metrics.map((one) => {
    const out = newObject();
    if (one.name !== undefined) out.name = one.name;
    if (one.alias !== undefined) out.alias = integerValue(one.alias);
    Object.assign(out, one.fields);
    return out;
  });
  if (payload.body !== undefined) json.body = payload.body;
  return json;
}

function check(reader: ProtobufReader, depth: number): void {
  if (depth > MAX_DECODE_DEPTH) throw new DecodeError(`Nested deeper than ${MAX_DECODE_DEPTH} levels`, reader.offset);
}

function text(reader: ProtobufReader, key: FieldKey, name: string): string {
  reader.expect(key, WireType.lengthDelimited, name);
  const start = reader.offset;
  return utf8(reader.lengthDelimited(), start);
}

/**
 * The field numbers of the `oneof value` members of each message that has one (sparkplug_b.proto),
 * for the decoder here and the encoder in sparkplug-encode.ts.
 */
export interface SparkplugValueFields {
  int: number;
  long: number;
  float: number;
  double: number;
  boolean: number;
  string: number;
  bytes?: number;
  dataset?: number;
  template?: number;
  propertySet?: number;
  propertySetList?: number;
}

function readValue(reader: ProtobufReader, key: FieldKey, numbers: SparkplugValueFields): { raw: RawValue } | undefined {
  switch (key.field) {
    case numbers.int:
      reader.expect(key, WireType.varint, 'int_value');
      return { raw: { kind: 'int', value: BigInt.asUintN(32, reader.varint()) } };
    case numbers.long:
      reader.expect(key, WireType.varint, 'long_value');
      return { raw: { kind: 'long', value: reader.varint() } };
    case numbers.float:
      reader.expect(key, WireType.fixed32, 'float_value');
      return { raw: { kind: 'number', value: reader.fixed32().getFloat32(0, true) } };
    case numbers.double:
      reader.expect(key, WireType.fixed64, 'double_value');
      return { raw: { kind: 'number', value: reader.fixed64().getFloat64(0, true) } };
    case numbers.boolean:
      reader.expect(key, WireType.varint, 'boolean_value');
      return { raw: { kind: 'boolean', value: reader.varint() !== 0n } };
    case numbers.string:
      return { raw: { kind: 'string', value: text(reader, key, 'string_value') } };
    default:
      return undefined;
  }
}

type RawValue =
  | { kind: 'int' | 'long'; value: bigint }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'bytes'; value: Uint8Array; offset: number }
  | { kind: 'json'; value: JsonValue };

export const metricValues: SparkplugValueFields = { int: 10, long: 11, float: 12, double: 13, boolean: 14, string: 15, bytes: 16, dataset: 17, template: 18 };
export const parameterValues: SparkplugValueFields = { int: 3, long: 4, float: 5, double: 6, boolean: 7, string: 8 };
export const cellValues: SparkplugValueFields = { int: 1, long: 2, float: 3, double: 4, boolean: 5, string: 6 };
export const propertyValues: SparkplugValueFields = { int: 3, long: 4, float: 5, double: 6, boolean: 7, string: 8, propertySet: 9, propertySetList: 10 };

function typeName(type: number): string {
  return sparkplugDataTypes[type] ?? `Type${type}`;
}

/** Integers are sent unsigned; the declared type says how to read them back (Sparkplug 3.0 §6.4.16). */
function typedValue(raw: RawValue | undefined, type: number | undefined): JsonValue | undefined {
  if (raw === undefined) return undefined;
  switch (raw.kind) {
    case 'int':
    case 'long': {
      if (type === 1) return integerValue(BigInt.asIntN(8, raw.value));
      if (type === 2) return integerValue(BigInt.asIntN(16, raw.value));
      if (type === 3) return integerValue(BigInt.asIntN(32, raw.value));
      if (type === 4) return integerValue(BigInt.asIntN(64, raw.value));
      return integerValue(raw.value);
    }
    case 'number':
      return floatValue(raw.value);
    case 'bytes':
      return arrayValue(raw.value, type, raw.offset) ?? { $bytes: hexString(raw.value) };
    default:
      return raw.value;
  }
}

/** Array types travel as little-endian packed bytes in bytes_value (Sparkplug 3.0 §6.4.17). */
function arrayValue(bytes: Uint8Array, type: number | undefined, offset: number): JsonValue | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fixed = (size: number, read: (at: number) => JsonValue): JsonValue[] => {
    if (bytes.length % size !== 0) throw new DecodeError(`${typeName(type ?? 0)} of ${bytes.length} bytes is not a multiple of ${size}`, offset);
    return Array.from({ length: bytes.length / size }, (_, index) => read(index * size));
  };
  switch (type) {
    case 22: return fixed(1, (at) => view.getInt8(at));
    case 23: return fixed(2, (at) => view.getInt16(at, true));
    case 24: return fixed(4, (at) => view.getInt32(at, true));
    case 25: return fixed(8, (at) => integerValue(view.getBigInt64(at, true)));
    case 26: return fixed(1, (at) => view.getUint8(at));
    case 27: return fixed(2, (at) => view.getUint16(at, true));
    case 28: return fixed(4, (at) => view.getUint32(at, true));
    case 29: return fixed(8, (at) => integerValue(view.getBigUint64(at, true)));
    case 30: return fixed(4, (at) => floatValue(view.getFloat32(at, true)));
    case 31: return fixed(8, (at) => floatValue(view.getFloat64(at, true)));
    case 34: return fixed(8, (at) => integerValue(view.getBigInt64(at, true)));
    case 32: {
      if (bytes.length < 4) throw new DecodeError('BooleanArray shorter than its 4-byte count', offset);
      const count = view.getUint32(0, true);
      if (Math.ceil(count / 8) > bytes.length - 4) throw new DecodeError(`BooleanArray claims ${count} values in ${bytes.length - 4} bytes`, offset);
      return Array.from({ length: count }, (_, index) => ((bytes[4 + (index >> 3)] ?? 0) & (0x80 >> (index & 7))) !== 0);
    }
    case 33: {
      const strings = utf8(bytes, offset).split('\0');
      if (strings.at(-1) === '') strings.pop();
      return strings;
    }
    default:
      return undefined;
  }
}

function metric(reader: ProtobufReader, depth: number): SparkplugMetric {
  check(reader, depth);
  const found: SparkplugMetric = { offset: reader.offset, fields: newObject() };
  let datatype: number | undefined;
  let raw: RawValue | undefined;
  const extra = newObject();
  while (!reader.done) {
    const key = reader.key();
    const value = readValue(reader, key, metricValues);
    if (value) {
      raw = value.raw;
      continue;
    }
    switch (key.field) {
      case 1:
        found.name = text(reader, key, 'name');
        break;
      case 2:
        reader.expect(key, WireType.varint, 'alias');
        found.alias = reader.varint();
        break;
      case 3:
        reader.expect(key, WireType.varint, 'timestamp');
        found.fields.timestamp = integerValue(reader.varint());
        break;
      case 4:
        reader.expect(key, WireType.varint, 'datatype');
        datatype = Number(BigInt.asUintN(32, reader.varint()));
        break;
      case 5:
      case 6:
      case 7: {
        const name = key.field === 5 ? 'isHistorical' : key.field === 6 ? 'isTransient' : 'isNull';
        reader.expect(key, WireType.varint, name);
        extra[name] = reader.varint() !== 0n;
        break;
      }
      case 8:
        reader.expect(key, WireType.lengthDelimited, 'metadata');
        extra.metadata = metaData(reader.embedded());
        break;
      case 9:
        reader.expect(key, WireType.lengthDelimited, 'properties');
        extra.properties = propertySet(reader.embedded(), depth + 1);
        break;
      case 16: {
        reader.expect(key, WireType.lengthDelimited, 'bytes_value');
        const offset = reader.offset;
        raw = { kind: 'bytes', value: reader.lengthDelimited(), offset };
        break;
      }
      case 17:
        reader.expect(key, WireType.lengthDelimited, 'dataset_value');
        raw = { kind: 'json', value: dataSet(reader.embedded(), depth + 1) };
        break;
      case 18:
        reader.expect(key, WireType.lengthDelimited, 'template_value');
        raw = { kind: 'json', value: template(reader.embedded(), depth + 1) };
        break;
      default:
        reader.skipField(key);
    }
  }
  if (datatype !== undefined) found.fields.datatype = typeName(datatype);
  const value = typedValue(raw, datatype);
  if (value !== undefined) found.fields.value = value;
  Object.assign(found.fields, extra);
  return found;
}

function metaData(reader: ProtobufReader): JsonValue {
  const out = newObject();
  const strings: Record<number, string> = { 2: 'contentType', 5: 'fileName', 6: 'fileType', 7: 'md5', 8: 'description' };
  while (!reader.done) {
    const key = reader.key();
    const stringName = strings[key.field];
    if (stringName) out[stringName] = text(reader, key, stringName);
    else if (key.field === 1) {
      reader.expect(key, WireType.varint, 'is_multi_part');
      out.isMultiPart = reader.varint() !== 0n;
    } else if (key.field === 3 || key.field === 4) {
      const name = key.field === 3 ? 'size' : 'seq';
      reader.expect(key, WireType.varint, name);
      out[name] = integerValue(reader.varint());
    } else reader.skipField(key);
  }
  return out;
}

function propertySet(reader: ProtobufReader, depth: number): JsonValue {
  check(reader, depth);
  const keys: string[] = [];
  const values: JsonValue[] = [];
  while (!reader.done) {
    const key = reader.key();
    if (key.field === 1) keys.push(text(reader, key, 'keys'));
    else if (key.field === 2) {
      reader.expect(key, WireType.lengthDelimited, 'values');
      values.push(propertyValue(reader.embedded(), depth + 1));
    } else reader.skipField(key);
  }
  const out = newObject();
  keys.forEach((name, index) => {
    out[name] = values[index] ?? null;
  });
  return out;
}

function propertyValue(reader: ProtobufReader, depth: number): JsonValue {
  check(reader, depth);
  let type: number | undefined;
  let raw: RawValue | undefined;
  let isNull = false;
  while (!reader.done) {
    const key = reader.key();
    const value = readValue(reader, key, propertyValues);
    if (value) {
      raw = value.raw;
      continue;
    }
    if (key.field === 1) {
      reader.expect(key, WireType.varint, 'type');
      type = Number(BigInt.asUintN(32, reader.varint()));
    } else if (key.field === 2) {
      reader.expect(key, WireType.varint, 'is_null');
      isNull = reader.varint() !== 0n;
    } else if (key.field === 9) {
      reader.expect(key, WireType.lengthDelimited, 'propertyset_value');
      raw = { kind: 'json', value: propertySet(reader.embedded(), depth + 1) };
    } else if (key.field === 10) {
      reader.expect(key, WireType.lengthDelimited, 'propertysets_value');
      const list: JsonValue[] = [];
      const inner = reader.embedded();
      while (!inner.done) {
        const listKey = inner.key();
        if (listKey.field === 1) {
          inner.expect(listKey, WireType.lengthDelimited, 'propertyset');
          list.push(propertySet(inner.embedded(), depth + 2));
        } else inner.skipField(listKey);
      }
      raw = { kind: 'json', value: list };
    } else reader.skipField(key);
  }
  const out = newObject();
  if (type !== undefined) out.type = typeName(type);
  out.value = isNull ? null : (typedValue(raw, type) ?? null);
  return out;
}

function dataSet(reader: ProtobufReader, depth: number): JsonValue {
  check(reader, depth);
  let columnCount: JsonValue | undefined;
  const columns: string[] = [];
  const types: number[] = [];
  const rows: JsonValue[][] = [];
  while (!reader.done) {
    const key = reader.key();
    switch (key.field) {
      case 1:
        reader.expect(key, WireType.varint, 'num_of_columns');
        columnCount = integerValue(reader.varint());
        break;
      case 2:
        columns.push(text(reader, key, 'columns'));
        break;
      case 3:
        // Repeated scalars may come packed or one per key.
        if (key.wireType === WireType.lengthDelimited) {
          const packed = reader.embedded();
          while (!packed.done) types.push(Number(BigInt.asUintN(32, packed.varint())));
        } else {
          reader.expect(key, WireType.varint, 'types');
          types.push(Number(BigInt.asUintN(32, reader.varint())));
        }
        break;
      case 4: {
        reader.expect(key, WireType.lengthDelimited, 'rows');
        const row = reader.embedded();
        const cells: JsonValue[] = [];
        while (!row.done) {
          const rowKey = row.key();
          if (rowKey.field !== 1) {
            row.skipField(rowKey);
            continue;
          }
          row.expect(rowKey, WireType.lengthDelimited, 'elements');
          const cell = row.embedded();
          let raw: RawValue | undefined;
          while (!cell.done) {
            const cellKey = cell.key();
            const value = readValue(cell, cellKey, cellValues);
            if (value) raw = value.raw;
            else cell.skipField(cellKey);
          }
          cells.push(typedValue(raw, types[cells.length]) ?? null);
        }
        rows.push(cells);
        break;
      }
      default:
        reader.skipField(key);
    }
  }
  const out = newObject();
  if (columnCount !== undefined) out.numOfColumns = columnCount;
  out.columns = columns;
  out.types = types.map(typeName);
  out.rows = rows;
  return out;
}

function template(reader: ProtobufReader, depth: number): JsonValue {
  check(reader, depth);
  const out = newObject();
  const metrics: JsonValue[] = [];
  const parameters: JsonValue[] = [];
  while (!reader.done) {
    const key = reader.key();
    switch (key.field) {
      case 1:
        out.version = text(reader, key, 'version');
        break;
      case 2: {
        reader.expect(key, WireType.lengthDelimited, 'metrics');
        const inner = metric(reader.embedded(), depth + 1);
        const shown = newObject();
        if (inner.name !== undefined) shown.name = inner.name;
        if (inner.alias !== undefined) shown.alias = integerValue(inner.alias);
        metrics.push(Object.assign(shown, inner.fields));
        break;
      }
      case 3: {
        reader.expect(key, WireType.lengthDelimited, 'parameters');
        const parameter = reader.embedded();
        const shown = newObject();
        let type: number | undefined;
        let raw: RawValue | undefined;
        while (!parameter.done) {
          const parameterKey = parameter.key();
          const value = readValue(parameter, parameterKey, parameterValues);
          if (value) raw = value.raw;
          else if (parameterKey.field === 1) shown.name = text(parameter, parameterKey, 'name');
          else if (parameterKey.field === 2) {
            parameter.expect(parameterKey, WireType.varint, 'type');
            type = Number(BigInt.asUintN(32, parameter.varint()));
          } else parameter.skipField(parameterKey);
        }
        if (type !== undefined) shown.type = typeName(type);
        shown.value = typedValue(raw, type) ?? null;
        parameters.push(shown);
        break;
      }
      case 4:
        out.templateRef = text(reader, key, 'template_ref');
        break;
      case 5:
        reader.expect(key, WireType.varint, 'is_definition');
        out.isDefinition = reader.varint() !== 0n;
        break;
      default:
        reader.skipField(key);
    }
  }
  out.metrics = metrics;
  out.parameters = parameters;
  return out;
}
