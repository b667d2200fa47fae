/** CONNECT (MQTT 5 §3.1, 3.1.1 §3.1) and CONNACK (§3.2). */
import { binaryField, bitField, byteField, stringField, twoByteField } from './builders';
import { bySpec } from './context';
import type { PacketContext } from './context';
import { encodingSpecs } from './encodings';
import type { Field, ProtocolVersion } from './field';
import { propertySections, readProperties } from './properties';
import { connackReturnName, reasonName } from './reason-codes';

const versionNames: Record<number, string> = { 3: 'MQTT 3.1', 4: 'MQTT 3.1.1', 5: 'MQTT 5.0' };

export function dissectConnect(ctx: PacketContext): void {
  const { r, out, t } = ctx;
  out.push(
    stringField(r, { name: 'Protocol Name', explanation: t('packets.anatomy.protocolName'), spec: '3.1.2.1', group: 'variable' }, encodingSpecs(ctx.version).utf8)
      .field,
  );
  const level = byteField(
    r,
    { name: ctx.version === 5 ? 'Protocol Version' : 'Protocol Level', explanation: t('packets.anatomy.protocolLevel'), spec: '3.1.2.2', group: 'variable' },
    (v) => `(${versionNames[v] ?? t('packets.anatomy.unknownVersion')})`,
  );
  out.push(level.field);
  // The packet says which protocol it speaks; that decides whether properties follow.
  if (level.value === 3 || level.value === 4 || level.value === 5) ctx.version = level.value as ProtocolVersion;
  const v5 = ctx.version === 5;
  const flagsAt = r.pos;
  const flags = byteField(r, { name: 'Connect Flags', explanation: t('packets.anatomy.connectFlags'), spec: '3.1.2.3', group: 'variable' });
  const f = flags.value;
  const willQos = (f >> 3) & 3;
  const bit = (n: number): string => ((f >> n) & 1 ? '1' : '0');
  flags.field.children = [
    bitField(flagsAt, '7', { name: 'User Name Flag', explanation: t('packets.anatomy.userNameFlag'), spec: '3.1.2.8', group: 'variable' }, bit(7)),
    bitField(flagsAt, '6', { name: 'Password Flag', explanation: t('packets.anatomy.passwordFlag'), spec: '3.1.2.9', group: 'variable' }, bit(6)),
    bitField(flagsAt, '5', { name: 'Will Retain', explanation: t('packets.anatomy.willRetain'), spec: '3.1.2.7', group: 'variable' }, bit(5)),
    bitField(flagsAt, '4–3', { name: 'Will QoS', explanation: t('packets.anatomy.willQos'), spec: '3.1.2.6', group: 'variable' }, String(willQos)),
    bitField(flagsAt, '2', { name: 'Will Flag', explanation: t('packets.anatomy.willFlag'), spec: '3.1.2.5', group: 'variable' }, bit(2)),
    bitField(
      flagsAt,
      '1',
      {
        name: v5 ? 'Clean Start' : 'Clean Session',
        explanation: t(v5 ? 'packets.anatomy.cleanStart' : 'packets.anatomy.cleanSession'),
        spec: '3.1.2.4',
        group: 'variable',
      },
      bit(1),
    ),
    bitField(flagsAt, '0', { name: 'Reserved', explanation: t('packets.anatomy.mustBeZero'), spec: '3.1.2.3', group: 'variable' }, bit(0)),
  ];
  out.push(flags.field);
  if (f & 1) ctx.problems.push(t('packets.anatomy.reservedBit'));
  if (willQos === 3) ctx.problems.push(t('packets.anatomy.willQos3'));
  out.push(twoByteField(r, { name: 'Keep Alive', explanation: t('packets.anatomy.keepAlive'), spec: '3.1.2.10', group: 'variable' }, () => t('packets.anatomy.seconds')).field);
  if (v5) readProperties(r, out, propertySections.connect, 'properties');
  const enc = encodingSpecs(ctx.version);
  out.push(stringField(r, { name: 'Client Identifier', explanation: t('packets.anatomy.clientId'), spec: '3.1.3.1', group: 'payload' }, enc.utf8).field);
  if (f & 0x04) {
    if (v5) readProperties(r, out, propertySections.will, 'properties', 'Will Properties');
    out.push(stringField(r, { name: 'Will Topic', explanation: t('packets.anatomy.willTopic'), spec: bySpec(ctx, '3.1.3.3', '3.1.3.2'), group: 'payload' }, enc.utf8).field);
    out.push(
      binaryField(
        r,
        { name: v5 ? 'Will Payload' : 'Will Message', explanation: t('packets.anatomy.willPayload'), spec: bySpec(ctx, '3.1.3.4', '3.1.3.3'), group: 'payload' },
        enc.binary,
      ).field,
    );
  }
  if (f & 0x80) out.push(stringField(r, { name: 'User Name', explanation: t('packets.anatomy.userName'), spec: bySpec(ctx, '3.1.3.5', '3.1.3.4'), group: 'payload' }, enc.utf8).field);
  if (f & 0x40) out.push(binaryField(r, { name: 'Password', explanation: t('packets.anatomy.password'), spec: bySpec(ctx, '3.1.3.6', '3.1.3.5'), group: 'payload' }, enc.binary).field);
}

export function dissectConnack(ctx: PacketContext): void {
  const { r, out, t } = ctx;
  const v5 = ctx.version === 5;
  const at = r.pos;
  const flags = byteField(r, { name: 'Connect Acknowledge Flags', explanation: t('packets.anatomy.connackFlags'), spec: '3.2.2.1', group: 'variable' });
  const sessionPresent: Field = bitField(
    at,
    '0',
    { name: 'Session Present', explanation: t('packets.anatomy.sessionPresent'), spec: bySpec(ctx, '3.2.2.1.1', '3.2.2.2'), group: 'variable' },
    String(flags.value & 1),
  );
  flags.field.children = [sessionPresent];
  out.push(flags.field);
  if (flags.value & 0xfe) ctx.problems.push(t('packets.anatomy.connackReserved'));
  if (v5) {
    out.push(
      byteField(r, { name: 'Connect Reason Code', explanation: t('packets.anatomy.connectReason'), spec: '3.2.2.2', group: 'variable' }, (v) => reasonName(v, 'CONNACK'))
        .field,
    );
    readProperties(r, out, propertySections.connack, 'properties');
  } else {
    out.push(
      byteField(r, { name: 'Connect Return Code', explanation: t('packets.anatomy.connectReturn'), spec: '3.2.2.3', group: 'variable' }, (v) => connackReturnName(v))
        .field,
    );
  }
}
