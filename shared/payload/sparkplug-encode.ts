/**
 * Sparkplug B payloads from JSON in the shape the decoder shows (timestamp, seq, metrics with name,
 * alias, timestamp, datatype and value), so a decoded message can be edited and sent back: every
 * data type, datasets, templates, property sets and metadata included.
 */
import { EncodeError, hexBytes, integerFrom, numberFrom, ProtobufWriter } from './protobuf-writer';
import { WireType } from './protobuf-wire';
import { cellValues, metricValues, parameterValues, propertyValues, sparkplugDataTypes } from './sparkplug';
import type { SparkplugValueFields } from './sparkplug';

const utf8 = new TextEncoder();

export function encodeSparkplugJson(input: unknown): Uint8Array {
  const payload = objectAt(input, '');
  const writer = new ProtobufWriter();
  const timestamp = payload.timestamp ?? Date.now();
  writer.key(1, WireType.varint).varint(integerFrom(timestamp, 'timestamp', 64, false));
  const metrics = payload.metrics ?? [];
  if (!Array.isArray(metrics)) throw new EncodeError('metrics', 'expected an array of metrics.');
  metrics.forEach((metric, index) => writer.key(2, WireType.lengthDelimited).bytes(encodeMetric(metric, `metrics[${index}]`)));
  if (payload.seq !== undefined) writer.key(3, WireType.varint).varint(integerFrom(payload.seq, 'seq', 8, false));
  if (payload.uuid !== undefined) writer.key(4, WireType.lengthDelimited).bytes(utf8.encode(stringAt(payload.uuid, 'uuid')));
  for (const key of Object.keys(payload)) {
    if (!['timestamp', 'metrics', 'seq', 'uuid'].includes(key)) throw new EncodeError(key, 'is not a Sparkplug B payload field (timestamp, seq, uuid, metrics).');
  }
  return writer.finish();
}

function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new EncodeError(path, 'expected an object.');
  return value as Record<string, unknown>;
}

function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new EncodeError(path, `expected a string, got ${JSON.stringify(value)}.`);
  return value;
}

const knownMetricKeys = ['name', 'alias', 'timestamp', 'datatype', 'value', 'isHistorical', 'isTransient', 'isNull', 'properties', 'metadata'];

function dataType(typeName: unknown, path: string): number {
  const name = stringAt(typeName, path);
  const type = (sparkplugDataTypes as readonly string[]).indexOf(name);
  if (type <= 0) throw new EncodeError(path, `"${name}" is not a Sparkplug data type (Int32, Float, Boolean, String, …).`);
  return type;
}

function encodeMetric(input: unknown, path: string): Uint8Array {
  const metric = objectAt(input, path);
  for (const key of Object.keys(metric)) if (!knownMetricKeys.includes(key)) throw new EncodeError(`${path}.${key}`, `is not a metric field (${knownMetricKeys.join(', ')}).`);
  const writer = new ProtobufWriter();
  if (metric.name !== undefined) writer.key(1, WireType.lengthDelimited).bytes(utf8.encode(stringAt(metric.name, `${path}.name`)));
  if (metric.alias !== undefined) writer.key(2, WireType.varint).varint(integerFrom(metric.alias, `${path}.alias`, 64, false));
  if (metric.name === undefined && metric.alias === undefined) throw new EncodeError(path, 'a metric needs a name, an alias, or both.');
  if (metric.timestamp !== undefined) writer.key(3, WireType.varint).varint(integerFrom(metric.timestamp, `${path}.timestamp`, 64, false));
  const type = dataType(metric.datatype, `${path}.datatype`);
  writer.key(4, WireType.varint).varint(BigInt(type));
  for (const [field, name] of [[5, 'isHistorical'], [6, 'isTransient'], [7, 'isNull']] as const) {
    const flag = metric[name];
    if (flag === undefined) continue;
    if (typeof flag !== 'boolean') throw new EncodeError(`${path}.${name}`, 'expected true or false.');
    writer.key(field, WireType.varint).varint(flag ? 1n : 0n);
  }
  if (metric.metadata !== undefined) writer.key(8, WireType.lengthDelimited).bytes(encodeMetaData(metric.metadata, `${path}.metadata`));
  if (metric.properties !== undefined) writer.key(9, WireType.lengthDelimited).bytes(encodePropertySet(metric.properties, `${path}.properties`));
  if (metric.isNull === true || metric.value === undefined || metric.value === null) return writer.finish();
  writeValue(writer, metricValues, type, metric.value, `${path}.value`);
  return writer.finish();
}

function encodeMetaData(input: unknown, path: string): Uint8Array {
  const metaData = objectAt(input, path);
  const writer = new ProtobufWriter();
  const layout: Record<string, [number, 'bool' | 'string' | 'uint64']> = {
    isMultiPart: [1, 'bool'], contentType: [2, 'string'], size: [3, 'uint64'], seq: [4, 'uint64'],
    fileName: [5, 'string'], fileType: [6, 'string'], md5: [7, 'string'], description: [8, 'string'],
  };
  for (const [key, value] of Object.entries(metaData)) {
    const slot = layout[key];
    if (!slot) throw new EncodeError(`${path}.${key}`, `is not a metadata field (${Object.keys(layout).join(', ')}).`);
    const [field, kind] = slot;
    if (kind === 'string') writer.key(field, WireType.lengthDelimited).bytes(utf8.encode(stringAt(value, `${path}.${key}`)));
    else if (kind === 'uint64') writer.key(field, WireType.varint).varint(integerFrom(value, `${path}.${key}`, 64, false));
    else {
      if (typeof value !== 'boolean') throw new EncodeError(`${path}.${key}`, 'expected true or false.');
      writer.key(field, WireType.varint).varint(value ? 1n : 0n);
    }
  }
  return writer.finish();
}

/** A property set as the decoder shows it: `{"engUnit": {"type": "String", "value": "Cel"}}`. */
function encodePropertySet(input: unknown, path: string): Uint8Array {
  const properties = objectAt(input, path);
  const writer = new ProtobufWriter();
  for (const key of Object.keys(properties)) writer.key(1, WireType.lengthDelimited).bytes(utf8.encode(key));
  for (const [key, value] of Object.entries(properties)) {
    const propertyPath = `${path}.${key}`;
    const property = objectAt(value, propertyPath);
    const inner = new ProtobufWriter();
    const typeName = stringAt(property.type, `${propertyPath}.type`);
    let type: number;
    if (typeName === 'PropertySet') type = 20;
    else if (typeName === 'PropertySetList') type = 21;
    else type = dataType(typeName, `${propertyPath}.type`);
    inner.key(1, WireType.varint).varint(BigInt(type));
    if (property.value === null || property.value === undefined) inner.key(2, WireType.varint).varint(1n);
    else writeValue(inner, propertyValues, type, property.value, `${propertyPath}.value`);
    writer.key(2, WireType.lengthDelimited).bytes(inner.finish());
  }
  return writer.finish();
}

function encodeDataSet(input: unknown, path: string): Uint8Array {
  const dataSet = objectAt(input, path);
  const columns = Array.isArray(dataSet.columns) ? dataSet.columns : [];
  const types = Array.isArray(dataSet.types) ? dataSet.types.map((type, index) => dataType(type, `${path}.types[${index}]`)) : [];
  const rows = Array.isArray(dataSet.rows) ? dataSet.rows : [];
  if (columns.length !== types.length) throw new EncodeError(path, `${columns.length} columns but ${types.length} types.`);
  const writer = new ProtobufWriter();
  writer.key(1, WireType.varint).varint(integerFrom(dataSet.numOfColumns ?? columns.length, `${path}.numOfColumns`, 64, false));
  columns.forEach((column, index) => writer.key(2, WireType.lengthDelimited).bytes(utf8.encode(stringAt(column, `${path}.columns[${index}]`))));
  for (const type of types) writer.key(3, WireType.varint).varint(BigInt(type));
  rows.forEach((row, rowIndex) => {
    const rowPath = `${path}.rows[${rowIndex}]`;
    if (!Array.isArray(row) || row.length !== types.length) throw new EncodeError(rowPath, `expected an array of ${types.length} values, one per column.`);
    const rowWriter = new ProtobufWriter();
    row.forEach((cell, column) => {
      const cellWriter = new ProtobufWriter();
      if (cell !== null) writeValue(cellWriter, cellValues, types[column] ?? 0, cell, `${rowPath}[${column}]`);
      rowWriter.key(1, WireType.lengthDelimited).bytes(cellWriter.finish());
    });
    writer.key(4, WireType.lengthDelimited).bytes(rowWriter.finish());
  });
  return writer.finish();
}

function encodeTemplate(input: unknown, path: string): Uint8Array {
  const template = objectAt(input, path);
  const writer = new ProtobufWriter();
  if (template.version !== undefined) writer.key(1, WireType.lengthDelimited).bytes(utf8.encode(stringAt(template.version, `${path}.version`)));
  const metrics = Array.isArray(template.metrics) ? template.metrics : [];
  metrics.forEach((metric, index) => writer.key(2, WireType.lengthDelimited).bytes(encodeMetric(metric, `${path}.metrics[${index}]`)));
  const parameters = Array.isArray(template.parameters) ? template.parameters : [];
  parameters.forEach((input, index) => {
    const parameterPath = `${path}.parameters[${index}]`;
    const parameter = objectAt(input, parameterPath);
    const inner = new ProtobufWriter();
    if (parameter.name !== undefined) inner.key(1, WireType.lengthDelimited).bytes(utf8.encode(stringAt(parameter.name, `${parameterPath}.name`)));
    const type = dataType(parameter.type, `${parameterPath}.type`);
    inner.key(2, WireType.varint).varint(BigInt(type));
    if (parameter.value !== null && parameter.value !== undefined) writeValue(inner, parameterValues, type, parameter.value, `${parameterPath}.value`);
    writer.key(3, WireType.lengthDelimited).bytes(inner.finish());
  });
  if (template.templateRef !== undefined) writer.key(4, WireType.lengthDelimited).bytes(utf8.encode(stringAt(template.templateRef, `${path}.templateRef`)));
  if (template.isDefinition !== undefined) {
    if (typeof template.isDefinition !== 'boolean') throw new EncodeError(`${path}.isDefinition`, 'expected true or false.');
    writer.key(5, WireType.varint).varint(template.isDefinition ? 1n : 0n);
  }
  return writer.finish();
}

function writeValue(writer: ProtobufWriter, fields: SparkplugValueFields, type: number, value: unknown, path: string): void {
  const typeName = sparkplugDataTypes[type] ?? `Type${type}`;
  switch (typeName) {
    case 'Int8':
    case 'Int16':
    case 'Int32': {
      const bits = typeName === 'Int8' ? 8 : typeName === 'Int16' ? 16 : 32;
      // Sent as the unsigned 32-bit two's complement, as Tahu does.
      writer.key(fields.int, WireType.varint).varint(BigInt.asUintN(32, integerFrom(value, path, bits, true)));
      return;
    }
    case 'UInt8':
    case 'UInt16':
      writer.key(fields.int, WireType.varint).varint(integerFrom(value, path, typeName === 'UInt8' ? 8 : 16, false));
      return;
    case 'UInt32':
      writer.key(fields.long, WireType.varint).varint(integerFrom(value, path, 32, false));
      return;
    case 'Int64':
      writer.key(fields.long, WireType.varint).varint(BigInt.asUintN(64, integerFrom(value, path, 64, true)));
      return;
    case 'UInt64':
    case 'DateTime':
      writer.key(fields.long, WireType.varint).varint(integerFrom(value, path, 64, false));
      return;
    case 'Float': {
      const number = numberFrom(value, path);
      writer.key(fields.float, WireType.fixed32).fixed32((view) => view.setFloat32(0, number, true));
      return;
    }
    case 'Double': {
      const number = numberFrom(value, path);
      writer.key(fields.double, WireType.fixed64).fixed64((view) => view.setFloat64(0, number, true));
      return;
    }
    case 'Boolean':
      if (typeof value !== 'boolean') throw new EncodeError(path, 'expected true or false.');
      writer.key(fields.boolean, WireType.varint).varint(value ? 1n : 0n);
      return;
    case 'String':
    case 'Text':
    case 'UUID':
      writer.key(fields.string, WireType.lengthDelimited).bytes(utf8.encode(stringAt(value, path)));
      return;
    case 'Bytes':
    case 'File': {
      const hex = (value as { $bytes?: unknown } | null)?.$bytes;
      if (typeof hex !== 'string') throw new EncodeError(path, 'bytes are written as {"$bytes": "hex digits"}.');
      writer.key(only(fields.bytes, typeName, path), WireType.lengthDelimited).bytes(hexBytes(hex, path));
      return;
    }
    case 'DataSet':
      writer.key(only(fields.dataset, typeName, path), WireType.lengthDelimited).bytes(encodeDataSet(value, path));
      return;
    case 'Template':
      writer.key(only(fields.template, typeName, path), WireType.lengthDelimited).bytes(encodeTemplate(value, path));
      return;
    case 'PropertySet':
      writer.key(only(fields.propertySet, typeName, path), WireType.lengthDelimited).bytes(encodePropertySet(value, path));
      return;
    case 'PropertySetList': {
      if (!Array.isArray(value)) throw new EncodeError(path, 'expected an array of property sets.');
      const list = new ProtobufWriter();
      value.forEach((set, index) => list.key(1, WireType.lengthDelimited).bytes(encodePropertySet(set, `${path}[${index}]`)));
      writer.key(only(fields.propertySetList, typeName, path), WireType.lengthDelimited).bytes(list.finish());
      return;
    }
    default:
      if (type >= 22 && type <= 34 && fields.bytes !== undefined) {
        writer.key(fields.bytes, WireType.lengthDelimited).bytes(packArray(typeName, value, path));
        return;
      }
      throw new EncodeError(path, `a ${typeName} value (type ${type}) cannot be written here.`);
  }
}

function only(field: number | undefined, typeName: string, path: string): number {
  if (field === undefined) throw new EncodeError(path, `a ${typeName} value cannot be written here.`);
  return field;
}

/** Array types as little-endian packed bytes (Sparkplug 3.0 §6.4.17), the inverse of the decoder's unpacking. */
function packArray(typeName: string, value: unknown, path: string): Uint8Array {
  if (!Array.isArray(value)) throw new EncodeError(path, `expected an array for ${typeName}.`);
  if (typeName === 'StringArray') return utf8.encode(value.map((item, index) => `${stringAt(item, `${path}[${index}]`)}\0`).join(''));
  if (typeName === 'BooleanArray') {
    const bytes = new Uint8Array(4 + Math.ceil(value.length / 8));
    new DataView(bytes.buffer).setUint32(0, value.length, true);
    value.forEach((item, index) => {
      if (typeof item !== 'boolean') throw new EncodeError(`${path}[${index}]`, 'expected true or false.');
      if (item) bytes[4 + (index >> 3)] = (bytes[4 + (index >> 3)] ?? 0) | (0x80 >> (index & 7));
    });
    return bytes;
  }
  const layouts: Record<string, [number, (view: DataView, at: number, item: unknown, itemPath: string) => void]> = {
    Int8Array: [1, (view, at, item, itemPath) => view.setInt8(at, Number(integerFrom(item, itemPath, 8, true)))],
    Int16Array: [2, (view, at, item, itemPath) => view.setInt16(at, Number(integerFrom(item, itemPath, 16, true)), true)],
    Int32Array: [4, (view, at, item, itemPath) => view.setInt32(at, Number(integerFrom(item, itemPath, 32, true)), true)],
    Int64Array: [8, (view, at, item, itemPath) => view.setBigInt64(at, integerFrom(item, itemPath, 64, true), true)],
    UInt8Array: [1, (view, at, item, itemPath) => view.setUint8(at, Number(integerFrom(item, itemPath, 8, false)))],
    UInt16Array: [2, (view, at, item, itemPath) => view.setUint16(at, Number(integerFrom(item, itemPath, 16, false)), true)],
    UInt32Array: [4, (view, at, item, itemPath) => view.setUint32(at, Number(integerFrom(item, itemPath, 32, false)), true)],
    UInt64Array: [8, (view, at, item, itemPath) => view.setBigUint64(at, integerFrom(item, itemPath, 64, false), true)],
    FloatArray: [4, (view, at, item, itemPath) => view.setFloat32(at, numberFrom(item, itemPath), true)],
    DoubleArray: [8, (view, at, item, itemPath) => view.setFloat64(at, numberFrom(item, itemPath), true)],
    DateTimeArray: [8, (view, at, item, itemPath) => view.setBigInt64(at, integerFrom(item, itemPath, 64, true), true)],
  };
  const layout = layouts[typeName];
  if (!layout) throw new EncodeError(path, `${typeName} cannot be written.`);
  const [size, write] = layout;
  const bytes = new Uint8Array(value.length * size);
  const view = new DataView(bytes.buffer);
  value.forEach((item, index) => write(view, index * size, item, `${path}[${index}]`));
  return bytes;
}
