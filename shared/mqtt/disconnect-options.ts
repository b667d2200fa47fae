/**
 * What a client may say in its MQTT 5 DISCONNECT (§3.14.2): a reason code from those the spec's table
 * marks as sent by a client, and a Session Expiry Interval where MQTT-3.14.2-2 allows one.
 */
import { z } from 'zod';
import { reasonCodeNameMessage } from './reason-codes';
import { englishOf, msg, type Message, type MessageKey } from '../i18n';

const UINT32_MAX = 4_294_967_295;

/** The codes of the table in §3.14.2.1 whose "Sent by" column includes the client. */
const CLIENT_CODES = [0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99] as const;

export type ClientDisconnectReason = (typeof CLIENT_CODES)[number];

export const clientDisconnectCodes: readonly ClientDisconnectReason[] = CLIENT_CODES;

/** The two codes whose name alone does not say what happens to the will. */
const willWords: Partial<Record<ClientDisconnectReason, MessageKey>> = {
  0x00: 'mqtt.disconnect.normalWill',
  0x04: 'mqtt.disconnect.withWill',
};

/** The code's meaning for someone choosing how to end the connection. */
export function clientDisconnectReasonMessage(code: ClientDisconnectReason): Message {
  const words = willWords[code];
  return words ? msg(words) : reasonCodeNameMessage(code);
}

export function clientDisconnectReason(code: ClientDisconnectReason): string {
  return englishOf(clientDisconnectReasonMessage(code));
}

export function isClientDisconnectReason(code: number): code is ClientDisconnectReason {
  return (CLIENT_CODES as readonly number[]).includes(code);
}

export const DisconnectOptions = z.object({
  reasonCode: z
    .number()
    .int()
    .superRefine((code, context) => {
      // A catalogue key with the code as the issue's params, worded by the router (English) and the form.
      if (!isClientDisconnectReason(code)) context.addIssue({ code: 'custom', message: 'publish.disconnect.notClientCode', params: { code: hex(code) } });
    })
    .optional(),
  sessionExpiryInterval: z.number().int('publish.disconnect.expiryWhole').min(0, 'publish.disconnect.expiryMin').max(UINT32_MAX).optional(),
});
export type DisconnectOptions = z.infer<typeof DisconnectOptions>;

function hex(code: number): string {
  return code.toString(16).padStart(2, '0').toUpperCase();
}

/** "0x04 disconnect with will message", as the status and the menu say it: the name without the will's consequence. */
export function describeClientDisconnectMessage(code: ClientDisconnectReason): Message {
  return msg('mqtt.disconnect.described', { hex: hex(code) }, { name: code === 0x00 ? msg('mqtt.disconnect.normalName') : reasonCodeNameMessage(code) });
}

export function describeClientDisconnect(code: ClientDisconnectReason): string {
  return englishOf(describeClientDisconnectMessage(code));
}

/**
 * Why these options cannot go in this connection's DISCONNECT, or undefined when they can.
 * `connectSessionExpiry` is what the CONNECT asked for: absent means 0 (§3.1.2.11.2).
 */
export function disconnectOptionsProblem(options: DisconnectOptions, protocolVersion: 3 | 4 | 5, connectSessionExpiry: number | null | undefined): Message | undefined {
  const said = options.reasonCode !== undefined || options.sessionExpiryInterval !== undefined;
  if (!said) return undefined;
  if (protocolVersion !== 5) return msg('mqtt.disconnect.v5Only');
  if (options.sessionExpiryInterval !== undefined && options.sessionExpiryInterval !== 0 && !sessionExpiryUpdatable(connectSessionExpiry)) {
    return msg('mqtt.disconnect.expiryLocked');
  }
  return undefined;
}

/** Whether the DISCONNECT may set a non-zero Session Expiry Interval (MQTT-3.14.2-2). */
export function sessionExpiryUpdatable(connectSessionExpiry: number | null | undefined): boolean {
  return (connectSessionExpiry ?? 0) !== 0;
}
