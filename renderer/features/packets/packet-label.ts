import type { PacketRow } from '../../../shared/packets/packet-row';

/** "→ PUBLISH id 7 QoS 2 sensors/a": direction arrow (→ sent, ← received), type, then what tells packets apart. */
export function packetLabel(row: PacketRow): string {
  const parts = [row.direction === 'sent' ? '→' : '←', row.cmd.toUpperCase()];
  if (row.packetId !== undefined) parts.push(`id ${row.packetId}`);
  if (row.qos !== undefined) parts.push(`QoS ${row.qos}`);
  if (row.dup) parts.push('DUP');
  if (row.retain) parts.push('RETAIN');
  if (row.topic) parts.push(row.topic);
  if (row.reasonCode !== undefined && row.reasonCode !== 0) parts.push(`reason 0x${row.reasonCode.toString(16).toUpperCase().padStart(2, '0')}`);
  return parts.join(' ');
}

/** The row's accessible name: its label, and for a packet that broke the protocol, what was wrong with it. */
export function packetRowName(row: PacketRow): string {
  const label = packetLabel(row);
  return row.violation ? `${label}, protocol violation: ${row.violation}` : label;
}
