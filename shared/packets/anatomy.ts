/**
 * Dissects one encoded MQTT control packet into labelled byte ranges: every field with its value,
 * a one-line explanation and its spec section. Pure (runs in the renderer too) and total: malformed
 * or truncated bytes come back as `problems`, with the fields read before them kept; it never throws.
 * Worded with `t` (English by default, for the core and tests); the inspector passes the language on screen.
 */
import { translator, type MessageKey, type Translator } from '../i18n';
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

/** Packet types with a one-line explanation in the catalogue (packets.anatomy.type.*). */
const explainedTypes = new Set<string>(packetTypeNames.slice(1));

export function dissect(bytes: Uint8Array, protocolVersion: ProtocolVersion, t: Translator = translator('en')): Dissection {
  const fields: Field[] = [];
  const problems: string[] = [];
  if (bytes.length === 0) return { type: 'Empty', protocolVersion, fields, problems: [t('packets.anatomy.noBytes')] };
  const first = bytes[0] ?? 0;
  const code = first >> 4;
  const flags = first & 0x0f;
  const valid = code !== 0 && (code !== 15 || protocolVersion === 5);
  const type = valid ? (packetTypeNames[code] ?? 'Reserved') : `Reserved (${code})`;
  const ctx: PacketContext = { r: new Reader(bytes, 1, bytes.length, t), out: fields, version: protocolVersion, type, flags, problems, t };

  fields.push(
    bitField(
      0,
      '7–4',
      {
        name: 'Packet Type',
        explanation: valid ? t('packets.anatomy.packetType', { code, type, about: explainedTypes.has(type) ? t(`packets.anatomy.type.${type}` as MessageKey) : '' }) : t('packets.anatomy.packetTypeReserved'),
        spec: bySpec(ctx, '2.1.2', '2.2.1'),
        group: 'fixed',
      },
      `${code} (${valid ? type : 'Reserved'})`,
    ),
  );
  if (!valid) problems.push(t('packets.anatomy.reservedType', { code, version: protocolVersion === 5 ? 'MQTT 5' : 'MQTT 3.1.1' }));
  pushFlagFields(ctx, first);

  try {
    const r = ctx.r;
    const length = varintField(
      r,
      { name: 'Remaining Length', explanation: t('packets.anatomy.remainingLength'), spec: bySpec(ctx, '2.1.4', '2.2.3'), group: 'length' },
      bySpec(ctx, '1.5.5', '2.2.3'),
    );
    fields.push(length.field);
    const declaredEnd = r.pos + length.value;
    if (declaredEnd < bytes.length) problems.push(t('packets.anatomy.trailingBytes', { extra: bytes.length - declaredEnd, length: length.value }));
    if (declaredEnd > bytes.length) problems.push(t('packets.anatomy.truncatedLength', { length: length.value, left: bytes.length - r.pos }));
    r.end = Math.min(declaredEnd, bytes.length);
    const body = valid ? bodies[type] : undefined;
    if (body) body(ctx);
    else if (valid && r.left > 0) problems.push(t('packets.anatomy.noBody', { type, length: length.value }));
    if (body && r.left > 0) {
      problems.push(t('packets.anatomy.unusedBytes', { left: r.left, type }));
    }
  } catch (error) {
    if (error instanceof Truncated) {
      problems.push(t('packets.anatomy.truncated', { what: error.what, needed: error.needed, at: error.at, available: Math.max(0, error.available) }));
    } else if (error instanceof Malformed) {
      problems.push(error.message);
    } else {
      // A bug in a dissector must not take the inspector down with it; say so instead.
      problems.push(t('packets.anatomy.notDissected', { detail: error instanceof Error ? error.message : String(error) }));
    }
  }
  return { type, protocolVersion: ctx.version, fields, problems };
}

function pushFlagFields(ctx: PacketContext, first: number): void {
  const { t } = ctx;
  const flags = first & 0x0f;
  if (ctx.type === 'PUBLISH') {
    const qos = (flags >> 1) & 3;
    ctx.out.push(
      bitField(0, '3', { name: 'DUP', explanation: t('packets.anatomy.dup'), spec: '3.3.1.1', group: 'fixed' }, String((flags >> 3) & 1)),
      bitField(0, '2–1', { name: 'QoS', explanation: t('packets.anatomy.qos'), spec: '3.3.1.2', group: 'fixed' }, String(qos)),
      bitField(0, '0', { name: 'RETAIN', explanation: t('packets.anatomy.retain'), spec: '3.3.1.3', group: 'fixed' }, String(flags & 1)),
    );
    if (qos === 3) ctx.problems.push(t('packets.anatomy.qos3'));
    if (qos === 0 && flags & 0x08) ctx.problems.push(t('packets.anatomy.dupQos0'));
    return;
  }
  const expected = flagsTwo.has(ctx.type) ? 0b0010 : 0;
  ctx.out.push(
    bitField(
      0,
      '3–0',
      {
        name: 'Flags',
        explanation: expected ? t('packets.anatomy.flagsFixed', { type: ctx.type }) : t('packets.anatomy.flagsZero'),
        spec: bySpec(ctx, '2.1.3', '2.2.2'),
        group: 'fixed',
      },
      `${flags.toString(2).padStart(4, '0')} (${hex(flags, 1)})`,
    ),
  );
  if (flags !== expected && !ctx.type.startsWith('Reserved')) {
    ctx.problems.push(t('packets.anatomy.badFlags', { type: ctx.type, expected: expected.toString(2).padStart(4, '0'), actual: flags.toString(2).padStart(4, '0') }));
  }
}
