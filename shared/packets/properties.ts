/** MQTT 5 properties (§2.2.2): a Variable Byte Integer length, then identifier–value pairs. */
import { binaryField, byteField, fourByteField, stringField, twoByteField, varintField } from './builders';
import type { About } from './builders';
import { encodingSpecs } from './encodings';
import type { Field, FieldGroup } from './field';
import { hexDec } from './format';
import { Malformed, Truncated } from './reader';
import type { Reader } from './reader';

export type PropertyKind = 'byte' | 'two' | 'four' | 'varint' | 'utf8' | 'binary' | 'pair';
type Kind = PropertyKind;

interface PropertyInfo {
  name: string;
  kind: Kind;
  explanation: string;
}

const byId: Record<number, PropertyInfo> = {
  0x01: { name: 'Payload Format Indicator', kind: 'byte', explanation: '0: the payload is unspecified bytes; 1: it is UTF-8 text.' },
  0x02: { name: 'Message Expiry Interval', kind: 'four', explanation: 'Seconds the message lives; undelivered after that, the server drops it.' },
  0x03: { name: 'Content Type', kind: 'utf8', explanation: 'Describes the payload, e.g. a MIME type, for the receiver.' },
  0x08: { name: 'Response Topic', kind: 'utf8', explanation: 'Topic the receiver should publish its response to (request/response).' },
  0x09: { name: 'Correlation Data', kind: 'binary', explanation: 'Opaque bytes the responder echoes so the requester can match the response.' },
  0x0b: { name: 'Subscription Identifier', kind: 'varint', explanation: 'Number tagging a subscription; the server adds it to messages that match it.' },
  0x11: { name: 'Session Expiry Interval', kind: 'four', explanation: 'Seconds the session survives after the network connection closes.' },
  0x12: { name: 'Assigned Client Identifier', kind: 'utf8', explanation: 'Client identifier the server chose because the client sent an empty one.' },
  0x13: { name: 'Server Keep Alive', kind: 'two', explanation: 'Keep alive in seconds the server wants, overriding the client\u2019s.' },
  0x15: { name: 'Authentication Method', kind: 'utf8', explanation: 'Name of the extended authentication method (e.g. SCRAM-SHA-1).' },
  0x16: { name: 'Authentication Data', kind: 'binary', explanation: 'Method-specific bytes of the extended authentication exchange.' },
  0x17: { name: 'Request Problem Information', kind: 'byte', explanation: '0: the server may send Reason String and User Properties only on PUBLISH, CONNACK and DISCONNECT.' },
  0x18: { name: 'Will Delay Interval', kind: 'four', explanation: 'Seconds the server waits after the connection is lost before publishing the will.' },
  0x19: { name: 'Request Response Information', kind: 'byte', explanation: '1: the client asks for Response Information in the CONNACK.' },
  0x1a: { name: 'Response Information', kind: 'utf8', explanation: 'Basis the server suggests for building response topics.' },
  0x1c: { name: 'Server Reference', kind: 'utf8', explanation: 'Another server the client should use instead.' },
  0x1f: { name: 'Reason String', kind: 'utf8', explanation: 'Human-readable diagnostic text; not meant to be parsed.' },
  0x21: { name: 'Receive Maximum', kind: 'two', explanation: 'How many QoS 1 and 2 publications the sender will process at once.' },
  0x22: { name: 'Topic Alias Maximum', kind: 'two', explanation: 'Highest topic alias the sender accepts; 0 means none.' },
  0x23: { name: 'Topic Alias', kind: 'two', explanation: 'Number standing in for the topic name, to save bytes on repeated topics.' },
  0x24: { name: 'Maximum QoS', kind: 'byte', explanation: 'Highest QoS the server supports.' },
  0x25: { name: 'Retain Available', kind: 'byte', explanation: '0: the server does not support retained messages.' },
  0x26: { name: 'User Property', kind: 'pair', explanation: 'Application-defined name/value pair; may appear many times.' },
  0x27: { name: 'Maximum Packet Size', kind: 'four', explanation: 'Largest packet in bytes the sender is willing to accept.' },
  0x28: { name: 'Wildcard Subscription Available', kind: 'byte', explanation: '0: the server does not support wildcard subscriptions.' },
  0x29: { name: 'Subscription Identifier Available', kind: 'byte', explanation: '0: the server does not support subscription identifiers.' },
  0x2a: { name: 'Shared Subscription Available', kind: 'byte', explanation: '0: the server does not support shared subscriptions.' },
};

/** How the value of property `id` is encoded, or undefined when MQTT 5 has no such property. */
export function propertyKind(id: number): PropertyKind | undefined {
  return byId[id]?.kind;
}

/** Where each packet's properties are specified: the section of its property list and, in order, the property ids of its subsections (.2, .3, …). */
export interface PropertySections {
  base: string;
  order: number[];
}

export const propertySections = {
  connect: { base: '3.1.2.11', order: [0x11, 0x21, 0x27, 0x22, 0x19, 0x17, 0x26, 0x15, 0x16] },
  will: { base: '3.1.3.2', order: [0x18, 0x01, 0x02, 0x03, 0x08, 0x09, 0x26] },
  connack: { base: '3.2.2.3', order: [0x11, 0x21, 0x24, 0x25, 0x27, 0x12, 0x22, 0x1f, 0x26, 0x28, 0x29, 0x2a, 0x13, 0x1a, 0x1c, 0x15, 0x16] },
  publish: { base: '3.3.2.3', order: [0x01, 0x02, 0x23, 0x08, 0x09, 0x26, 0x0b, 0x03] },
  puback: { base: '3.4.2.2', order: [0x1f, 0x26] },
  pubrec: { base: '3.5.2.2', order: [0x1f, 0x26] },
  pubrel: { base: '3.6.2.2', order: [0x1f, 0x26] },
  pubcomp: { base: '3.7.2.2', order: [0x1f, 0x26] },
  subscribe: { base: '3.8.2.1', order: [0x0b, 0x26] },
  suback: { base: '3.9.2.1', order: [0x1f, 0x26] },
  unsubscribe: { base: '3.10.2.1', order: [0x26] },
  unsuback: { base: '3.11.2.1', order: [0x1f, 0x26] },
  disconnect: { base: '3.14.2.2', order: [0x11, 0x1f, 0x26, 0x1c] },
  auth: { base: '3.15.2.2', order: [0x15, 0x16, 0x1f, 0x26] },
} satisfies Record<string, PropertySections>;

/**
 * Reads a property list at the cursor into `out`. The field is added before its properties are read,
 * so when one of them is truncated or malformed the ones before it stay in the dissection.
 */
export function readProperties(r: Reader, out: Field[], sections: PropertySections, group: FieldGroup, label = 'Properties'): void {
  const children: Field[] = [];
  const field: Field = {
    name: label,
    start: r.pos,
    end: r.pos,
    value: 'none',
    explanation: 'Optional metadata, each an identifier followed by a value of that identifier\u2019s type.',
    spec: sections.base,
    group,
    children,
  };
  out.push(field);
  const outerEnd = r.end;
  try {
    const length = varintField(
      r,
      { name: 'Property Length', explanation: 'Bytes of properties that follow, as a Variable Byte Integer.', spec: `${sections.base}.1`, group },
      encodingSpecs(5).varint,
    );
    children.push(length.field);
    const end = r.pos + length.value;
    r.end = Math.min(end, outerEnd);
    while (r.pos < r.end) children.push(readProperty(r, sections, group));
    if (end > outerEnd) throw new Truncated('Properties', r.pos, end - r.pos, 0);
  } finally {
    r.end = outerEnd;
    field.end = r.pos;
    const count = children.length - 1;
    if (count > 0) field.value = `${count} ${count === 1 ? 'property' : 'properties'}`;
  }
}

function readProperty(r: Reader, sections: PropertySections, group: FieldGroup): Field {
  const specs = encodingSpecs(5);
  const start = r.pos;
  const id = r.varint('Property identifier');
  const info = byId[id];
  if (!info) throw new Malformed(`Byte ${start}: ${hexDec(id, 2)} is not a property identifier of MQTT 5 (§2.2.2.2)`);
  const index = sections.order.indexOf(id);
  if (index < 0) throw new Malformed(`Byte ${start}: ${info.name} (${hexDec(id, 2)}) is not allowed in these properties (§${sections.base})`);
  const spec = `${sections.base}.${index + 2}`;
  const idField: Field = {
    name: 'Identifier',
    start,
    end: r.pos,
    value: `${hexDec(id, 2)} ${info.name}`,
    explanation: 'Which property follows; it fixes the type of the value.',
    spec: '2.2.2.2',
    group,
  };
  const about: About = { name: 'Value', explanation: info.explanation, spec, group };
  let valueField: Field;
  const extra: Field[] = [];
  switch (info.kind) {
    case 'byte':
      valueField = byteField(r, about).field;
      break;
    case 'two':
      valueField = twoByteField(r, about).field;
      break;
    case 'four':
      valueField = fourByteField(r, about).field;
      break;
    case 'varint':
      valueField = varintField(r, about, specs.varint).field;
      break;
    case 'utf8':
      valueField = stringField(r, about, specs.utf8).field;
      break;
    case 'binary':
      valueField = binaryField(r, about, specs.binary).field;
      break;
    case 'pair': {
      valueField = stringField(r, { ...about, name: 'Name', explanation: 'The user property\u2019s name.' }, specs.pair).field;
      extra.push(stringField(r, { ...about, name: 'Value', explanation: 'The user property\u2019s value.' }, specs.pair).field);
      break;
    }
  }
  const value = info.kind === 'pair' ? `${valueField.value} = ${extra[0]?.value ?? ''}` : valueField.value;
  return { name: info.name, start, end: r.pos, value, explanation: info.explanation, spec, group, children: [idField, valueField, ...extra] };
}
