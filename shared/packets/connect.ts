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
  const { r, out } = ctx;
  out.push(
    stringField(r, { name: 'Protocol Name', explanation: 'Always "MQTT" ("MQIsdp" in MQTT 3.1); lets a server reject non-MQTT traffic.', spec: '3.1.2.1', group: 'variable' }, encodingSpecs(ctx.version).utf8)
      .field,
  );
  const level = byteField(
    r,
    { name: ctx.version === 5 ? 'Protocol Version' : 'Protocol Level', explanation: 'Revision of the protocol the client speaks: 4 for 3.1.1, 5 for 5.0.', spec: '3.1.2.2', group: 'variable' },
    (v) => `(${versionNames[v] ?? 'unknown'})`,
  );
  out.push(level.field);
  // The packet says which protocol it speaks; that decides whether properties follow.
  if (level.value === 3 || level.value === 4 || level.value === 5) ctx.version = level.value as ProtocolVersion;
  const v5 = ctx.version === 5;
  const flagsAt = r.pos;
  const flags = byteField(r, { name: 'Connect Flags', explanation: 'Which optional parts the payload holds, and how the session and will behave.', spec: '3.1.2.3', group: 'variable' });
  const f = flags.value;
  const willQos = (f >> 3) & 3;
  const bit = (n: number): string => ((f >> n) & 1 ? '1' : '0');
  flags.field.children = [
    bitField(flagsAt, '7', { name: 'User Name Flag', explanation: '1: a User Name is in the payload.', spec: '3.1.2.8', group: 'variable' }, bit(7)),
    bitField(flagsAt, '6', { name: 'Password Flag', explanation: '1: a Password is in the payload.', spec: '3.1.2.9', group: 'variable' }, bit(6)),
    bitField(flagsAt, '5', { name: 'Will Retain', explanation: '1: the will message is published retained.', spec: '3.1.2.7', group: 'variable' }, bit(5)),
    bitField(flagsAt, '4–3', { name: 'Will QoS', explanation: 'QoS of the will message.', spec: '3.1.2.6', group: 'variable' }, String(willQos)),
    bitField(flagsAt, '2', { name: 'Will Flag', explanation: '1: a will message is stored and published if the connection is lost.', spec: '3.1.2.5', group: 'variable' }, bit(2)),
    bitField(
      flagsAt,
      '1',
      {
        name: v5 ? 'Clean Start' : 'Clean Session',
        explanation: v5 ? '1: discard any existing session and start a new one.' : '1: the session lasts as long as this connection.',
        spec: '3.1.2.4',
        group: 'variable',
      },
      bit(1),
    ),
    bitField(flagsAt, '0', { name: 'Reserved', explanation: 'Must be 0.', spec: '3.1.2.3', group: 'variable' }, bit(0)),
  ];
  out.push(flags.field);
  if (f & 1) ctx.problems.push('The reserved bit 0 of the Connect Flags is 1; it must be 0 (§3.1.2.3).');
  if (willQos === 3) ctx.problems.push('Will QoS is 3, which does not exist (§3.1.2.6).');
  out.push(twoByteField(r, { name: 'Keep Alive', explanation: 'Longest time in seconds between two control packets from the client; 0 turns keep alive off.', spec: '3.1.2.10', group: 'variable' }, () => 'seconds').field);
  if (v5) readProperties(r, out, propertySections.connect, 'properties');
  const enc = encodingSpecs(ctx.version);
  out.push(stringField(r, { name: 'Client Identifier', explanation: 'Identifies the client\u2019s session to the server; may be empty.', spec: '3.1.3.1', group: 'payload' }, enc.utf8).field);
  if (f & 0x04) {
    if (v5) readProperties(r, out, propertySections.will, 'properties', 'Will Properties');
    out.push(stringField(r, { name: 'Will Topic', explanation: 'Topic the will message is published to.', spec: bySpec(ctx, '3.1.3.3', '3.1.3.2'), group: 'payload' }, enc.utf8).field);
    out.push(
      binaryField(
        r,
        { name: v5 ? 'Will Payload' : 'Will Message', explanation: 'Payload of the will message.', spec: bySpec(ctx, '3.1.3.4', '3.1.3.3'), group: 'payload' },
        enc.binary,
      ).field,
    );
  }
  if (f & 0x80) out.push(stringField(r, { name: 'User Name', explanation: 'Name the server may use to authenticate and authorize the client.', spec: bySpec(ctx, '3.1.3.5', '3.1.3.4'), group: 'payload' }, enc.utf8).field);
  if (f & 0x40) out.push(binaryField(r, { name: 'Password', explanation: 'Credential for the server; binary data, often text.', spec: bySpec(ctx, '3.1.3.6', '3.1.3.5'), group: 'payload' }, enc.binary).field);
}

export function dissectConnack(ctx: PacketContext): void {
  const { r, out } = ctx;
  const v5 = ctx.version === 5;
  const at = r.pos;
  const flags = byteField(r, { name: 'Connect Acknowledge Flags', explanation: 'Bits 7–1 are reserved (0); bit 0 is Session Present.', spec: '3.2.2.1', group: 'variable' });
  const sessionPresent: Field = bitField(
    at,
    '0',
    { name: 'Session Present', explanation: '1: the server resumed a session it held for this client.', spec: bySpec(ctx, '3.2.2.1.1', '3.2.2.2'), group: 'variable' },
    String(flags.value & 1),
  );
  flags.field.children = [sessionPresent];
  out.push(flags.field);
  if (flags.value & 0xfe) ctx.problems.push('Reserved bits 7–1 of the Connect Acknowledge Flags are not 0 (§3.2.2.1).');
  if (v5) {
    out.push(
      byteField(r, { name: 'Connect Reason Code', explanation: 'Outcome of the connection attempt; 0x80 and above mean it was refused.', spec: '3.2.2.2', group: 'variable' }, (v) => reasonName(v, 'CONNACK'))
        .field,
    );
    readProperties(r, out, propertySections.connack, 'properties');
  } else {
    out.push(
      byteField(r, { name: 'Connect Return Code', explanation: 'Outcome of the connection attempt; non-zero means refused.', spec: '3.2.2.3', group: 'variable' }, (v) => connackReturnName(v))
        .field,
    );
  }
}
