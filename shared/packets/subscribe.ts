/** SUBSCRIBE (§3.8), SUBACK (§3.9), UNSUBSCRIBE (§3.10), UNSUBACK (§3.11). */
import { bitField, byteField, stringField, twoByteField } from './builders';
import { bySpec } from './context';
import type { PacketContext } from './context';
import { encodingSpecs } from './encodings';
import { propertySections, readProperties } from './properties';
import { reasonName, subackReturnName } from './reason-codes';

const retainHandling = ['send retained messages at subscribe', 'send retained only if the subscription is new', 'do not send retained messages'];

function packetId(ctx: PacketContext, spec: string, explanation: string): void {
  ctx.out.push(twoByteField(ctx.r, { name: 'Packet Identifier', explanation, spec, group: 'variable' }).field);
}

export function dissectSubscribe(ctx: PacketContext): void {
  const { r, out } = ctx;
  const v5 = ctx.version === 5;
  packetId(ctx, '3.8.2', 'Identifies this SUBSCRIBE; the SUBACK carries the same one.');
  if (v5) readProperties(r, out, propertySections.subscribe, 'properties');
  if (r.left === 0) ctx.problems.push('A SUBSCRIBE must carry at least one topic filter (§3.8.3).');
  while (r.left > 0) {
    out.push(stringField(r, { name: 'Topic Filter', explanation: 'Topics to subscribe to; may contain + and # wildcards.', spec: '3.8.3', group: 'payload' }, encodingSpecs(ctx.version).utf8).field);
    const at = r.pos;
    const options = byteField(r, {
      name: v5 ? 'Subscription Options' : 'Requested QoS',
      explanation: v5 ? 'Maximum QoS, No Local, Retain As Published and Retain Handling for this filter.' : 'Highest QoS the server may send messages of this filter with.',
      spec: bySpec(ctx, '3.8.3.1', '3.8.3'),
      group: 'payload',
    });
    const o = options.value;
    const bit = (n: number): string => ((o >> n) & 1 ? '1' : '0');
    if (v5) {
      options.field.children = [
        bitField(at, '7–6', { name: 'Reserved', explanation: 'Must be 0.', spec: '3.8.3.1', group: 'payload' }, String(o >> 6)),
        bitField(at, '5–4', { name: 'Retain Handling', explanation: 'Whether retained messages are sent when the subscription is made.', spec: '3.8.3.1', group: 'payload' }, `${(o >> 4) & 3} (${retainHandling[(o >> 4) & 3] ?? 'reserved'})`),
        bitField(at, '3', { name: 'Retain As Published', explanation: '1: forwarded messages keep the RETAIN flag they were published with.', spec: '3.8.3.1', group: 'payload' }, bit(3)),
        bitField(at, '2', { name: 'No Local', explanation: '1: messages this client publishes are not sent back to it.', spec: '3.8.3.1', group: 'payload' }, bit(2)),
        bitField(at, '1–0', { name: 'Maximum QoS', explanation: 'Highest QoS the server may send messages of this filter with.', spec: '3.8.3.1', group: 'payload' }, String(o & 3)),
      ];
      if (o & 0xc0) ctx.problems.push(`Byte ${at}: reserved bits 7–6 of the Subscription Options are not 0 (§3.8.3.1).`);
      if ((o & 3) === 3 || ((o >> 4) & 3) === 3) ctx.problems.push(`Byte ${at}: QoS 3 and Retain Handling 3 do not exist (§3.8.3.1).`);
    } else {
      options.field.children = [
        bitField(at, '7–2', { name: 'Reserved', explanation: 'Must be 0.', spec: '3.8.3', group: 'payload' }, String(o >> 2)),
        bitField(at, '1–0', { name: 'QoS', explanation: 'Requested QoS.', spec: '3.8.3', group: 'payload' }, String(o & 3)),
      ];
      if (o & 0xfc || (o & 3) === 3) ctx.problems.push(`Byte ${at}: the Requested QoS byte must be 0, 1 or 2 (§3.8.3).`);
    }
    out.push(options.field);
  }
}

export function dissectSuback(ctx: PacketContext): void {
  const { r, out } = ctx;
  const v5 = ctx.version === 5;
  packetId(ctx, '3.9.2', 'The Packet Identifier of the SUBSCRIBE this answers.');
  if (v5) readProperties(r, out, propertySections.suback, 'properties');
  while (r.left > 0) {
    out.push(
      byteField(
        r,
        {
          name: v5 ? 'Reason Code' : 'Return Code',
          explanation: 'Outcome for the topic filter at the same position in the SUBSCRIBE.',
          spec: '3.9.3',
          group: 'payload',
        },
        (v) => (v5 ? reasonName(v, 'SUBACK') : subackReturnName(v)),
      ).field,
    );
  }
}

export function dissectUnsubscribe(ctx: PacketContext): void {
  const { r, out } = ctx;
  packetId(ctx, '3.10.2', 'Identifies this UNSUBSCRIBE; the UNSUBACK carries the same one.');
  if (ctx.version === 5) readProperties(r, out, propertySections.unsubscribe, 'properties');
  if (r.left === 0) ctx.problems.push('An UNSUBSCRIBE must carry at least one topic filter (§3.10.3).');
  while (r.left > 0) {
    out.push(stringField(r, { name: 'Topic Filter', explanation: 'A filter to remove, exactly as it was subscribed.', spec: '3.10.3', group: 'payload' }, encodingSpecs(ctx.version).utf8).field);
  }
}

export function dissectUnsuback(ctx: PacketContext): void {
  const { r, out } = ctx;
  packetId(ctx, '3.11.2', 'The Packet Identifier of the UNSUBSCRIBE this answers.');
  if (ctx.version !== 5) return;
  readProperties(r, out, propertySections.unsuback, 'properties');
  while (r.left > 0) {
    out.push(
      byteField(r, { name: 'Reason Code', explanation: 'Outcome for the topic filter at the same position in the UNSUBSCRIBE.', spec: '3.11.3', group: 'payload' }, (v) => reasonName(v, 'UNSUBACK'))
        .field,
    );
  }
}
