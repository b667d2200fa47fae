import type { TopicAliasUse } from '../../../shared/domain/message';
import type { Translator } from '../../../shared/i18n';
import type { PacketRow } from '../../../shared/packets/packet-row';

/** "→ PUBLISH id 7 QoS 2 sensors/a": direction arrow (→ sent, ← received), type, then what tells packets apart. */
export function packetLabel(row: PacketRow, t: Translator): string {
  const parts = [row.direction === 'sent' ? '→' : '←', row.cmd.toUpperCase()];
  if (row.packetId !== undefined) parts.push(t('packets.label.id', { id: row.packetId }));
  if (row.qos !== undefined) parts.push(`QoS ${row.qos}`);
  if (row.dup) parts.push('DUP');
  if (row.retain) parts.push('RETAIN');
  if (row.topicAlias) parts.push(topicAliasLabel(row.topicAlias, t));
  else if (row.topic) parts.push(row.topic);
  if (row.reasonCode !== undefined && row.reasonCode !== 0) parts.push(t('packets.label.reason', { code: `0x${row.reasonCode.toString(16).toUpperCase().padStart(2, '0')}` }));
  return parts.join(' ');
}

/** The row's accessible name: its label, and for a packet that broke the protocol, what was wrong with it. */
export function packetRowName(row: PacketRow, t: Translator): string {
  const label = packetLabel(row, t);
  return row.violation ? t('packets.label.violation', { label, violation: row.violationText ? t.msg(row.violationText, row.violation) : row.violation }) : label;
}

/** "alias 3 only for sensors/a, 9 bytes saved" or "sensors/a + alias 3, 3 bytes more": the form that went on the wire. */
export function topicAliasLabel(use: TopicAliasUse & { topic: string }, t: Translator): string {
  const saving = use.bytesSaved >= 0 ? t('packets.label.bytesSaved', { count: use.bytesSaved }) : t('packets.label.bytesMore', { count: -use.bytesSaved });
  return t(use.form === 'alias-only' ? 'packets.label.aliasOnly' : 'packets.label.topicAndAlias', { alias: use.alias, topic: use.topic, saving });
}
