/**
 * Sparkplug B payloads from JSON in the shape the decoder shows (timestamp, seq, metrics with name,
 * alias, timestamp, datatype and value), so a decoded message can be edited and sent back. Scalars,
 * strings, bytes and the array types are written; datasets and templates are refused by name.
 */
import { EncodeError, hexBytes, integerFrom, numberFrom, ProtobufWriter } from './protobuf-writer';
import { WireType } from './protobuf-wire';
import { sparkplugDataTypes } from './sparkplug';

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

const knownMetricKeys = ['name', 'alias', 'timestamp', 'datatype', 'value', 'isHistorical', 'isTransient', 'isNull'];

function encodeMetric(input: unknown, path: string): Uint8Array {
  const metric = objectAt(input, path);
  for (const key of Object.keys(metric)) if (!knownMetricKeys.includes(key)) throw new EncodeError(`${path}.${key}`, `is not a metric field (${knownMetricKeys.join(', ')}).`);
  const writer = new ProtobufWriter();
  if (metric.name !== undefined) writer.key(1, WireType.lengthDelimited).bytes(utf8.encode(stringAt(metric.name, `${path}.name`)));
  if (metric.alias !== undefined) writer.key(2, WireType.varint).varint(integerFrom(metric.alias, `${path}.alias`, 64, false));
  if (metric.name === undefined && metric.alias === undefined) throw new EncodeError(path, 'a metric needs a name, an alias, or both.');
  if (metric.timestamp !== undefined) writer.key(3, WireType.varint).varint(integerFrom(metric.timestamp, `${path}.timestamp`, 64, false));
  const typeName = stringAt(metric.datatype, `${path}.datatype`);
  const type = (sparkplugDataTypes as readonly string[]).indexOf(typeName);
  if (type <= 0) throw new EncodeError(`${path}.datatype`, `"${typeName}" is not a Sparkplug data type (Int32, Float, Boolean, String, …).`);
  writer.key(4, WireType.varint).varint(BigInt(type));
  for (const [field, name] of [[5, 'isHistorical'], [6, 'isTransient'], [7, 'isNull']] as const) {
    const flag = metric[name];
    if (flag === undefined) continue;
    if (typeof flag !== 'boolean') throw new EncodeError(`${path}.${name}`, 'expected true or false.');
    writer.key(field, WireType.varint).varint(flag ? 1n : 0n);
  }
  if (metric.isNull === true || metric.value === undefined || metric.value === null) return writer.finish();
  writeValue(writer, type, typeName, metric.value, `${path}.value`);
  return writer.finish();
}

function writeValue(writer: ProtobufWriter, type: number, typeName: string, value: unknown, path: string): void {
  switch (typeName) {
    case 'Int8':
    case 'Int16':
    case 'Int32': {
      const bits = typeName === 'Int8' ? 8 : typeName === 'Int16' ? 16 : 32;
      // Sent as the unsigned 32-bit two's complement, as Tahu does.
      writer.key(10, WireType.varint).varint(BigInt.asUintN(32, integerFrom(value, path, bits, true)));
      return;
    }
    case 'UInt8':
    case 'UInt16':
      writer.key(10, WireType.varint).varint(integerFrom(value, path, typeName === 'UInt8' ? 8 : 16, false));
      return;
    case 'UInt32':
      writer.key(11, WireType.varint).varint(integerFrom(value, path, 32, false));
      return;
    case 'Int64':
      writer.key(11, WireType.varint).varint(BigInt.asUintN(64, integerFrom(value, path, 64, true)));
      return;
    case 'UInt64':
    case 'DateTime':
      writer.key(11, WireType.varint).varint(integerFrom(value, path, 64, false));
      return;
    case 'Float': {
      const number = numberFrom(value, path);
      writer.key(12, WireType.fixed32).fixed32((view) => view.setFloat32(0, number, true));
      return;
    }
    case 'Double': {
      const number = numberFrom(value, path);
      writer.key(13, WireType.fixed64).fixed64((view) => view.setFloat64(0, number, true));
      return;
    }
    case 'Boolean':
      if (typeof value !== 'boolean') throw new EncodeError(path, 'expected true or false.');
      writer.key(14, WireType.varint).varint(value ? 1n : 0n);
      return;
    case 'String':
    case 'Text':
    case 'UUID':
      writer.key(15, WireType.lengthDelimited).bytes(utf8.encode(stringAt(value, path)));
      return;
    case 'Bytes':
    case 'File': {
      const hex = (value as { $bytes?: unknown } | null)?.$bytes;
      if (typeof hex !== 'string') throw new EncodeError(path, 'bytes are written as {"$bytes": "hex digits"}.');
      writer.key(16, WireType.lengthDelimited).bytes(hexBytes(hex, path));
      return;
    }
    default:
      throw new EncodeError(path, `publishing a ${typeName} metric (type ${type}) from JSON is not supported; send it from a file instead.`);
  }
}
