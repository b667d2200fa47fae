/**
 * The in-process broker: its settings (checked by the same schema in the form and the main
 * process), its live state, and the faults a user can inject. Passwords of broker users and the TLS
 * key are secrets: stored encrypted, never sent back to the renderer.
 */
import { z } from 'zod';
import { PemFile } from './profile';
import type { BrokerText } from '../broker/broker-text';

// Issue messages are catalogue keys: the form words them in the user's language, the CLI in English.
const portMessages = {
  mqtt: { number: 'broker.settings.port.mqtt.number', whole: 'broker.settings.port.mqtt.whole', range: 'broker.settings.port.mqtt.range' },
  ws: { number: 'broker.settings.port.ws.number', whole: 'broker.settings.port.ws.whole', range: 'broker.settings.port.ws.range' },
  tls: { number: 'broker.settings.port.tls.number', whole: 'broker.settings.port.tls.whole', range: 'broker.settings.port.tls.range' },
} as const;

const port = (what: keyof typeof portMessages) => {
  const words = portMessages[what];
  return z.number({ error: words.number }).int(words.whole).min(1, words.range).max(65535, words.range);
};

export const BrokerUser = z.object({
  username: z.string().min(1, 'broker.settings.userNameNeeded').max(65535),
  /** Undefined keeps the stored password; the renderer never receives it. */
  password: z.string().max(65535).optional(),
});
export type BrokerUserInput = z.infer<typeof BrokerUser>;

export const BrokerSettingsFields = z.object({
  /** 127.0.0.1 (this machine only), 0.0.0.0 (all interfaces) or one of this machine's addresses. */
  bindAddress: z.string().trim().min(1, 'broker.settings.bindNeeded').max(100),
  tcpPort: port('mqtt'),
  websocket: z.object({ enabled: z.boolean(), port: port('ws') }),
  tls: z.object({
    enabled: z.boolean(),
    port: port('tls'),
    cert: PemFile.nullable(),
    /** The key's file name; the key itself is a secret. */
    keyName: z.string().max(500),
  }),
  auth: z.enum(['anonymous', 'users']),
  autoStart: z.boolean(),
});
export type BrokerSettingsFields = z.infer<typeof BrokerSettingsFields>;

export const BrokerSettingsInput = BrokerSettingsFields.extend({
  users: z.array(BrokerUser).max(1000),
  /** The TLS private key PEM: undefined keeps the stored one, '' removes it. */
  tlsKey: z.string().max(1_000_000).optional(),
}).superRefine((settings, context) => {
  const ports: [string[], number][] = [[['tcpPort'], settings.tcpPort]];
  if (settings.websocket.enabled) ports.push([['websocket', 'port'], settings.websocket.port]);
  if (settings.tls.enabled) ports.push([['tls', 'port'], settings.tls.port]);
  const seen = new Set<number>();
  for (const [path, value] of ports) {
    if (seen.has(value)) context.addIssue({ code: 'custom', path, message: 'broker.settings.portTaken', params: { port: String(value) } });
    seen.add(value);
  }
  if (settings.tls.enabled && !settings.tls.cert) context.addIssue({ code: 'custom', path: ['tls', 'cert'], message: 'broker.settings.certNeeded' });
  if (settings.tls.enabled && settings.tls.keyName === '') context.addIssue({ code: 'custom', path: ['tls', 'keyName'], message: 'broker.settings.keyNeeded' });
  const names = new Set<string>();
  settings.users.forEach((user, index) => {
    if (names.has(user.username)) context.addIssue({ code: 'custom', path: ['users', index, 'username'], message: 'broker.settings.userTwice', params: { username: user.username } });
    names.add(user.username);
  });
  if (settings.auth === 'users' && settings.users.length === 0) context.addIssue({ code: 'custom', path: ['users'], message: 'broker.settings.usersNeeded' });
});
export type BrokerSettingsInput = z.infer<typeof BrokerSettingsInput>;

export type BrokerSettingsView = BrokerSettingsFields & {
  users: { username: string; passwordSet: boolean }[];
  tlsKeySet: boolean;
};

export function defaultBrokerSettings(): BrokerSettingsFields {
  return {
    bindAddress: '127.0.0.1',
    tcpPort: 1883,
    websocket: { enabled: false, port: 8083 },
    tls: { enabled: false, port: 8883, cert: null, keyName: '' },
    auth: 'anonymous',
    autoStart: false,
  };
}

export type BrokerState = 'stopped' | 'starting' | 'running' | 'stopping' | 'failed';

export interface BrokerListener {
  kind: 'mqtt' | 'ws' | 'mqtts';
  host: string;
  port: number;
  /** What a device types, such as mqtt://192.168.1.20:1883. One per address when bound to all interfaces. */
  urls: string[];
}

export interface BrokerEngine {
  name: string;
  version: string;
  /** The MQTT versions clients may use, as shown to the user. */
  protocols: string[];
  /** Features worth knowing before testing: what it does and does not do (English, for the CLI and tests). */
  notes: string[];
  /** The same notes as catalogue messages, worded where they are shown. */
  noteTexts?: BrokerText[];
}

export interface BrokerClientView {
  clientId: string;
  address: string;
  protocolVersion: number;
  keepalive: number;
  /** Clean Session (3.1.1) or Clean Start (5.0), as the client sent it in CONNECT. */
  clean: boolean;
  /** MQTT 5 only: the Session Expiry Interval in seconds the client asked for (absent is 0). */
  sessionExpiryInterval?: number;
  connectedAt: number;
  messagesIn: number;
  messagesOut: number;
  subscriptions: { filter: string; qos: number }[];
}

/** A shared subscription group (`$share/{group}/{filter}`) of the built-in broker and its members. */
export interface BrokerSharedGroupView {
  group: string;
  filter: string;
  members: { clientId: string; qos: number; connected: boolean }[];
}

export interface BrokerRates {
  inPerSecond: number;
  outPerSecond: number;
}

export const brokerLogKinds = ['start', 'stop', 'connect', 'disconnect', 'refused', 'will', 'kick', 'cut', 'fault', 'error', 'dropped'] as const;
export type BrokerLogKind = (typeof brokerLogKinds)[number];

export interface BrokerLogEntry {
  seq: number;
  time: number;
  kind: BrokerLogKind;
  clientId?: string;
  /** The English wording, for the CLI, logs and tests. */
  text: string;
  /** The same sentence for the renderer (or the CLI) to word in the user's language. */
  message?: BrokerText;
}

export interface RetainedView {
  topic: string;
  size: number;
  qos: number;
  /** When the broker stored it, in ms since the epoch. */
  time: number;
  preview: string;
}

export const AckKind = z.enum(['puback', 'pubrec', 'pubrel', 'pubcomp']);
export type AckKind = z.infer<typeof AckKind>;

/** '*' is every client, present and future. */
const FaultTarget = z.string().min(1).max(65535);

export const FaultInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('drop-acks'),
    target: FaultTarget,
    ack: AckKind,
    /** to-client: the broker's acknowledgement is not sent; from-client: the client's is ignored. */
    direction: z.enum(['to-client', 'from-client']),
    count: z.number().int().min(1, 'broker.faults.countMin').max(10_000),
  }),
  z.object({ kind: z.literal('delay'), target: FaultTarget, what: z.enum(['acks', 'deliveries']), ms: z.number().int().min(1).max(600_000) }),
  z.object({ kind: z.literal('drop-qos0'), target: FaultTarget, percent: z.number().int().min(1).max(100) }),
  /** MQTT 3.1.1 CONNACK return codes 1 to 5. */
  z.object({ kind: z.literal('refuse-connections'), target: FaultTarget, code: z.number().int().min(1).max(5) }),
  z.object({ kind: z.literal('pause-delivery'), target: FaultTarget }),
]);
export type FaultInput = z.infer<typeof FaultInput>;

export type FaultView = FaultInput & {
  id: number;
  createdAt: number;
  /** drop-acks: how many are still to drop. */
  remaining?: number;
  /** How many packets or connections it has affected so far. */
  hits: number;
};

export interface BrokerSnapshot {
  state: BrokerState;
  /** Why it failed to start, or stopped (English). */
  reason?: string;
  /** The same reason to word in the user's language, when it is a sentence of ours. */
  reasonText?: BrokerText;
  startedAt?: number;
  engine: BrokerEngine;
  settings: BrokerSettingsView;
  listeners: BrokerListener[];
  /** This machine's IPv4 addresses other devices can use, for "all interfaces". */
  addresses: string[];
  clients: BrokerClientView[];
  /** Shared subscription groups, each message going to one member of each. */
  sharedGroups?: BrokerSharedGroupView[];
  retainedCount: number;
  rates: BrokerRates;
  faults: FaultView[];
  /** What the user must hear about the stored settings, such as a damaged broker.json moved aside. */
  notices?: string[];
}

/** One packet through the broker, as its tap saw it: the same fields as the client-side tap. */
export interface BrokerPacketRow {
  seq: number;
  /** Wall-clock time in ms since the epoch, for display. */
  time: number;
  /**
   * Monotonic time in ms on the same clock as the client-side PacketTap (process.hrtime), so a
   * timeline can order publisher → broker → subscriber across both taps.
   */
  monotonicMs: number;
  clientId: string;
  /** in: from the client to the broker; out: from the broker to the client. */
  direction: 'in' | 'out';
  cmd: string;
  messageId?: number;
  qos?: number;
  dup?: boolean;
  retain?: boolean;
  topic?: string;
  size: number;
  /** Set when a fault dropped or delayed this packet, in English (the CLI, lesson traces). */
  fault?: string;
  /** The same as a sentence, for the Packets table to word. */
  faultText?: BrokerText;
}
