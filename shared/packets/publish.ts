/** PUBLISH (§3.3) and its acknowledgements PUBACK, PUBREC, PUBREL, PUBCOMP (§3.4–3.7). */
import { byteField, stringField, twoByteField } from './builders';
import type { PacketContext } from './context';
import { encodingSpecs } from './encodings';
import type { MessageKey } from '../i18n';
import { payloadValue } from './format';
import { propertySections, readProperties } from './properties';
import { reasonName } from './reason-codes';

export function dissectPublish(ctx: PacketContext): void {
  const { r, out } = ctx;
  const qos = (ctx.flags >> 1) & 3;
  out.push(stringField(r, { name: 'Topic Name', explanation: ctx.t('packets.anatomy.topicName'), spec: '3.3.2.1', group: 'variable' }, encodingSpecs(ctx.version).utf8).field);
  if (qos > 0) {
    out.push(
      twoByteField(r, { name: 'Packet Identifier', explanation: ctx.t('packets.anatomy.publishPacketId'), spec: '3.3.2.2', group: 'variable' })
        .field,
    );
  }
  if (ctx.version === 5) readProperties(r, out, propertySections.publish, 'properties');
  const start = r.pos;
  const payload = r.take(r.left, 'Payload');
  out.push({
    name: 'Payload',
    start,
    end: r.pos,
    value: payloadValue(payload, ctx.t),
    explanation: ctx.t('packets.anatomy.payload'),
    spec: '3.3.3',
    group: 'payload',
  });
}

const ackSections: Record<string, { section: string; sections: (typeof propertySections)[keyof typeof propertySections]; role: MessageKey }> = {
  PUBACK: { section: '3.4', sections: propertySections.puback, role: 'packets.anatomy.pubackId' },
  PUBREC: { section: '3.5', sections: propertySections.pubrec, role: 'packets.anatomy.pubrecId' },
  PUBREL: { section: '3.6', sections: propertySections.pubrel, role: 'packets.anatomy.pubrelId' },
  PUBCOMP: { section: '3.7', sections: propertySections.pubcomp, role: 'packets.anatomy.pubcompId' },
};

export function dissectPublishAck(ctx: PacketContext): void {
  const { r, out } = ctx;
  const about = ackSections[ctx.type];
  if (!about) return;
  out.push(twoByteField(r, { name: 'Packet Identifier', explanation: ctx.t(about.role), spec: `${about.section}.2`, group: 'variable' }).field);
  // MQTT 5 lets the reason code and properties be left out: Remaining Length 2 means Success, no properties.
  if (ctx.version !== 5 || r.left === 0) return;
  out.push(
    byteField(r, { name: `${ctx.type} Reason Code`, explanation: ctx.t('packets.anatomy.ackReason'), spec: `${about.section}.2.1`, group: 'variable' }, (v) => reasonName(v, ctx.type))
      .field,
  );
  if (r.left === 0) return;
  readProperties(r, out, about.sections, 'properties');
}
