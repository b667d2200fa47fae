import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { generate } from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { BrokerLogEntry, FaultInput } from '../../shared/domain/broker';
import { bytesOf, fixtures } from '../fixtures/packet-encodings';
import { brokerSettings, call, startBroker } from '../helpers/broker-core';
import { mutatePacket, splitIntoWrites } from '../helpers/packet-mutator';
import type { Mutated } from '../helpers/packet-mutator';
import { caseSeed, fuzzScale, pick, randomInt, seededRandom } from '../helpers/seeded-random';
import { createTempCore } from '../helpers/temp-core';

/**
 * Hostile clients against the built-in broker (issue 13): several at once, each opening a
 * connection and sending a CONNECT and a burst of packets, most of them mutated, in pieces down to
 * one byte a write. Meanwhile well-behaved MQTT.js clients keep round-tripping QoS 1 messages. The
 * process must live, the good clients must not notice, the broker must accept a new client at the
 * end, and every connection the broker closed must have a reason in its log.
 *
 * Each case is replayed from its seed alone: FUZZ_SEED=<seed> FUZZ_CASE=<case> runs just that one
 * (FUZZ_CASE=<first>-<last> a range, for what several cases did together),
 * and FUZZ_SHOW=1 prints the packets of every case run. FUZZ_CASES=<n> runs more (the default
 * keeps this test around 20 s on a small machine); FUZZ_AUTH=users makes the broker users-only.
 */

const seed = Number(process.env.FUZZ_SEED ?? 13);
const caseCount = Number(process.env.FUZZ_CASES ?? 1500 * fuzzScale());
const only = process.env.FUZZ_CASE?.split('-').map(Number);
/** FUZZ_AUTH=users runs against a users-only broker: the cases that send credentials (one in five) get in. */
const usersOnly = process.env.FUZZ_AUTH === 'users';
const credentials = { username: 'fuzz', password: 'secret' };
/** Hostile connections open at once. */
const HOSTILE_CLIENTS = 6;
/** How long a case waits after its last write for the broker to answer or close. */
const SETTLE_MS = 120;
/** A good client's QoS 1 round trip slower than this counts as disturbed. */
const ROUND_TRIP_LIMIT_MS = 5000;

type Version = 4 | 5;

const generated = (version: Version): Packet[] => {
  const v5 = version === 5;
  const publishProperties = v5 ? { properties: { contentType: 'text/plain', messageExpiryInterval: 60, userProperties: { k: 'v' } } } : {};
  return [
    { cmd: 'publish', topic: 'fuzz/a', payload: Buffer.from('zero'), qos: 0, retain: false, dup: false, ...publishProperties },
    { cmd: 'publish', topic: 'fuzz/b', payload: Buffer.from('one'), qos: 1, messageId: 11, retain: true, dup: false, ...publishProperties },
    { cmd: 'publish', topic: 'fuzz/c', payload: Buffer.alloc(200, 3), qos: 2, messageId: 12, retain: false, dup: false, ...publishProperties },
    { cmd: 'pubrel', messageId: 12 },
    { cmd: 'puback', messageId: 1 },
    { cmd: 'pubrec', messageId: 2 },
    { cmd: 'pubcomp', messageId: 3 },
    { cmd: 'subscribe', messageId: 13, subscriptions: [{ topic: 'fuzz/#', qos: 2, ...(v5 ? { nl: true, rap: true, rh: 1 } : {}) }, { topic: 'fuzz/+/x', qos: 1 }] },
    { cmd: 'unsubscribe', messageId: 14, unsubscriptions: ['fuzz/#'] },
    { cmd: 'pingreq' },
    v5 ? { cmd: 'disconnect', reasonCode: 0x04, properties: { reasonString: 'bye' } } : { cmd: 'disconnect' },
    ...(v5 ? [{ cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'x', authenticationData: Buffer.from([1, 2]) } } as Packet] : []),
  ];
};

/** Well-formed packets that ask for odd things: the broker's handlers, not its parser, must cope. */
const odd = (version: Version): Packet[] => {
  const publish = (topic: string, extra: object = {}): Packet => ({ cmd: 'publish', topic, payload: Buffer.from('odd'), qos: 1, messageId: 21, retain: false, dup: false, ...extra });
  const subscribe = (topic: string, options: object = {}): Packet => ({ cmd: 'subscribe', messageId: 22, subscriptions: [{ topic, qos: 1, ...options }] });
  const both: Packet[] = [
    publish('$SYS/fuzz'),
    publish('fuzz/retained', { retain: true, payload: Buffer.alloc(0) }),
    publish('fuzz/' + 'x'.repeat(3000)),
    publish('fuzz/a', { messageId: 0 }),
    publish('fuzz/a', { qos: 2, messageId: 65535, dup: true }),
    subscribe('#'),
    subscribe('$SYS/#'),
    subscribe('+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+/+'),
    subscribe('fuzz/#/x'),
    subscribe('$share/group/fuzz/#'),
    subscribe('$share//x'),
    subscribe('$share/group'),
    subscribe('fuzz/\u0000'),
    { cmd: 'subscribe', messageId: 23, subscriptions: Array.from({ length: 50 }, (_, index) => ({ topic: `fuzz/many/${index}`, qos: 2 as const })) },
    { cmd: 'unsubscribe', messageId: 24, unsubscriptions: ['#', '$share/group/fuzz/#', 'never/subscribed'] },
    { cmd: 'pubrel', messageId: 0 },
    { cmd: 'puback', messageId: 65535 },
  ];
  if (version !== 5) return both;
  const userProperties = { __proto__: 'x', constructor: 'y', toString: 'z', hasOwnProperty: 'w' };
  return [
    ...both,
    publish('', { properties: { topicAlias: 1 } }),
    publish('fuzz/alias', { properties: { topicAlias: 1 } }),
    publish('', { properties: { topicAlias: 2 } }),
    publish('fuzz/alias', { properties: { topicAlias: 65535 } }),
    publish('fuzz/p', { properties: { payloadFormatIndicator: true }, payload: Buffer.from([0xff, 0xfe]) }),
    publish('fuzz/p', { properties: { responseTopic: 'fuzz/#', correlationData: Buffer.alloc(1000, 1) } }),
    publish('fuzz/p', { properties: { subscriptionIdentifier: 5 } }),
    publish('fuzz/p', { properties: { messageExpiryInterval: 0 } }),
    publish('fuzz/p', { properties: { userProperties } }),
    subscribe('fuzz/#', { nl: true, rap: true, rh: 2 }),
    { cmd: 'subscribe', messageId: 25, subscriptions: [{ topic: 'fuzz/id', qos: 1 }], properties: { subscriptionIdentifier: 268_435_455, userProperties } },
    { cmd: 'disconnect', reasonCode: 0x00, properties: { sessionExpiryInterval: 3600 } },
    { cmd: 'disconnect', reasonCode: 0x8e },
    { cmd: 'puback', messageId: 7, reasonCode: 0x80, properties: { reasonString: 'no', userProperties } },
  ];
};

/** Valid packets to start mutating from: the hand-checked encodings of every packet type, MQTT.js-like ones, and odd ones. */
const corpus: Record<Version, { name: string; bytes: Buffer }[]> = { 4: [], 5: [] };
for (const version of [4, 5] as const) {
  for (const fixture of fixtures) {
    if ((fixture.version === 5) === (version === 5)) corpus[version].push({ name: fixture.name, bytes: Buffer.from(bytesOf(fixture.hex)) });
  }
  for (const packet of generated(version)) corpus[version].push({ name: `${packet.cmd} (generated)`, bytes: generate(packet, { protocolVersion: version }) });
  for (const packet of odd(version)) corpus[version].push({ name: `odd ${packet.cmd}`, bytes: generate(packet, { protocolVersion: version }) });
}

/**
 * A CONNECT of many shapes: empty client ids, persistent sessions, wills with a Will Delay Interval
 * (the broker rewrites their PUBLISH), credentials. Some are written without mqtt-packet, whose
 * encoder refuses shapes its parser (and the spec) accept.
 */
function connectPacket(index: number, version: Version, random: () => number): Buffer {
  const v5 = version === 5;
  const clean = random() < 0.6;
  // MQTT 3.1.1 refuses an empty client id with a persistent session (CONNACK 2); MQTT 5 assigns one.
  const clientId = random() < 0.2 && (v5 || clean) ? '' : `fuzz-${seed}-${index}`;
  const willProperties = v5 && random() < 0.5 ? { properties: { willDelayInterval: randomInt(random, 2) } } : {};
  const will = random() < 0.3 ? { will: { topic: `fuzz/will/${index}`, payload: Buffer.from('gone'), qos: randomInt(random, 3) as 0 | 1 | 2, retain: false, ...willProperties } } : {};
  const properties = v5 && random() < 0.5 ? { properties: { sessionExpiryInterval: randomInt(random, 3), receiveMaximum: 1 + randomInt(random, 100) } } : {};
  const withCredentials = random() < 0.2 ? { username: credentials.username, password: Buffer.from(credentials.password) } : {};
  const packet = generate(
    { cmd: 'connect', protocolId: 'MQTT', protocolVersion: version, clientId: clientId || 'placeholder', clean, keepalive: 30, ...will, ...properties, ...withCredentials },
    { protocolVersion: version },
  );
  return clientId === '' ? withEmptyClientId(packet, version) : packet;
}

/** mqtt-packet will not write an empty client id with Clean Start 0, so 'placeholder' is cut out of the bytes. */
function withEmptyClientId(packet: Buffer, version: Version): Buffer {
  const at = packet.indexOf('placeholder');
  const body = Buffer.concat([packet.subarray(2, at - 2), Buffer.from([0, 0]), packet.subarray(at + 'placeholder'.length)]);
  if (body.length > 127 || (packet[1] ?? 0) > 127) throw new Error(`A CONNECT of ${version} too long for this helper`);
  return Buffer.concat([Buffer.from([0x10, body.length]), body]);
}

interface CaseResult {
  index: number;
  steps: string[];
  /** The broker closed the connection before the case ended. */
  closedByBroker: boolean;
  localPort: number;
  /** The broker log's last sequence number when the case began: ports are reused, log lines before it are another case's. */
  logSeqBefore: number;
}

/** The packets of case `index`, each valid or mutated, all drawn from the case's own seed. */
function caseSteps(index: number, random: () => number): Mutated[] {
  const version: Version = random() < 0.5 ? 4 : 5;
  const connect = connectPacket(index, version, random);
  const steps: Mutated[] = [random() < 0.15 ? mutatePacket(connect, random) : { bytes: connect, how: 'valid CONNECT' }];
  const count = 1 + randomInt(random, 12);
  for (let step = 0; step < count; step++) {
    const valid = pick(random, corpus[version]);
    steps.push(random() < 0.35 ? mutatePacket(valid.bytes, random) : { bytes: valid.bytes, how: `valid ${valid.name}` });
  }
  return steps;
}

async function runCase(core: AppCore, port: number, index: number): Promise<CaseResult> {
  const logSeqBefore = core.broker.logEntries().at(-1)?.seq ?? 0;
  const random = seededRandom(caseSeed(seed, index));
  const steps = caseSteps(index, random);
  const socket: Socket = connectTcp(port, '127.0.0.1');
  socket.setNoDelay(true);
  // A broker that closed first makes later writes fail (EPIPE, ECONNRESET): expected here.
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const localPort = socket.localPort ?? 0;
  let closedByBroker = false;
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closedByBroker = true;
      resolve();
    }),
  );
  for (const step of steps) {
    if (socket.destroyed) break;
    const pieces = splitIntoWrites(step.bytes, random);
    for (const piece of pieces) {
      socket.write(piece);
      // Separate writes become separate segments only if the event loop turns between them.
      if (pieces.length > 1) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, SETTLE_MS))]);
  const byBroker = closedByBroker;
  socket.destroy();
  return { index, steps: steps.map((step) => `${step.how}: ${step.bytes.toString('hex')}`), closedByBroker: byBroker, localPort, logSeqBefore };
}

/** A QoS 1 publisher and subscriber in one, timing each message's round trip through the broker. */
async function wellBehaved(url: string, version: Version, inFlight: ReadonlySet<number>) {
  const topic = `fuzz/well-behaved/${version}`;
  const client: MqttClient = await mqtt.connectAsync(url, { clientId: `well-behaved-${version}`, protocolVersion: version, reconnectPeriod: 0, keepalive: 10, ...credentials });
  const arrived = new Map<string, () => void>();
  client.on('message', (_topic, payload) => arrived.get(payload.toString())?.());
  await client.subscribeAsync(topic, { qos: 1 });
  const problems: string[] = [];
  // What MQTT.js itself says went wrong (a packet from the broker it could not parse, say).
  client.on('error', (error) => problems.push(`MQTT ${version} client error: ${error.message}`));
  const onClose = () => problems.push(`MQTT ${version} client closed while cases ${[...inFlight].join(', ')} of seed ${seed} ran`);
  client.on('close', onClose);
  // Whatever the hostile clients publish reaches the good ones too, so a message that breaks the
  // broker's encoder on its way out would show here. Wills included, some with a Will Delay Interval
  // the broker must strip from the PUBLISH.
  let wills = 0;
  client.on('message', (received) => {
    if (received.startsWith('fuzz/will/')) wills++;
  });
  await client.subscribeAsync('fuzz/#', { qos: 2 });
  let roundTrips = 0;
  let running = true;
  /** Publishes `label` and waits for it to come back; false when it did not within the limit. */
  const roundTrip = async (label: string): Promise<boolean> => {
    if (!client.connected) {
      problems.push(`MQTT ${version} client was disconnected before ${label}`);
      return false;
    }
    const received = new Promise<void>((resolve) => arrived.set(label, resolve));
    const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ROUND_TRIP_LIMIT_MS).unref());
    // A publish on a connection that went away may never settle: the limit covers it too.
    const outcome = await Promise.race([Promise.all([client.publishAsync(topic, label, { qos: 1 }), received]).then(() => 'arrived' as const), late]);
    arrived.delete(label);
    if (outcome === 'late') {
      problems.push(`MQTT ${version} client: ${label} did not come back within ${ROUND_TRIP_LIMIT_MS} ms`);
      return false;
    }
    roundTrips++;
    return true;
  };
  const loop = (async () => {
    for (let count = 0; running; count++) {
      const ok = await roundTrip(`during-${count}`).catch((error: Error) => {
        problems.push(`MQTT ${version} client: ${error.message}`);
        return false;
      });
      if (!ok) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    client,
    problems,
    get roundTrips() {
      return roundTrips;
    },
    get wills() {
      return wills;
    },
    async stop(): Promise<void> {
      running = false;
      await loop;
      await roundTrip('after').catch((error: Error) => problems.push(`MQTT ${version} client after the storm: ${error.message}`));
      if (!client.connected) problems.push(`MQTT ${version} client is not connected after the storm`);
      client.off('close', onClose);
      await client.endAsync(true);
    },
  };
}

/** The broker's reason for closing the connection from `localPort`, from its log, or undefined. */
function closeReason(log: BrokerLogEntry[], { localPort, logSeqBefore }: CaseResult): string | undefined {
  const address = `127.0.0.1:${localPort}`;
  const first = log.find((entry) => entry.seq > logSeqBefore && (entry.text.includes(`from ${address} `) || entry.text.includes(`from ${address}:`)));
  if (!first) return undefined;
  if (first.kind === 'error' || first.kind === 'refused') return first.text;
  const clientId = first.clientId;
  return log.find((entry) => entry.seq > first.seq && entry.kind === 'disconnect' && entry.clientId === clientId)?.text;
}

/** One fault of each kind, and the acknowledgements of each kind dropped both ways, each for one of every 7th case. */
function faultsForSomeCases(): FaultInput[] {
  const target = (index: number) => `fuzz-${seed}-${index * 7}`;
  const acks = (['puback', 'pubrec', 'pubrel', 'pubcomp'] as const).flatMap((ack) => (['to-client', 'from-client'] as const).map((direction) => ({ ack, direction })));
  return [
    ...acks.map(({ ack, direction }, index): FaultInput => ({ kind: 'drop-acks', target: target(index), ack, direction, count: 3 })),
    { kind: 'delay', target: target(8), what: 'acks', ms: 40 },
    { kind: 'delay', target: target(9), what: 'deliveries', ms: 30 },
    { kind: 'drop-qos0', target: target(10), percent: 50 },
    { kind: 'pause-delivery', target: target(11) },
    { kind: 'refuse-connections', target: target(12), code: 5 },
  ];
}

describe('the built-in broker under hostile clients', () => {
  let core: AppCore;
  let port: number;
  const log: BrokerLogEntry[] = [];
  const inFlight = new Set<number>();
  const crashes: string[] = [];
  const onCrash = (kind: string) => (error: unknown) => {
    crashes.push(`${kind} while cases ${[...inFlight].join(', ')} of seed ${seed} ran: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  };
  const onUncaught = onCrash('uncaught exception');
  const onRejection = onCrash('unhandled rejection');

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onRejection);
    core = createTempCore();
    core.bus.subscribe((envelope) => {
      if (envelope.name === 'broker.log') log.push(...(envelope.payload as { entries: BrokerLogEntry[] }).entries);
    });
    const settings = await brokerSettings(usersOnly ? { auth: 'users', users: [credentials] } : {});
    port = settings.tcpPort;
    await startBroker(core, settings);
    // Some hostile clients also meet a fault, so delayed, held and dropped packets meet hostile ones.
    for (const fault of faultsForSomeCases()) await call(core, 'broker.faults.add', { fault });
  });
  afterAll(async () => {
    await core?.close();
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onRejection);
  });

  it(
    `survives ${only === undefined ? caseCount : `case ${only.join(' to ')} of`} seeded hostile cases (seed ${seed}) while good clients go on`,
    async () => {
      const url = `mqtt://127.0.0.1:${port}`;
      const good = [await wellBehaved(url, 5, inFlight), await wellBehaved(url, 4, inFlight)];
      const [first = 0, last = only?.[0] ?? caseCount - 1] = only ?? [];
      const indexes = Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
      const results: CaseResult[] = [];
      let next = 0;
      const worker = async () => {
        for (let index = indexes[next++]; index !== undefined; index = indexes[next++]) {
          inFlight.add(index);
          results.push(await runCase(core, port, index));
          inFlight.delete(index);
        }
      };
      await Promise.all(Array.from({ length: HOSTILE_CLIENTS }, worker));
      const stormEnd = core.broker.logEntries().at(-1)?.seq ?? 0;
      for (const each of good) await each.stop();

      // A new client is still accepted.
      const late = await mqtt.connectAsync(url, { clientId: 'after-the-storm', reconnectPeriod: 0, ...credentials });
      await late.endAsync();
      // The log reaches the bus in batches.
      await new Promise((resolve) => setTimeout(resolve, 300));

      const problems = [...crashes, ...good.flatMap((each) => each.problems)];
      // The broker's side of a good client's disconnect during the storm, if there was one.
      for (const entry of log) if (entry.seq <= stormEnd && entry.kind === 'disconnect' && entry.clientId?.startsWith('well-behaved-')) problems.push(`broker log: ${entry.text}`);
      for (const result of results) {
        if (!result.closedByBroker) continue;
        const reason = closeReason(log, result);
        // The broker closed it: a log that blames the client for leaving names no reason.
        if (reason === undefined || /closed without DISCONNECT/.test(reason)) {
          problems.push(`seed ${seed} case ${result.index} (FUZZ_SEED=${seed} FUZZ_CASE=${result.index}): the broker closed the connection from port ${result.localPort} and logged ${reason === undefined ? 'no reason' : `"${reason}"`}. Steps:\n  ${result.steps.join('\n  ')}`);
        }
      }
      const closed = results.filter((result) => result.closedByBroker).length;
      console.log(`broker fuzz, seed ${seed}: ${results.length} cases, ${results.reduce((sum, result) => sum + result.steps.length, 0)} packets, ${closed} connections closed by the broker, ${good.map((each) => each.roundTrips).join(' + ')} good round trips, ${good.map((each) => each.wills).join(' + ')} wills received`);
      if (process.env.FUZZ_SHOW) console.log(results.map((result) => `case ${result.index}:\n  ${result.steps.join('\n  ')}`).join('\n'));
      expect(problems).toEqual([]);
      expect(good.every((each) => each.roundTrips > 1)).toBe(true);
    },
    Math.max(90_000, caseCount * 100),
  );
});
