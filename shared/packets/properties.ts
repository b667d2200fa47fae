/** MQTT 5 properties (§2.2.2): a Variable Byte Integer length, then identifier–value pairs. */
import { binaryField, byteField, fourByteField, stringField, twoByteField, varintField } from './builders';
import type { About } from './builders';
import { encodingSpecs } from './encodings';
import type { MessageKey } from '../i18n';
import type { Field, FieldGroup } from './field';
import { hexDec } from './format';
import { Malformed, Truncated } from './reader';
import type { Reader } from './reader';

export type PropertyKind = 'byte' | 'two' | 'four' | 'varint' | 'utf8' | 'binary' | 'pair';
type Kind = PropertyKind;

interface PropertyInfo {
  name: string;
  kind: Kind;
}

/** The catalogue key of a property's explanation: packets.anatomy.prop.0x01 and so on. */
function explanationKey(id: number): MessageKey {
  return `packets.anatomy.prop.0x${id.toString(16).padStart(2, '0')}` as MessageKey;
}

const byId: Record<number, PropertyInfo> = {
  0x01: { name: 'Payload Format Indicator', kind: 'byte' },
  0x02: { name: 'Message Expiry Interval', kind: 'four' },
  0x03: { name: 'Content Type', kind: 'utf8' },
  0x08: { name: 'Response Topic', kind: 'utf8' },
  0x09: { name: 'Correlation Data', kind: 'binary' },
  0x0b: { name: 'Subscription Identifier', kind: 'varint' },
  0x11: { name: 'Session Expiry Interval', kind: 'four' },
  0x12: { name: 'Assigned Client Identifier', kind: 'utf8' },
  0x13: { name: 'Server Keep Alive', kind: 'two' },
  0x15: { name: 'Authentication Method', kind: 'utf8' },
  0x16: { name: 'Authentication Data', kind: 'binary' },
  0x17: { name: 'Request Problem Information', kind: 'byte' },
  0x18: { name: 'Will Delay Interval', kind: 'four' },
  0x19: { name: 'Request Response Information', kind: 'byte' },
  0x1a: { name: 'Response Information', kind: 'utf8' },
  0x1c: { name: 'Server Reference', kind: 'utf8' },
  0x1f: { name: 'Reason String', kind: 'utf8' },
  0x21: { name: 'Receive Maximum', kind: 'two' },
  0x22: { name: 'Topic Alias Maximum', kind: 'two' },
  0x23: { name: 'Topic Alias', kind: 'two' },
  0x24: { name: 'Maximum QoS', kind: 'byte' },
  0x25: { name: 'Retain Available', kind: 'byte' },
  0x26: { name: 'User Property', kind: 'pair' },
  0x27: { name: 'Maximum Packet Size', kind: 'four' },
  0x28: { name: 'Wildcard Subscription Available', kind: 'byte' },
  0x29: { name: 'Subscription Identifier Available', kind: 'byte' },
  0x2a: { name: 'Shared Subscription Available', kind: 'byte' },
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
    value: r.t('packets.anatomy.propertiesNone'),
    explanation: r.t('packets.anatomy.properties'),
    spec: sections.base,
    group,
    children,
  };
  out.push(field);
  const outerEnd = r.end;
  try {
    const length = varintField(
      r,
      { name: 'Property Length', explanation: r.t('packets.anatomy.propertyLength'), spec: `${sections.base}.1`, group },
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
    if (count > 0) field.value = r.t('packets.anatomy.propertiesCount', { count });
  }
}

function readProperty(r: Reader, sections: PropertySections, group: FieldGroup): Field {
  const specs = encodingSpecs(5);
  const start = r.pos;
  const id = r.varint('Property identifier');
  const info = byId[id];
  if (!info) throw new Malformed(r.t('packets.anatomy.notProperty', { at: start, id: hexDec(id, 2) }));
  const index = sections.order.indexOf(id);
  if (index < 0) throw new Malformed(r.t('packets.anatomy.propertyNotAllowed', { at: start, name: info.name, id: hexDec(id, 2), section: sections.base }));
  const spec = `${sections.base}.${index + 2}`;
  const idField: Field = {
    name: 'Identifier',
    start,
    end: r.pos,
    value: `${hexDec(id, 2)} ${info.name}`,
    explanation: r.t('packets.anatomy.identifier'),
    spec: '2.2.2.2',
    group,
  };
  const explanation = r.t(explanationKey(id));
  const about: About = { name: 'Value', explanation, spec, group };
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
      valueField = stringField(r, { ...about, name: 'Name', explanation: r.t('packets.anatomy.userPropertyName') }, specs.pair).field;
      extra.push(stringField(r, { ...about, name: 'Value', explanation: r.t('packets.anatomy.userPropertyValue') }, specs.pair).field);
      break;
    }
  }
  const value = info.kind === 'pair' ? `${valueField.value} = ${extra[0]?.value ?? ''}` : valueField.value;
  return { name: info.name, start, end: r.pos, value, explanation, spec, group, children: [idField, valueField, ...extra] };
}
