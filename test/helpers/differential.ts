import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';
import { generate, parser as createParser } from 'mqtt-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IConnectPacket, IPublishPacket, ISubscription, Packet, UserProperties } from 'mqtt-packet';
import { startFaultBroker } from './broker-faults-harness';
import type { FaultBroker } from './broker-faults-harness';
import { startMosquitto } from './mosquitto';
import type { Broker } from './mosquitto';

/**
 * Differential tests: a scenario is a script of client actions, written once, run against mosquitto
 * 2.0.11 and against the built-in broker, and judged by what each client RECEIVED. What must differ
 * between two brokers (packet ids, assigned client ids, reason strings, the server's own limits in
 * CONNACK) is left out of the record; everything else is compared.
 */

export type Step =
  | { do: 'connect'; client: string; connect?: Partial<Omit<IConnectPacket, 'cmd' | 'protocolId' | 'clientId'>>; clientId?: string; acks?: 'auto' | 'held' }
  | { do: 'subscribe'; client: string; subscriptions: ISubscription[]; properties?: { subscriptionIdentifier?: number; userProperties?: UserProperties } }
  | { do: 'unsubscribe'; client: string; topics: string[] }
  | { do: 'publish'; client: string; topic: string; payload?: string | Buffer; qos?: 0 | 1 | 2; retain?: boolean; dup?: boolean; properties?: IPublishPacket['properties'] }
  | { do: 'disconnect'; client: string; reasonCode?: number; properties?: { sessionExpiryInterval?: number } }
  /** Drops the socket without DISCONNECT, as a network failure does. */
  | { do: 'cut'; client: string }
  /** Sends the acknowledgements a client with `acks: 'held'` has held back, in order. */
  | { do: 'release acks'; client: string }
  | { do: 'wait'; ms: number };

export interface Scenario {
  name: string;
  steps: Step[];
  /**
   * Where the built-in broker must not do as mosquitto 2.0.11 does (mosquitto is wrong per the MQTT
   * 5.0 spec, or leaves out something optional the built-in broker does): turns mosquitto's record
   * into what is expected, and `why` says which rule. The built-in broker is held to the result.
   */
  differsFromMosquitto?: { why: string; expected(record: Record<string, string[]>): Record<string, string[]> };
  /**
   * Where aedes is still wrong and the built-in broker cannot fix it from outside: what it does
   * instead, and why. The broker page lists the same gap (engine-info.ts); a fix makes this fail.
   */
  aedesGap?: { why: string; expected(record: Record<string, string[]>): Record<string, string[]> };
  /** Marks PUBLISHes that used a topic alias with "(alias N)", so a scenario can check aliases are used. */
  showAliases?: boolean;
  /** Reduces a record where the brokers may legitimately choose differently (which member of a shared group gets a message). */
  summarise?(record: Record<string, string[]>): unknown;
}

/** How long a broker has been quiet before the next step goes (deliveries fan out asynchronously). */
const QUIET_MS = 60;
const STEP_TIMEOUT_MS = 4000;

interface ScriptClient {
  socket: Socket;
  received: string[];
  /** The last time any packet arrived, for the quiet wait. */
  lastPacketAt: number;
  held: Packet[];
  acks: 'auto' | 'held';
  aliases: Map<number, string>;
  nextMessageId: number;
  waiting: ((packet: Packet) => boolean)[];
  protocolVersion: 4 | 5;
  closed: boolean;
}

function describeProperties(properties: Record<string, unknown> | undefined, keep: readonly string[]): string {
  if (!properties) return '';
  const parts: string[] = [];
  for (const key of keep) {
    let value = properties[key];
    if (value === undefined) continue;
    if (key === 'subscriptionIdentifier') value = ([] as unknown[]).concat(value).sort();
    if (Buffer.isBuffer(value)) value = `0x${value.toString('hex')}`;
    parts.push(`${key}=${JSON.stringify(value)}`);
  }
  return parts.length === 0 ? '' : ` {${parts.join(' ')}}`;
}

const PUBLISH_PROPERTIES = ['payloadFormatIndicator', 'messageExpiryInterval', 'contentType', 'responseTopic', 'correlationData', 'userProperties', 'subscriptionIdentifier'] as const;

/** One received packet as the record keeps it: what a client can rely on, nothing a broker may choose. */
function describePacket(packet: Packet, prefix: string, client: ScriptClient, showAliases: boolean): string | undefined {
  const strip = (topic: string) => (topic.startsWith(prefix) ? topic.slice(prefix.length) : topic);
  switch (packet.cmd) {
    case 'connack': {
      const properties = packet.properties ?? {};
      const flags = [`session present ${packet.sessionPresent ? 1 : 0}`];
      if (client.protocolVersion === 5) {
        // Absent means available (3.2.2.3.13), so both forms compare equal.
        flags.push(`shared ${properties.sharedSubscriptionAvailable === false ? 0 : 1}`);
        if (properties.responseInformation !== undefined) flags.push('response information');
        if (properties.assignedClientIdentifier !== undefined) flags.push('assigned id');
      }
      return `CONNACK ${hex(packet.reasonCode ?? packet.returnCode ?? 0)} ${flags.join(', ')}`;
    }
    case 'publish': {
      const alias = packet.properties?.topicAlias;
      let topic = packet.topic;
      if (alias !== undefined) {
        if (topic === '') topic = client.aliases.get(alias) ?? `<unknown alias ${alias}>`;
        else client.aliases.set(alias, topic);
      }
      const payload = packet.payload.length === 0 ? '(empty)' : JSON.stringify(packet.payload.toString());
      const aliasNote = showAliases && alias !== undefined ? ` (alias ${alias}${packet.topic === '' ? '' : ' set'})` : '';
      return `PUBLISH ${strip(topic)} q${packet.qos}${packet.retain ? ' retained' : ''}${packet.dup ? ' dup' : ''} ${payload}${describeProperties(packet.properties, PUBLISH_PROPERTIES)}${aliasNote}`;
    }
    case 'suback':
      return `SUBACK ${(packet.granted as (number | { qos: number })[]).map((code) => hex(typeof code === 'number' ? code : code.qos)).join(' ')}`;
    case 'unsuback':
      return `UNSUBACK ${(packet.granted ?? []).map((code) => hex(code)).join(' ')}`;
    case 'puback':
    case 'pubrec':
    case 'pubcomp':
      return `${packet.cmd.toUpperCase()} ${hex(packet.reasonCode ?? 0)}`;
    case 'disconnect':
      return `DISCONNECT ${hex(packet.reasonCode ?? 0)}`;
    case 'pingresp':
    case 'pubrel':
      return undefined;
    default:
      return packet.cmd.toUpperCase();
  }
}

function hex(code: number): string {
  return `0x${code.toString(16).padStart(2, '0')}`;
}

/** Runs one scenario against one broker on `port`; answers what each client received. */
export async function runScenario(port: number, scenario: Scenario, prefix: string): Promise<Record<string, string[]>> {
  const clients = new Map<string, ScriptClient>();
  const record: Record<string, string[]> = {};
  const clientOf = (name: string) => {
    const client = clients.get(name);
    if (!client) throw new Error(`Step for ${name}, which never connected.`);
    return client;
  };
  const send = (client: ScriptClient, packet: Packet) => {
    if (!client.socket.destroyed) client.socket.write(generate(packet, { protocolVersion: client.protocolVersion }));
  };
  const ack = (client: ScriptClient, packet: Packet) => {
    if (client.acks === 'held') client.held.push(packet);
    else send(client, packet);
  };
  /** Resolves when `match` arrives, or when the broker closes the connection instead (the record shows that). */
  const expect = (client: ScriptClient, match: (packet: Packet) => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${scenario.name}: no ${what} within ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS);
      client.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      client.waiting.push((packet) => {
        if (!match(packet)) return false;
        clearTimeout(timer);
        resolve();
        return true;
      });
    });
  const quiet = async () => {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS / 3));
      const last = Math.max(0, ...[...clients.values()].map((client) => client.lastPacketAt));
      if (Date.now() - last >= QUIET_MS || Date.now() > deadline) return;
    }
  };

  try {
    for (const step of scenario.steps) {
      switch (step.do) {
        case 'connect': {
          const protocolVersion = (step.connect?.protocolVersion ?? 5) as 4 | 5;
          const socket = connectTcp(port, '127.0.0.1');
          socket.on('error', () => undefined);
          await new Promise<void>((resolve, reject) => {
            socket.once('connect', resolve);
            socket.once('error', reject);
          });
          const client: ScriptClient = { socket, received: (record[step.client] ??= []), lastPacketAt: Date.now(), held: [], acks: step.acks ?? 'auto', aliases: new Map(), nextMessageId: 1, waiting: [], protocolVersion, closed: false };
          clients.set(step.client, client);
          const parser = createParser({ protocolVersion });
          parser.on('error', (error: Error) => client.received.push(`unparsable: ${error.message}`));
          parser.on('packet', (packet: Packet) => {
            client.lastPacketAt = Date.now();
            const line = describePacket(packet, prefix, client, scenario.showAliases === true);
            if (line !== undefined) client.received.push(line);
            client.waiting = client.waiting.filter((waiter) => !waiter(packet));
            if (packet.cmd === 'publish' && packet.qos === 1) ack(client, { cmd: 'puback', messageId: packet.messageId });
            else if (packet.cmd === 'publish' && packet.qos === 2) ack(client, { cmd: 'pubrec', messageId: packet.messageId });
            else if (packet.cmd === 'pubrel') ack(client, { cmd: 'pubcomp', messageId: packet.messageId });
            else if (packet.cmd === 'pubrec') send(client, { cmd: 'pubrel', messageId: packet.messageId });
          });
          socket.on('data', (chunk: Buffer) => parser.parse(chunk));
          socket.setMaxListeners(0);
          socket.once('close', () => {
            if (!client.closed) client.received.push('(closed by the broker)');
            client.closed = true;
          });
          const connack = expect(client, (packet) => packet.cmd === 'connack', 'CONNACK');
          const will = step.connect?.will ? { will: { ...step.connect.will, topic: `${prefix}${step.connect.will.topic}` } } : {};
          send(client, { cmd: 'connect', protocolId: 'MQTT', keepalive: 60, clean: true, ...step.connect, ...will, protocolVersion, clientId: step.clientId ?? `${prefix.replace('/', '-')}${step.client}` });
          await connack;
          break;
        }
        case 'subscribe': {
          const client = clientOf(step.client);
          if (client.closed) break;
          const messageId = client.nextMessageId++;
          const subscriptions = step.subscriptions.map((subscription) => ({ ...subscription, topic: withPrefix(subscription.topic, prefix) }));
          const suback = expect(client, (packet) => packet.cmd === 'suback' && packet.messageId === messageId, 'SUBACK');
          send(client, { cmd: 'subscribe', messageId, subscriptions, ...(step.properties ? { properties: step.properties } : {}) });
          await suback;
          break;
        }
        case 'unsubscribe': {
          const client = clientOf(step.client);
          if (client.closed) break;
          const messageId = client.nextMessageId++;
          const unsuback = expect(client, (packet) => packet.cmd === 'unsuback' && packet.messageId === messageId, 'UNSUBACK');
          send(client, { cmd: 'unsubscribe', messageId, unsubscriptions: step.topics.map((topic) => withPrefix(topic, prefix)) });
          await unsuback;
          break;
        }
        case 'publish': {
          const client = clientOf(step.client);
          if (client.closed) break;
          const qos = step.qos ?? 0;
          const messageId = qos > 0 ? client.nextMessageId++ : undefined;
          const finalAck = qos === 1 ? 'puback' : 'pubcomp';
          const acked = qos > 0 ? expect(client, (packet) => packet.cmd === finalAck && packet.messageId === messageId, finalAck.toUpperCase()) : Promise.resolve();
          // A topic alias alone (empty topic) stays empty; otherwise the topic is the scenario's own.
          const topic = step.topic === '' ? '' : `${prefix}${step.topic}`;
          send(client, { cmd: 'publish', topic, payload: step.payload ?? '', qos, retain: step.retain ?? false, dup: step.dup ?? false, ...(messageId === undefined ? {} : { messageId }), ...(step.properties ? { properties: step.properties } : {}) });
          await acked;
          break;
        }
        case 'disconnect': {
          const client = clientOf(step.client);
          client.closed = true;
          send(client, { cmd: 'disconnect', ...(step.reasonCode === undefined ? {} : { reasonCode: step.reasonCode }), ...(step.properties ? { properties: step.properties } : {}) });
          client.socket.end();
          break;
        }
        case 'cut': {
          const client = clientOf(step.client);
          client.closed = true;
          client.socket.destroy();
          break;
        }
        case 'release acks': {
          const client = clientOf(step.client);
          client.acks = 'auto';
          client.received.push('(acks released)');
          for (const packet of client.held.splice(0)) send(client, packet);
          break;
        }
        case 'wait':
          await new Promise((resolve) => setTimeout(resolve, step.ms));
          break;
      }
      await quiet();
    }
  } finally {
    for (const client of clients.values()) {
      client.closed = true;
      client.socket.destroy();
    }
  }
  return record;
}

/** `$share/group/filter` keeps its prefix in front; everything else is prefixed as a whole. */
function withPrefix(filter: string, prefix: string): string {
  const shared = /^\$share\/([^/]*)(?:\/(.*))?$/.exec(filter);
  if (!shared) return `${prefix}${filter}`;
  // One without a filter is refused anyway: it goes as it is written.
  return shared[2] === undefined ? filter : `$share/${shared[1]}/${prefix}${shared[2]}`;
}

/** mosquitto 2.0.11 and the built-in broker, side by side, for one test file. */
export interface BrokerPair {
  mosquitto: Broker;
  builtIn: FaultBroker;
  stop(): Promise<void>;
}

export async function startBrokerPair(): Promise<BrokerPair> {
  const [mosquitto, builtIn] = await Promise.all([startMosquitto(), startFaultBroker()]);
  return {
    mosquitto,
    builtIn,
    async stop() {
      await Promise.all([mosquitto.stop(), builtIn.close()]);
    },
  };
}

let scenarioCount = 0;

/** One test per scenario, run on mosquitto and the built-in broker, started once for the file. */
export function describeOnBoth(title: string, scenarios: readonly Scenario[]): void {
  let pair: BrokerPair | undefined;
  beforeAll(async () => {
    pair = await startBrokerPair();
  });
  afterAll(async () => {
    await pair?.stop();
  });
  describe(title, () => {
    it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
      if (!pair) throw new Error('mosquitto and the built-in broker did not start');
      const { mosquitto, builtIn } = await runOnBoth(pair, scenario);
      expect(builtIn).toEqual(mosquitto);
    });
  });
}

/**
 * Runs the scenario on both brokers at once (each with its own client ids and topics, so nothing
 * left by one scenario meets another) and answers both records, mosquitto's already turned into
 * what the spec requires where the scenario says mosquitto is wrong.
 */
export async function runOnBoth(pair: BrokerPair, scenario: Scenario): Promise<{ mosquitto: unknown; builtIn: unknown; mosquittoAsIs: Record<string, string[]> }> {
  const tag = `d${++scenarioCount}-${process.pid}`;
  const [mosquittoAsIs, builtIn] = await Promise.all([runScenario(pair.mosquitto.port, scenario, `${tag}m/`), runScenario(pair.builtIn.port, scenario, `${tag}b/`)]);
  const spec = scenario.differsFromMosquitto ? scenario.differsFromMosquitto.expected(mosquittoAsIs) : mosquittoAsIs;
  const expected = scenario.aedesGap ? scenario.aedesGap.expected(spec) : spec;
  // DIFFERENTIAL_SHOW=1 prints both records as they came, to write a new scenario's expectations.
  if (process.env.DIFFERENTIAL_SHOW) console.log(JSON.stringify({ scenario: scenario.name, mosquitto: mosquittoAsIs, builtIn }, null, 1));
  const summarise = scenario.summarise ?? ((record: Record<string, string[]>) => record);
  return { mosquitto: summarise(inCopyOrder(expected)), builtIn: summarise(inCopyOrder(builtIn)), mosquittoAsIs };
}

/**
 * Copies of one message for overlapping subscriptions arrive together, in an order each broker
 * chooses (mosquitto: its subscription tree's): each run of them is sorted so only their content counts.
 */
function inCopyOrder(record: Record<string, string[]>): Record<string, string[]> {
  const sorted: Record<string, string[]> = {};
  // 0x10 (no matching subscribers) is a MAY (MQTT 5.0 §3.4.2.1): mosquitto answers it, aedes answers 0x00.
  const ack = (line: string) => line.replace(/^(PUBACK|PUBREC) 0x(00|10)$/, '$1 0x00 or 0x10');
  const messageOf = (line: string) => /^PUBLISH (\S+) q\d(?: retained)?(?: dup)? ("(?:[^"\\]|\\.)*"|\(empty\))/.exec(line)?.slice(1).join(' ');
  for (const [client, lines] of Object.entries(record)) {
    const result: string[] = [];
    let run: string[] = [];
    const flush = () => {
      result.push(...run.sort());
      run = [];
    };
    for (const each of lines) {
      const line = ack(each);
      const message = messageOf(line);
      if (message === undefined || (run.length > 0 && messageOf(run[0] ?? '') !== message)) flush();
      if (message === undefined) result.push(line);
      else run.push(line);
    }
    flush();
    sorted[client] = result;
  }
  return sorted;
}
