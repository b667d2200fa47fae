/** DISCONNECT (§3.14) and AUTH (§3.15); PINGREQ and PINGRESP have no body at all. */
import { byteField } from './builders';
import type { PacketContext } from './context';
import { propertySections, readProperties } from './properties';
import { reasonName } from './reason-codes';

export function dissectDisconnect(ctx: PacketContext): void {
  // MQTT 3.1.1's DISCONNECT has no body; MQTT 5's may leave out its reason code (then 0x00) and properties.
  if (ctx.version !== 5 || ctx.r.left === 0) return;
  ctx.out.push(
    byteField(ctx.r, { name: 'Disconnect Reason Code', explanation: ctx.t('packets.anatomy.disconnectReason'), spec: '3.14.2.1', group: 'variable' }, (v) =>
      reasonName(v, 'DISCONNECT'),
    ).field,
  );
  if (ctx.r.left > 0) readProperties(ctx.r, ctx.out, propertySections.disconnect, 'properties');
}

export function dissectAuth(ctx: PacketContext): void {
  if (ctx.r.left === 0) return;
  ctx.out.push(
    byteField(ctx.r, { name: 'Authenticate Reason Code', explanation: ctx.t('packets.anatomy.authReason'), spec: '3.15.2.1', group: 'variable' }, (v) =>
      reasonName(v, 'AUTH'),
    ).field,
  );
  if (ctx.r.left > 0) readProperties(ctx.r, ctx.out, propertySections.auth, 'properties');
}
