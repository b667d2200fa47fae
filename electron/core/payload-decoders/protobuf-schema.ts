/**
 * .proto files are untrusted input: they are parsed here, in the main process, with protobufjs 8
 * (`protobuf.parse` only: it tokenises and builds reflection objects, and never generates code).
 * Payloads are decoded by walking the reflected type with our own bounds-checked wire reader, never
 * through `Type.decode`, whose code protobufjs generates at run time with `new Function`.
 */
import protobuf from 'protobufjs';
import { DecodeError, floatValue, hexString, integerValue, MAX_DECODE_DEPTH, newObject, type JsonValue } from '../../../shared/payload/decoded-value';
import { ProtobufReader, utf8, WireType, type FieldKey } from '../../../shared/payload/protobuf-wire';
import type { ProtoFile } from '../../../shared/payload/protobuf-settings';
import { english, msg, type Message } from '../../../shared/i18n';

/** A .proto problem for the form; `text` words it in the user's language (the parser's own detail stays as it is). */
export class ProtoParseError extends Error {
  readonly text: Message;
  constructor(text: Message) {
    super(english(text.key, text.params));
    this.text = text;
  }
}

/** Limits on what a set of .proto files may declare, checked after parsing, before anything uses the schema. */
const MAX_TYPES = 5_000;
const MAX_FIELDS = 50_000;

/** Parses the files into one root (imports name files of the same set; they are not read from disk, so no loop can form). */
export function parseProtoFiles(files: readonly ProtoFile[]): protobuf.Root {
  const root = new protobuf.Root();
  for (const file of files) {
    try {
      protobuf.parse(file.source, root, { keepCase: true, alternateCommentMode: false });
    } catch (error) {
      throw new ProtoParseError(describeParseError(file.name, error));
    }
  }
  let types = 0;
  let fields = 0;
  const visit = (namespace: protobuf.NamespaceBase): void => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) {
        types++;
        fields += nested.fieldsArray.length;
      }
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) visit(nested);
    }
    if (types > MAX_TYPES || fields > MAX_FIELDS) throw new ProtoParseError(msg('payload.protobuf.tooMany', { types: String(MAX_TYPES), fields: String(MAX_FIELDS) }));
  };
  visit(root);
  try {
    root.resolveAll();
  } catch (error) {
    throw new ProtoParseError(msg('payload.protobuf.unresolved', { detail: shortened(error instanceof Error ? error.message : String(error)) }));
  }
  return root;
}

function describeParseError(file: string, error: unknown): Message {
  const message = error instanceof Error ? error.message : String(error);
  // protobufjs says "illegal token 'x' (line 3)"; "max depth exceeded" has no line, so say what it means.
  if (message === 'max depth exceeded') return msg('payload.protobuf.tooDeep', { file });
  return msg('payload.protobuf.parseFailed', { file, detail: shortened(message) });
}

/** A hostile file can make a message quote a megabyte-long name; the form shows a line, not a page. */
function shortened(message: string): string {
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

export function lookupMessageType(root: protobuf.Root, name: string): protobuf.Type {
  const found = root.lookup(name.replace(/^\./, ''));
  if (!(found instanceof protobuf.Type)) throw new ProtoParseError(msg('payload.protobuf.noType', { name }));
  return found;
}

/** Throws DecodeError naming the byte. */
export function decodeMessage(type: protobuf.Type, bytes: Uint8Array): JsonValue {
  return readMessage(type, new ProtobufReader(bytes), 0);
}

function readMessage(type: protobuf.Type, reader: ProtobufReader, depth: number): { [key: string]: JsonValue } {
  if (depth > MAX_DECODE_DEPTH) throw new DecodeError(`Nested deeper than ${MAX_DECODE_DEPTH} levels`, reader.offset);
  const out = newObject();
  while (!reader.done) {
    const key = reader.key();
    const field = type.fieldsById[key.field];
    if (!field) {
      reader.skipField(key, depth);
      continue;
    }
    if (field instanceof protobuf.MapField) {
      reader.expect(key, WireType.lengthDelimited, field.name);
      const entry = readMapEntry(field, reader.embedded(), depth + 1);
      const map = (out[field.name] ??= newObject()) as { [key: string]: JsonValue };
      map[entry.key] = entry.value;
      continue;
    }
    if (field.repeated) {
      const list = (out[field.name] ??= []) as JsonValue[];
      if (key.wireType === WireType.lengthDelimited && isPackable(field)) {
        const packed = reader.embedded();
        while (!packed.done) list.push(readScalar(field, packed, { field: key.field, wireType: wireTypeOf(field), start: packed.offset }, depth));
      } else list.push(readValue(field, reader, key, depth));
      continue;
    }
    out[field.name] = readValue(field, reader, key, depth);
    // A oneof holds one field: a later member replaces an earlier one, as protobuf requires.
    if (field.partOf) for (const sibling of field.partOf.fieldsArray) if (sibling !== field) delete out[sibling.name];
  }
  return out;
}

function readMapEntry(field: protobuf.MapField, reader: ProtobufReader, depth: number): { key: string; value: JsonValue } {
  let entryKey: JsonValue = '';
  let value: JsonValue = null;
  const keyField = new protobuf.Field('key', 1, field.keyType);
  while (!reader.done) {
    const key = reader.key();
    if (key.field === 1) entryKey = readScalar(keyField, reader, key, depth);
    else if (key.field === 2) value = readValue(field, reader, key, depth);
    else reader.skipField(key, depth);
  }
  return { key: typeof entryKey === 'string' ? entryKey : JSON.stringify(entryKey), value };
}

function readValue(field: protobuf.FieldBase, reader: ProtobufReader, key: FieldKey, depth: number): JsonValue {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) {
    reader.expect(key, WireType.lengthDelimited, field.name);
    return readMessage(resolved, reader.embedded(), depth + 1);
  }
  return readScalar(field, reader, key, depth);
}

const varintTypes = new Set(['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'bool']);
const fixed32Types = new Set(['fixed32', 'sfixed32', 'float']);
const fixed64Types = new Set(['fixed64', 'sfixed64', 'double']);

function isPackable(field: protobuf.FieldBase): boolean {
  return field.resolvedType instanceof protobuf.Enum || varintTypes.has(field.type) || fixed32Types.has(field.type) || fixed64Types.has(field.type);
}

function wireTypeOf(field: protobuf.FieldBase): number {
  if (field.resolvedType instanceof protobuf.Enum || varintTypes.has(field.type)) return WireType.varint;
  if (fixed32Types.has(field.type)) return WireType.fixed32;
  if (fixed64Types.has(field.type)) return WireType.fixed64;
  return WireType.lengthDelimited;
}

function readScalar(field: protobuf.FieldBase, reader: ProtobufReader, key: FieldKey, _depth: number): JsonValue {
  const name = field.name;
  reader.expect(key, wireTypeOf(field), name);
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    const number = Number(BigInt.asIntN(32, reader.varint()));
    // An enum number the schema does not name is kept as the number (open enums, proto3).
    return resolved.valuesById[number] ?? number;
  }
  switch (field.type) {
    case 'int32':
      return Number(BigInt.asIntN(32, reader.varint()));
    case 'uint32':
      return Number(BigInt.asUintN(32, reader.varint()));
    case 'int64':
      return integerValue(BigInt.asIntN(64, reader.varint()));
    case 'uint64':
      return integerValue(reader.varint());
    case 'sint32':
    case 'sint64': {
      const raw = reader.varint();
      const value = (raw >> 1n) ^ -(raw & 1n);
      return integerValue(field.type === 'sint32' ? BigInt.asIntN(32, value) : BigInt.asIntN(64, value));
    }
    case 'bool':
      return reader.varint() !== 0n;
    case 'fixed32':
      return reader.fixed32().getUint32(0, true);
    case 'sfixed32':
      return reader.fixed32().getInt32(0, true);
    case 'float':
      return floatValue(reader.fixed32().getFloat32(0, true));
    case 'fixed64':
      return integerValue(reader.fixed64().getBigUint64(0, true));
    case 'sfixed64':
      return integerValue(reader.fixed64().getBigInt64(0, true));
    case 'double':
      return floatValue(reader.fixed64().getFloat64(0, true));
    case 'string': {
      const start = reader.offset;
      return utf8(reader.lengthDelimited(), start);
    }
    case 'bytes':
      return { $bytes: hexString(reader.lengthDelimited()) };
    default:
      throw new DecodeError(`Field ${key.field} (${name}) has the type ${field.type}, which cannot be read`, key.start);
  }
}
