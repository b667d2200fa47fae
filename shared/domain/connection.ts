import { z } from 'zod';

/** The transports a profile can use. TLS variants (mqtts, wss) join this list with the TLS options. */
export const Transport = z.enum(['mqtt', 'ws']);
export type Transport = z.infer<typeof Transport>;

export const defaultPorts: Record<Transport, number> = { mqtt: 1883, ws: 8083 };

/** 4 is MQTT 3.1.1, 5 is MQTT 5.0: the protocol level byte of CONNECT. */
export const ProtocolVersion = z.union([z.literal(4), z.literal(5)]);
export type ProtocolVersion = z.infer<typeof ProtocolVersion>;

export const QoS = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type QoS = z.infer<typeof QoS>;

const hostPattern = /^[A-Za-z0-9.\-:[\]_%]+$/;

export const ProfileFields = z.object({
  name: z.string().trim().min(1, 'Give the connection a name.').max(200),
  transport: Transport,
  host: z
    .string()
    .trim()
    .min(1, 'Enter the broker host, such as 127.0.0.1 or broker.example.com.')
    .max(253)
    .refine((host) => !host.includes('://'), 'Enter the host without a scheme such as mqtt://; choose the transport separately.')
    .refine((host) => hostPattern.test(host), 'The host may only hold letters, digits, dots, hyphens and IPv6 brackets.'),
  port: z.number().int('The port must be a whole number.').min(1, 'The port must be between 1 and 65535.').max(65535, 'The port must be between 1 and 65535.'),
  /** The HTTP path of a WebSocket endpoint, ignored for plain MQTT. */
  path: z.string().max(1000).regex(/^\//, 'The WebSocket path must start with "/".'),
  protocolVersion: ProtocolVersion,
  clientId: z.string().max(65535),
  username: z.string().max(65535),
  clean: z.boolean(),
  keepalive: z.number().int('Keepalive must be a whole number of seconds.').min(0, 'Keepalive must be 0 (off) or more seconds.').max(65535, 'Keepalive can be at most 65535 seconds.'),
});

function requireClientIdForPersistentSession(
  profile: { clientId: string; clean: boolean; protocolVersion: ProtocolVersion },
  context: z.RefinementCtx,
): void {
  // MQTT 3.1.1 §3.1.3.1: a server must reject a zero-length client id unless the session is clean.
  if (profile.protocolVersion === 4 && profile.clientId === '' && !profile.clean) {
    context.addIssue({
      code: 'custom',
      path: ['clientId'],
      message: 'MQTT 3.1.1 needs a client id when clean session is off; generate one or turn clean session on.',
    });
  }
}

/**
 * What the renderer sends to save a profile. `password` undefined keeps the stored one,
 * '' clears it: the renderer never receives a stored password back, so it cannot echo it.
 */
export const ProfileInput = ProfileFields.extend({
  id: z.string().min(1).max(100),
  password: z.string().max(65535).optional(),
}).superRefine(requireClientIdForPersistentSession);
export type ProfileInput = z.infer<typeof ProfileInput>;

/** What the renderer sees of a profile: everything but the secret itself. */
export type ProfileView = z.infer<typeof ProfileFields> & { id: string; passwordSet: boolean };

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Plain words for a failure, a disconnect or a reconnect in progress. */
  reason?: string;
  /** Wall-clock time of the last change, in ms since the epoch. */
  since: number;
}

export type SubscriptionState = 'pending' | 'granted' | 'failed';

export interface SubscriptionView {
  filter: string;
  requestedQos: QoS;
  state: SubscriptionState;
  /** The QoS the broker granted in SUBACK. */
  grantedQos?: QoS;
  /** The SUBACK return code or MQTT 5 reason code, when it is a failure. */
  reasonCode?: number;
  reason?: string;
}

export interface ConnectionSnapshot {
  connectionId: string;
  profile: ProfileView;
  status: ConnectionStatus;
  subscriptions: SubscriptionView[];
  messageCount: number;
}
