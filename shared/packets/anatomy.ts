/**
 * Dissects one encoded MQTT control packet into labelled byte ranges: every field with its value,
 * a one-line explanation and its spec section. Pure (runs in the renderer too) and total: malformed
 * or truncated bytes come back as `problems`, with the fields read before them kept; it never throws.
 */
import { bitField, varintField } from './builders';
import { bySpec } from './context';
import type { PacketContext } from './context';
import { dissectConnack, dissectConnect } from './connect';
import { dissectAuth, dissectDisconnect } from './control';
import type { Dissection, Field, ProtocolVersion } from './field';
import { hex } from './format';
import { dissectPublish, dissectPublishAck } from './publish';
import { Malformed, Reader, Truncated } from './reader';
import { dissectSuback, dissectSubscribe, dissectUnsuback, dissectUnsubscribe } from './subscribe';

export type { Dissection, Field, FieldGroup, ProtocolVersion } from './field';

export const packetTypeNames = [
  'Reserved',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
] as const;

const bodies: Record<string, (ctx: PacketContext) => void> = {
  CONNECT: dissectConnect,
  CONNACK: dissectConnack,
  PUBLISH: dissectPublish,
  PUBACK: dissectPublishAck,
  PUBREC: dissectPublishAck,
  PUBREL: dissectPublishAck,
  PUBCOMP: dissectPublishAck,
  SUBSCRIBE: dissectSubscribe,
  SUBACK: dissectSuback,
  UNSUBSCRIBE: dissectUnsubscribe,
  UNSUBACK: dissectUnsuback,
  DISCONNECT: dissectDisconnect,
  AUTH: dissectAuth,
};

/** Packet types whose fixed-header flags are fixed at 0b0010 (§2.1.3 / 3.1.1 §2.2.2); PUBLISH's carry DUP/QoS/RETAIN, the rest are 0. */
const flagsTwo = new Set(['PUBREL', 'SUBSCRIBE', 'UNSUBSCRIBE']);

const typeExplanations: Record<string, string> = {
  CONNECT: 'Client asks to open a session.',
  CONNACK: 'Server answers a CONNECT.',
  PUBLISH: 'Carries an application message.',
  PUBACK: 'Acknowledges a QoS 1 PUBLISH.',
  PUBREC: 'QoS 2, step 2: publish received.',
  PUBREL: 'QoS 2, step 3: publish released.',
  PUBCOMP: 'QoS 2, step 4: publish complete.',
  SUBSCRIBE: 'Client asks for messages of topic filters.',
  SUBACK: 'Server answers a SUBSCRIBE, one code per filter.',
  UNSUBSCRIBE: 'Client removes subscriptions.',
  UNSUBACK: 'Server answers an UNSUBSCRIBE.',
  PINGREQ: 'Keep-alive ping from the client.',
  PINGRESP: 'Server answers a PINGREQ.',
  DISCONNECT: 'Orderly end of the connection.',
  AUTH: 'Extended authentication exchange (MQTT 5).',
};

export function dissect(bytes: Uint8Array, protocolVersion: ProtocolVersion): Dissection {
  const fields: Field[] = [];
  const problems: string[] = [];
  if (bytes.length === 0) return { type: 'Empty', protocolVersion, fields, problems: ['No bytes: a packet has at least the two bytes of its fixed header.'] };
  const first = bytes[0] ?? 0;
  const code = first >> 4;
  const flags = first & 0x0f;
  const valid = code !== 0 && (code !== 15 || protocolVersion === 5);
  const type = valid ? (packetTypeNames[code] ?? 'Reserved') : `Reserved (${code})`;
  const ctx: PacketContext = { r: new Reader(bytes, 1, bytes.length), out: fields, version: protocolVersion, type, flags, problems };

  fields.push(
    bitField(
      0,
      '7–4',
      { name: 'Packet Type', explanation: valid ? `${code} is ${type}: ${typeExplanations[type] ?? ''}` : 'This value is reserved; no such packet exists.', spec: bySpec(ctx, '2.1.2', '2.2.1'), group: 'fixed' },
      `${code} (${valid ? type : 'Reserved'})`,
    ),
  );
  if (!valid) problems.push(`Packet type ${code} is reserved in ${protocolVersion === 5 ? 'MQTT 5' : 'MQTT 3.1.1'}.`);
  pushFlagFields(ctx, first);

  try {
    const r = ctx.r;
    const length = varintField(
      r,
      { name: 'Remaining Length', explanation: 'Bytes after this field: variable header plus payload, as a Variable Byte Integer.', spec: bySpec(ctx, '2.1.4', '2.2.3'), group: 'length' },
      bySpec(ctx, '1.5.5', '2.2.3'),
    );
    fields.push(length.field);
    const declaredEnd = r.pos + length.value;
    if (declaredEnd < bytes.length) problems.push(`${bytes.length - declaredEnd} bytes follow the end of the packet that the Remaining Length (${length.value}) declares.`);
    if (declaredEnd > bytes.length) problems.push(`The Remaining Length declares ${length.value} bytes but only ${bytes.length - r.pos} follow: the packet is truncated.`);
    r.end = Math.min(declaredEnd, bytes.length);
    const body = valid ? bodies[type] : undefined;
    if (body) body(ctx);
    else if (valid && r.left > 0) problems.push(`A ${type} has no variable header or payload, yet the Remaining Length is ${length.value}.`);
    if (body && r.left > 0) {
      problems.push(`${r.left} bytes at the end of the packet belong to no field of a ${type}.`);
    }
  } catch (error) {
    if (error instanceof Truncated) {
      problems.push(`${error.what} needs ${error.needed} byte${error.needed === 1 ? '' : 's'} at byte ${error.at}, but only ${Math.max(0, error.available)} remain: the packet is truncated.`);
    } else if (error instanceof Malformed) {
      problems.push(error.message);
    } else {
      // A bug in a dissector must not take the inspector down with it; say so instead.
      problems.push(`The packet could not be dissected: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { type, protocolVersion: ctx.version, fields, problems };
}

function pushFlagFields(ctx: PacketContext, first: number): void {
  const flags = first & 0x0f;
  if (ctx.type === 'PUBLISH') {
    const qos = (flags >> 1) & 3;
    ctx.out.push(
      bitField(0, '3', { name: 'DUP', explanation: '1: this may be a re-delivery of an earlier attempt; always 0 for QoS 0.', spec: '3.3.1.1', group: 'fixed' }, String((flags >> 3) & 1)),
      bitField(0, '2–1', { name: 'QoS', explanation: 'Delivery guarantee: 0 at most once, 1 at least once, 2 exactly once.', spec: '3.3.1.2', group: 'fixed' }, String(qos)),
      bitField(0, '0', { name: 'RETAIN', explanation: '1: the server keeps this message as the topic\u2019s last known value.', spec: '3.3.1.3', group: 'fixed' }, String(flags & 1)),
    );
    if (qos === 3) ctx.problems.push('QoS 3 does not exist: both QoS bits set makes the PUBLISH malformed (§3.3.1.2).');
    if (qos === 0 && flags & 0x08) ctx.problems.push('DUP is 1 on a QoS 0 PUBLISH; it must be 0 (§3.3.1.1).');
    return;
  }
  const expected = flagsTwo.has(ctx.type) ? 0b0010 : 0;
  ctx.out.push(
    bitField(
      0,
      '3–0',
      {
        name: 'Flags',
        explanation: expected ? `Reserved; must be 0010 for ${ctx.type}.` : 'Reserved; must be 0000 for this packet type.',
        spec: bySpec(ctx, '2.1.3', '2.2.2'),
        group: 'fixed',
      },
      `${flags.toString(2).padStart(4, '0')} (${hex(flags, 1)})`,
    ),
  );
  if (flags !== expected && !ctx.type.startsWith('Reserved')) {
    ctx.problems.push(`The fixed-header flags of a ${ctx.type} must be ${expected.toString(2).padStart(4, '0')}, not ${flags.toString(2).padStart(4, '0')}.`);
  }
}
