/**
 * A Protobuf message from JSON in the shape the decoder shows, by walking the reflected type (never
 * protobufjs's generated encoder). Errors name the field path, such as `location.lat`.
 */
import protobuf from 'protobufjs';
import { WireType } from '../../../shared/payload/protobuf-wire';
import { EncodeError, hexBytes, integerFrom, numberFrom, ProtobufWriter } from '../../../shared/payload/protobuf-writer';
import { MAX_DECODE_DEPTH } from '../../../shared/payload/decoded-value';

const utf8 = new TextEncoder();

export function encodeMessage(type: protobuf.Type, input: unknown): Uint8Array {
  return writeMessage(type, input, '', 0);
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function writeMessage(type: protobuf.Type, input: unknown, path: string, depth: number): Uint8Array {
  if (depth > MAX_DECODE_DEPTH) throw new EncodeError(path, `nested deeper than ${MAX_DECODE_DEPTH} levels.`);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new EncodeError(path, `expected an object for ${type.fullName.replace(/^\./, '')}.`);
  const writer = new ProtobufWriter();
  const object = input as Record<string, unknown>;
  for (const [name, value] of Object.entries(object)) {
    const field = type.fields[name];
    const fieldPath = join(path, name);
    if (!field) throw new EncodeError(fieldPath, `${type.fullName.replace(/^\./, '')} has no field "${name}".`);
    if (value === null || value === undefined) continue;
    if (field instanceof protobuf.MapField) {
      if (typeof value !== 'object' || Array.isArray(value)) throw new EncodeError(fieldPath, 'expected an object for a map.');
      const keyField = new protobuf.Field('key', 1, field.keyType);
      for (const [mapKey, mapValue] of Object.entries(value as Record<string, unknown>)) {
        const entry = new ProtobufWriter();
        const typedKey = field.keyType === 'string' ? mapKey : field.keyType === 'bool' ? mapKey === 'true' : mapKey;
        writeField(entry, keyField, 1, typedKey, `${fieldPath}["${mapKey}"]`, depth);
        writeField(entry, field, 2, mapValue, `${fieldPath}["${mapKey}"]`, depth);
        writer.key(field.id, WireType.lengthDelimited).bytes(entry.finish());
      }
    } else if (field.repeated) {
      if (!Array.isArray(value)) throw new EncodeError(fieldPath, 'expected an array for a repeated field.');
      value.forEach((item, index) => writeField(writer, field, field.id, item, `${fieldPath}[${index}]`, depth));
    } else writeField(writer, field, field.id, value, fieldPath, depth);
  }
  return writer.finish();
}

function writeField(writer: ProtobufWriter, field: protobuf.FieldBase, number: number, value: unknown, path: string, depth: number): void {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) {
    writer.key(number, WireType.lengthDelimited).bytes(writeMessage(resolved, value, path, depth + 1));
    return;
  }
  if (resolved instanceof protobuf.Enum) {
    const enumNumber = typeof value === 'string' ? resolved.values[value] : typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    if (enumNumber === undefined) throw new EncodeError(path, `expected one of ${Object.keys(resolved.values).join(', ')}.`);
    writer.key(number, WireType.varint).varint(BigInt.asUintN(64, BigInt(enumNumber)));
    return;
  }
  switch (field.type) {
    case 'int32':
    case 'int64':
      writer.key(number, WireType.varint).varint(BigInt.asUintN(64, integerFrom(value, path, field.type === 'int32' ? 32 : 64, true)));
      return;
    case 'uint32':
    case 'uint64':
      writer.key(number, WireType.varint).varint(integerFrom(value, path, field.type === 'uint32' ? 32 : 64, false));
      return;
    case 'sint32':
    case 'sint64': {
      const bits = field.type === 'sint32' ? 32 : 64;
      const signed = integerFrom(value, path, bits, true);
      writer.key(number, WireType.varint).varint(BigInt.asUintN(64, (signed << 1n) ^ (signed >> BigInt(bits - 1))));
      return;
    }
    case 'bool':
      if (typeof value !== 'boolean') throw new EncodeError(path, 'expected true or false.');
      writer.key(number, WireType.varint).varint(value ? 1n : 0n);
      return;
    case 'fixed32':
    case 'sfixed32': {
      const integer = integerFrom(value, path, 32, field.type === 'sfixed32');
      writer.key(number, WireType.fixed32).fixed32((view) => view.setUint32(0, Number(BigInt.asUintN(32, integer)), true));
      return;
    }
    case 'fixed64':
    case 'sfixed64': {
      const integer = integerFrom(value, path, 64, field.type === 'sfixed64');
      writer.key(number, WireType.fixed64).fixed64((view) => view.setBigUint64(0, BigInt.asUintN(64, integer), true));
      return;
    }
    case 'float': {
      const float = numberFrom(value, path);
      writer.key(number, WireType.fixed32).fixed32((view) => view.setFloat32(0, float, true));
      return;
    }
    case 'double': {
      const float = numberFrom(value, path);
      writer.key(number, WireType.fixed64).fixed64((view) => view.setFloat64(0, float, true));
      return;
    }
    case 'string':
      if (typeof value !== 'string') throw new EncodeError(path, `expected a string, got ${JSON.stringify(value)}.`);
      writer.key(number, WireType.lengthDelimited).bytes(utf8.encode(value));
      return;
    case 'bytes': {
      const hex = (value as { $bytes?: unknown } | null)?.$bytes;
      if (typeof hex !== 'string') throw new EncodeError(path, 'bytes are written as {"$bytes": "hex digits"}.');
      writer.key(number, WireType.lengthDelimited).bytes(hexBytes(hex, path));
      return;
    }
    default:
      throw new EncodeError(path, `the type ${field.type} cannot be written.`);
  }
}
