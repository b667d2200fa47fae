import { generate } from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import { removeCliBundle, runCli } from '../helpers/cli-bundle';
import { saveAndConnect, waitForSnapshot, watchHistory } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { mutatePacket, splitIntoWrites } from '../helpers/packet-mutator';
import { profileFor } from '../helpers/profiles';
import { startScriptedBroker } from '../helpers/scripted-broker';
import type { ScriptedBroker, ScriptedSession } from '../helpers/scripted-broker';
import { caseSeed, fuzzScale, pick, randomInt, seededRandom } from '../helpers/seeded-random';
import { createTempCore } from '../helpers/temp-core';

/**
 * A scripted server plays a hostile broker to our Connection (and, in fewer cases, to the CLI's sub):
 * a CONNACK, good or mutated, then mutated packets, in one write or in pieces. Whatever it sends,
 * nothing may throw, each connection must end in a clear state with a reason, and a connection to a
 * real mosquitto in the same process must keep working. Replay a failing case with FUZZ_SEED and the
 * case index it prints (FUZZ_CASE=index runs that one alone); FUZZ_CASES and FUZZ_CLI_CASES run more.
 */
const seed = Number(process.env.FUZZ_SEED ?? 0x13c0_2026);
const cases = Number(process.env.FUZZ_CASES ?? 80 * fuzzScale());
const cliCases = Number(process.env.FUZZ_CLI_CASES ?? 3 * fuzzScale());
/** Cases in flight at once: the scripted broker tells them apart by client id. */
const parallel = 4;
/** One case alone, to replay it. */
const onlyCase = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
/** How long after its last write the scripted broker closes the connection, so every case ends. */
const CLOSE_AFTER_MS = 250;
/** A case must have settled by then: the connect timeout (1 s) and the attempt's own bound, with room for a loaded machine. */
const CASE_BOUND_MS = 6_000;

type Version = 4 | 5;

function encode(packet: Packet, version: Version): Buffer {
  return generate(packet, { protocolVersion: version });
}

function connackOf(version: Version): Buffer {
  return version === 5
    ? encode({ cmd: 'connack', sessionPresent: false, reasonCode: 0, properties: { topicAliasMaximum: 5, receiveMaximum: 10, serverKeepAlive: 30 } }, 5)
    : encode({ cmd: 'connack', sessionPresent: false, returnCode: 0 }, 4);
}

/** Packets a broker sends after CONNACK, valid, for the mutator to start from. */
function serverPackets(version: Version): Buffer[] {
  const payload = Buffer.from('payload');
  const five = version === 5;
  const packets: Packet[] = [
    { cmd: 'publish', topic: 'fuzz/a', payload, qos: 0, retain: false, dup: false },
    { cmd: 'publish', topic: 'fuzz/b', payload, qos: 1, messageId: 11, retain: false, dup: false },
    { cmd: 'publish', topic: 'fuzz/c', payload, qos: 2, messageId: 12, retain: true, dup: false, ...(five ? { properties: { messageExpiryInterval: 60, userProperties: { k: 'v' } } } : {}) },
    { cmd: 'puback', messageId: 1, ...(five ? { reasonCode: 0x10, properties: { reasonString: 'no one' } } : {}) },
    { cmd: 'pubrec', messageId: 2 },
    { cmd: 'pubrel', messageId: 12 },
    { cmd: 'pubcomp', messageId: 3 },
    { cmd: 'suback', messageId: 1, granted: [0, 1], ...(five ? { properties: { reasonString: 'ok' } } : {}) },
    { cmd: 'unsuback', messageId: 2, ...(five ? { granted: [0] } : {}) } as Packet,
    { cmd: 'pingresp' },
  ];
  if (five) {
    packets.push({ cmd: 'disconnect', reasonCode: 0x8e, properties: { reasonString: 'taken over' } });
    packets.push({ cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'x' } });
  }
  return packets.map((packet) => encode(packet, version));
}

interface FuzzCase {
  index: number;
  version: Version;
  writes: Buffer[];
  how: string;
}

function makeCase(index: number): FuzzCase {
  const random = seededRandom(caseSeed(seed, index));
  const version: Version = random() < 0.5 ? 4 : 5;
  const valid = serverPackets(version);
  const parts: Buffer[] = [];
  const hows: string[] = [];
  const scenario = randomInt(random, 3);
  if (scenario === 0) {
    // A mutated CONNACK, perhaps followed by more.
    const mutated = mutatePacket(connackOf(version), random);
    parts.push(mutated.bytes);
    hows.push(`CONNACK ${mutated.how}`);
  } else {
    parts.push(connackOf(version));
    hows.push('CONNACK');
  }
  const more = 1 + randomInt(random, 3);
  for (let count = 0; count < more; count++) {
    const original = pick(random, valid);
    // Now and then a valid packet between the bad ones, as a broker mostly sends good ones.
    if (scenario === 2 && random() < 0.4) {
      parts.push(original);
      hows.push(`valid 0x${(original[0] ?? 0).toString(16)}`);
      continue;
    }
    const mutated = mutatePacket(original, random);
    parts.push(mutated.bytes);
    hows.push(`0x${(original[0] ?? 0).toString(16)} ${mutated.how}`);
  }
  const writes = splitIntoWrites(Buffer.concat(parts), random);
  return { index, version, writes, how: `MQTT ${version === 5 ? 5 : '3.1.1'}: ${hows.join('; ')} (${writes.length} write${writes.length === 1 ? '' : 's'})` };
}

/** Plays a case's writes, a few of them a tick apart, then closes the connection. */
async function play(session: ScriptedSession, fuzzCase: FuzzCase): Promise<void> {
  for (const [index, piece] of fuzzCase.writes.entries()) {
    session.write(piece);
    if (index % 7 === 6) await new Promise((resolve) => setImmediate(resolve));
  }
  setTimeout(() => session.socket.end(), CLOSE_AFTER_MS);
}

/** What escaped, with its stack, so a failing case says where. */
const uncaught: string[] = [];
const onUncaught = (error: unknown) => uncaught.push(error instanceof Error ? (error.stack ?? error.message) : String(error));

let core: AppCore;
let mosquitto: Broker;
let scripted: ScriptedBroker;
/** The case each client id plays, looked up as each CONNECT arrives. */
const byClientId = new Map<string, FuzzCase>();
let aliveId: string;

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  mosquitto = await startMosquitto();
  scripted = await startScriptedBroker(async (session) => {
    const connect = session.packets[0];
    const clientId = connect?.cmd === 'connect' ? connect.clientId : '';
    const fuzzCase = byClientId.get(clientId);
    if (fuzzCase) await play(session, fuzzCase);
    else session.socket.destroy();
  });
  core = createTempCore();
  aliveId = await saveAndConnect(core, profileFor(mosquitto.port, { protocolVersion: 5, name: 'bystander' }));
  const added = await core.router.dispatch('subscription.add', { connectionId: aliveId, filter: 'alive/#', qos: 1 });
  if (!added.ok) throw new Error(added.error.message);
});

afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
  await core?.close();
  await scripted?.stop();
  await mosquitto?.stop();
  await removeCliBundle();
});

/** The bystander still publishes and receives its own message through mosquitto. */
async function expectBystanderAlive(label: string): Promise<void> {
  const feed = watchHistory(core, aliveId);
  const before = core.connections.get(aliveId).store.size;
  const sent = await core.router.dispatch('message.publish', { connectionId: aliveId, topic: 'alive/check', qos: 1, retain: false, payload: label, encoding: 'utf8' });
  expect(sent.ok, `the bystander could not publish after ${label}`).toBe(true);
  // Its own PUBLISH out and the echo in.
  await feed.waitForRows(before + 2, 5_000);
  feed.stop();
}

async function runCase(fuzzCase: FuzzCase): Promise<ConnectionSnapshot['status']> {
  const clientId = `fuzz-${seed}-${fuzzCase.index}`;
  byClientId.set(clientId, fuzzCase);
  const profile = profileFor(scripted.port, {
    protocolVersion: fuzzCase.version,
    clientId,
    connectTimeoutSeconds: 1,
    keepalive: 0,
    reconnect: { enabled: false, initialDelayMs: 200, maxDelayMs: 2000, jitterPercent: 0, maxAttempts: 0 },
    ...(fuzzCase.version === 5 ? { properties: { ...profileFor(0).properties, topicAliasMaximum: 5 } } : {}),
  });
  const saved = await core.router.dispatch('connection.save', { profile });
  if (!saved.ok) throw new Error(saved.error.message);
  const settled = waitForSnapshot(core, profile.id, ({ status }) => status.state === 'failed' || status.state === 'disconnected', CASE_BOUND_MS);
  const connected = await core.router.dispatch('connection.connect', { connectionId: profile.id });
  if (!connected.ok) throw new Error(connected.error.message);
  try {
    return (await settled).status;
  } finally {
    await core.router.dispatch('connection.remove', { connectionId: profile.id });
    byClientId.delete(clientId);
  }
}

describe(`a connection against a hostile scripted broker (seed ${seed}, ${cases} cases)`, () => {
  it('never throws, always ends with a reason, and leaves the other connection working', { timeout: 30_000 + cases * 250 }, async () => {
    const states = new Map<string, number>();
    for (let start = onlyCase ?? 0; start < (onlyCase === undefined ? cases : onlyCase + 1); start += parallel) {
      const batch = Array.from({ length: Math.min(parallel, (onlyCase === undefined ? cases : onlyCase + 1) - start) }, (_, offset) => makeCase(start + offset));
      await Promise.all(
        batch.map(async (fuzzCase) => {
          const where = `FUZZ_SEED=${seed} case ${fuzzCase.index}: ${fuzzCase.how}`;
          let status: ConnectionSnapshot['status'];
          try {
            status = await runCase(fuzzCase);
          } catch (error) {
            throw new Error(`${where}: the connection did not end within ${CASE_BOUND_MS} ms (${(error as Error).message})`);
          }
          expect(status.reason?.length ?? 0, `${where}: ended without a reason`).toBeGreaterThan(0);
          expect(uncaught, `${where}: threw`).toEqual([]);
          const kind = status.reason?.startsWith('the broker broke the MQTT protocol') ? 'violation' : status.state;
          states.set(kind, (states.get(kind) ?? 0) + 1);
        }),
      );
      if ((start / parallel) % 5 === 4) await expectBystanderAlive(`case ${start + parallel - 1}`);
    }
    await expectBystanderAlive('the last case');
    expect(uncaught).toEqual([]);
    // Most mutations are violations the connection must have named as such.
    if (onlyCase === undefined && cases > 0) expect(states.get('violation') ?? 0).toBeGreaterThan(cases / 4);
  });

  it(`the CLI sub neither crashes nor hangs before connecting (${cliCases} cases)`, { timeout: 30_000 + cliCases * 16_000 }, async () => {
    for (let index = 0; index < cliCases; index++) {
      // CLI cases come after the connection's, so each is its own case and replays alone.
      const fuzzCase = makeCase(100_000 + index);
      const clientId = `fuzz-cli-${seed}-${index}`;
      byClientId.set(clientId, fuzzCase);
      const where = `FUZZ_SEED=${seed} CLI case ${100_000 + index}: ${fuzzCase.how}`;
      const run = await runCli(['sub', '-h', '127.0.0.1', '-p', String(scripted.port), '-t', 'fuzz/#', '-i', clientId, '-V', fuzzCase.version === 5 ? '5' : 'mqttv311', '-W', '3'], 15_000);
      byClientId.delete(clientId);
      expect(run.stderr, `${where}: crashed`).not.toMatch(/TypeError|ReferenceError|RangeError|Uncaught|\n\s+at /);
      const session = scripted.sessions.find((each) => {
        const connect = each.packets[0];
        return connect?.cmd === 'connect' && connect.clientId === clientId;
      });
      const subscribed = session?.packets.some((packet) => packet.cmd === 'subscribe') ?? false;
      // Once connected, how sub ends when the broker goes away is the CLI's own matter; before, it must exit 1.
      if (!subscribed) {
        expect(run.timedOut, `${where}: hung`).toBe(false);
        expect(run.code, `${where}: ${run.stdout}${run.stderr}`).toBe(1);
      }
    }
  });
});
