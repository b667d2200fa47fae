import { z } from 'zod';
import { QoS } from './profile';
import { MessageSchema } from '../i18n/message';

export const MAX_SIMULATED_DEVICES = 1000;
export const MIN_SIMULATOR_INTERVAL_MS = 10;

/** Where the devices connect: a broker by address, or the app's built-in one (resolved by the core). */
export const SimulatorBroker = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('address'),
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65_535),
    protocolVersion: z.union([z.literal(3), z.literal(4), z.literal(5)]),
    username: z.string().max(65_535).default(''),
    password: z.string().max(65_535).default(''),
  }),
  z.object({ kind: z.literal('built-in'), protocolVersion: z.union([z.literal(3), z.literal(4), z.literal(5)]).default(4) }),
]);
export type SimulatorBroker = z.infer<typeof SimulatorBroker>;

/**
 * A simulator run. Client ids, topics, payloads, wills and births are templates where `{{device}}`
 * is the device's index from 1 (shared/templates). With `sparkplug`, each device is an edge node
 * `spBv1.0/GROUP/…/EDGE`: NBIRTH, then NDATA of the payload's JSON fields by alias.
 */
export const SimulatorConfig = z.object({
  broker: SimulatorBroker,
  devices: z.number().int().min(1).max(MAX_SIMULATED_DEVICES),
  intervalMs: z.number().int().min(MIN_SIMULATOR_INTERVAL_MS).max(86_400_000),
  /** Sends per device; absent: until stopped. */
  count: z.number().int().min(1).max(100_000_000).optional(),
  clientId: z.string().min(1).max(23 * 1024),
  topic: z.string().max(65_535),
  payload: z.string().max(1024 * 1024),
  qos: QoS.default(0),
  will: z.object({ topic: z.string().min(1).max(65_535), payload: z.string().max(65_535), qos: QoS.default(0), retain: z.boolean().default(false) }).optional(),
  birth: z.object({ topic: z.string().min(1).max(65_535), payload: z.string().max(65_535), retain: z.boolean().default(true) }).optional(),
  /** Devices connected per second; absent: all at once. */
  rampPerSecond: z.number().int().min(1).max(10_000).optional(),
  sparkplug: z.object({ group: z.string().min(1).max(255), edge: z.string().min(1).max(255) }).optional(),
});
export type SimulatorConfig = z.infer<typeof SimulatorConfig>;
export type SimulatorConfigInput = z.input<typeof SimulatorConfig>;

export const SimulatorDeviceState = z.enum(['waiting', 'connecting', 'connected', 'reconnecting', 'failed', 'stopped']);
export type SimulatorDeviceState = z.infer<typeof SimulatorDeviceState>;

export const SimulatorStatus = z.object({
  running: z.boolean(),
  devices: z.number().int(),
  waiting: z.number().int(),
  connecting: z.number().int(),
  connected: z.number().int(),
  reconnecting: z.number().int(),
  failed: z.number().int(),
  stopped: z.number().int(),
  sent: z.number().int(),
  failedSends: z.number().int(),
  ratePerSecond: z.number(),
  /** Errors grouped by reason, most frequent first; `devices` is how many devices saw it. */
  errors: z.array(z.object({ reason: z.string(), reasonText: MessageSchema.optional(), count: z.number().int(), devices: z.number().int() })),
});
export type SimulatorStatus = z.infer<typeof SimulatorStatus>;
