/** SUBSCRIBE (§3.8), SUBACK (§3.9), UNSUBSCRIBE (§3.10), UNSUBACK (§3.11). */
import { bitField, byteField, stringField, twoByteField } from './builders';
import { bySpec } from './context';
import type { PacketContext } from './context';
import { encodingSpecs } from './encodings';
import type { MessageKey } from '../i18n';
import { propertySections, readProperties } from './properties';
import { reasonName, subackReturnName } from './reason-codes';

const retainHandling: MessageKey[] = ['packets.anatomy.retainHandling0', 'packets.anatomy.retainHandling1', 'packets.anatomy.retainHandling2'];

function packetId(ctx: PacketContext, spec: string, explanation: MessageKey): void {
  ctx.out.push(twoByteField(ctx.r, { name: 'Packet Identifier', explanation: ctx.t(explanation), spec, group: 'variable' }).field);
}

export function dissectSubscribe(ctx: PacketContext): void {
  const { r, out, t } = ctx;
  const v5 = ctx.version === 5;
  packetId(ctx, '3.8.2', 'packets.anatomy.subscribeId');
  if (v5) readProperties(r, out, propertySections.subscribe, 'properties');
  if (r.left === 0) ctx.problems.push(t('packets.anatomy.subscribeEmpty'));
  while (r.left > 0) {
    out.push(stringField(r, { name: 'Topic Filter', explanation: t('packets.anatomy.topicFilter'), spec: '3.8.3', group: 'payload' }, encodingSpecs(ctx.version).utf8).field);
    const at = r.pos;
    const options = byteField(r, {
      name: v5 ? 'Subscription Options' : 'Requested QoS',
      explanation: t(v5 ? 'packets.anatomy.subscriptionOptions' : 'packets.anatomy.requestedQos'),
      spec: bySpec(ctx, '3.8.3.1', '3.8.3'),
      group: 'payload',
    });
    const o = options.value;
    const bit = (n: number): string => ((o >> n) & 1 ? '1' : '0');
    if (v5) {
      options.field.children = [
        bitField(at, '7–6', { name: 'Reserved', explanation: t('packets.anatomy.mustBeZero'), spec: '3.8.3.1', group: 'payload' }, String(o >> 6)),
        bitField(at, '5–4', { name: 'Retain Handling', explanation: t('packets.anatomy.retainHandling'), spec: '3.8.3.1', group: 'payload' }, `${(o >> 4) & 3} (${t(retainHandling[(o >> 4) & 3] ?? 'packets.anatomy.retainHandlingReserved')})`),
        bitField(at, '3', { name: 'Retain As Published', explanation: t('packets.anatomy.retainAsPublished'), spec: '3.8.3.1', group: 'payload' }, bit(3)),
        bitField(at, '2', { name: 'No Local', explanation: t('packets.anatomy.noLocal'), spec: '3.8.3.1', group: 'payload' }, bit(2)),
        bitField(at, '1–0', { name: 'Maximum QoS', explanation: t('packets.anatomy.requestedQos'), spec: '3.8.3.1', group: 'payload' }, String(o & 3)),
      ];
      if (o & 0xc0) ctx.problems.push(t('packets.anatomy.optionsReserved', { at }));
      if ((o & 3) === 3 || ((o >> 4) & 3) === 3) ctx.problems.push(t('packets.anatomy.options3', { at }));
    } else {
      options.field.children = [
        bitField(at, '7–2', { name: 'Reserved', explanation: t('packets.anatomy.mustBeZero'), spec: '3.8.3', group: 'payload' }, String(o >> 2)),
        bitField(at, '1–0', { name: 'QoS', explanation: t('packets.anatomy.requestedQosShort'), spec: '3.8.3', group: 'payload' }, String(o & 3)),
      ];
      if (o & 0xfc || (o & 3) === 3) ctx.problems.push(t('packets.anatomy.requestedQosBad', { at }));
    }
    out.push(options.field);
  }
}

export function dissectSuback(ctx: PacketContext): void {
  const { r, out } = ctx;
  const v5 = ctx.version === 5;
  packetId(ctx, '3.9.2', 'packets.anatomy.subackId');
  if (v5) readProperties(r, out, propertySections.suback, 'properties');
  while (r.left > 0) {
    out.push(
      byteField(
        r,
        {
          name: v5 ? 'Reason Code' : 'Return Code',
          explanation: ctx.t('packets.anatomy.subackCode'),
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
  packetId(ctx, '3.10.2', 'packets.anatomy.unsubscribeId');
  if (ctx.version === 5) readProperties(r, out, propertySections.unsubscribe, 'properties');
  if (r.left === 0) ctx.problems.push(ctx.t('packets.anatomy.unsubscribeEmpty'));
  while (r.left > 0) {
    out.push(stringField(r, { name: 'Topic Filter', explanation: ctx.t('packets.anatomy.unsubscribeFilter'), spec: '3.10.3', group: 'payload' }, encodingSpecs(ctx.version).utf8).field);
  }
}

export function dissectUnsuback(ctx: PacketContext): void {
  const { r, out } = ctx;
  packetId(ctx, '3.11.2', 'packets.anatomy.unsubackId');
  if (ctx.version !== 5) return;
  readProperties(r, out, propertySections.unsuback, 'properties');
  while (r.left > 0) {
    out.push(
      byteField(r, { name: 'Reason Code', explanation: ctx.t('packets.anatomy.unsubackCode'), spec: '3.11.3', group: 'payload' }, (v) => reasonName(v, 'UNSUBACK'))
        .field,
    );
  }
}
