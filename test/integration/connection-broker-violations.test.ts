import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ProfileInput } from '../../shared/domain/profile';
import { waitForSnapshot } from '../helpers/core-waits';
import { removeCliBundle, runCli } from '../helpers/cli-bundle';
import { profileFor } from '../helpers/profiles';
import { hex, startScriptedBroker } from '../helpers/scripted-broker';
import type { ScriptedBroker, ScriptedSession } from '../helpers/scripted-broker';
import { createTempCore } from '../helpers/temp-core';

let core: AppCore | undefined;
let broker: ScriptedBroker | undefined;
afterEach(async () => {
  await core?.close();
  await broker?.stop();
  core = undefined;
  broker = undefined;
});
afterAll(removeCliBundle);

const settledStates = ['connected', 'failed', 'disconnected'];

/** Connects a profile to the scripted broker; resolves with the first settled snapshot. */
async function connect(profile: ProfileInput): Promise<ConnectionSnapshot> {
  core = createTempCore();
  const saved = await core.router.dispatch('connection.save', { profile });
  if (!saved.ok) throw new Error(saved.error.message);
  const settled = waitForSnapshot(core, profile.id, ({ status }) => settledStates.includes(status.state));
  const connected = await core.router.dispatch('connection.connect', { connectionId: profile.id });
  expect(connected.ok).toBe(true);
  return settled;
}

function ended(profile: ProfileInput): Promise<ConnectionSnapshot> {
  if (!core) throw new Error('no core');
  return waitForSnapshot(core, profile.id, ({ status }) => status.state === 'failed' || status.state === 'disconnected');
}

/** A PUBLISH from raw parts: the topic's bytes as they go on the wire, so they can be wrong. */
function publish(options: { topic: Buffer | string; qos?: number; flags?: number; version: 4 | 5; properties?: Buffer; payload?: string }): Buffer {
  const topic = typeof options.topic === 'string' ? Buffer.from(options.topic) : options.topic;
  const qos = options.qos ?? 0;
  const parts = [Buffer.from([topic.length >> 8, topic.length & 0xff]), topic];
  if (qos > 0) parts.push(Buffer.from([0x00, 0x07]));
  if (options.version === 5) {
    const properties = options.properties ?? Buffer.alloc(0);
    parts.push(Buffer.from([properties.length]), properties);
  }
  parts.push(Buffer.from(options.payload ?? 'x'));
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([0x30 | (qos << 1) | (options.flags ?? 0), body.length]), body]);
}

const connack = (version: 4 | 5) => (version === 5 ? hex('20 03 00 00 00') : hex('20 02 00 00'));

interface Violation {
  name: string;
  versions: (4 | 5)[];
  /** The bytes after a good CONNACK (or in its place, with `instead`). */
  bytes: (version: 4 | 5) => Buffer;
  instead?: boolean;
  rule: (version: 4 | 5) => RegExp;
  /** The DISCONNECT reason code MQTT 5 must send. */
  code: number;
  packet: string;
}

/** Broker violations: each must end the connection, saying what and which rule. */
const violations: Violation[] = [
  { name: "a PUBLISH whose topic has '#'", versions: [4, 5], bytes: (version) => publish({ topic: 'a/#', version }), rule: () => /MQTT-3\.3\.2-2/, code: 0x82, packet: 'publish' },
  { name: "a PUBLISH whose topic has '+'", versions: [4, 5], bytes: (version) => publish({ topic: 'a/+/b', version }), rule: () => /MQTT-3\.3\.2-2/, code: 0x82, packet: 'publish' },
  { name: 'a PUBLISH with an empty topic and no alias', versions: [4, 5], bytes: (version) => publish({ topic: '', version }), rule: (version) => (version === 5 ? /section 3\.3\.2\.1/ : /MQTT-4\.7\.3-1/), code: 0x82, packet: 'publish' },
  { name: 'a PUBLISH whose topic is not UTF-8', versions: [4, 5], bytes: (version) => publish({ topic: hex('61 ff 62'), version }), rule: (version) => (version === 5 ? /MQTT-1\.5\.4-1/ : /MQTT-1\.5\.3-1/), code: 0x81, packet: 'publish' },
  { name: 'a PUBLISH whose topic has U+0000', versions: [4, 5], bytes: (version) => publish({ topic: hex('61 00 62'), version }), rule: (version) => (version === 5 ? /MQTT-1\.5\.4-2/ : /MQTT-1\.5\.3-2/), code: 0x81, packet: 'publish' },
  { name: 'a QoS 3 PUBLISH', versions: [4, 5], bytes: (version) => publish({ topic: 'a', qos: 3, version }), rule: () => /MQTT-3\.3\.1-4/, code: 0x81, packet: 'publish' },
  { name: 'a QoS 0 PUBLISH with DUP', versions: [4, 5], bytes: (version) => publish({ topic: 'a', flags: 0x08, version }), rule: () => /MQTT-3\.3\.1-2/, code: 0x81, packet: 'publish' },
  { name: 'a PUBLISH with Topic Alias 0', versions: [5], bytes: () => publish({ topic: 'a', version: 5, properties: hex('23 00 00') }), rule: () => /MQTT-3\.3\.2-8/, code: 0x94, packet: 'publish' },
  { name: 'a PUBLISH with a Topic Alias above our maximum', versions: [5], bytes: () => publish({ topic: 'a', version: 5, properties: hex('23 00 05') }), rule: () => /MQTT-3\.3\.2-10/, code: 0x94, packet: 'publish' },
  { name: 'a PUBACK with a property PUBACK does not have', versions: [5], bytes: () => hex('40 07 00 01 00 03 23 00 01'), rule: () => /topicAlias \(0x23\).*MQTT 5 section 2\.2\.2\.2/, code: 0x81, packet: 'puback' },
  { name: 'a PUBLISH whose content type has U+0000', versions: [5], bytes: () => publish({ topic: 'a', version: 5, properties: hex('03 00 03 61 00 62') }), rule: () => /U\+0000 in its property contentType \(MQTT-1\.5\.4-2\)/, code: 0x81, packet: 'publish' },
  { name: 'a PUBACK whose user property has U+0000', versions: [5], bytes: () => hex('40 0c 00 01 00 08 26 00 01 6b 00 02 76 00'), rule: () => /U\+0000 in its property userProperties \(MQTT-1\.5\.4-2\)/, code: 0x81, packet: 'puback' },
  { name: 'a PUBLISH with its content type twice', versions: [5], bytes: () => publish({ topic: 'a', version: 5, properties: hex('03 00 01 61 03 00 01 62') }), rule: () => /contentType more than once \(MQTT 5 section 2\.2\.2\.2\)/, code: 0x82, packet: 'publish' },
  { name: 'a PUBLISH whose content type runs past its property list', versions: [5], bytes: () => publish({ topic: 'a', version: 5, properties: hex('03 00 05') }), rule: () => /contentType whose value runs past.*\(MQTT 5 section 2\.2\.2\)/, code: 0x81, packet: 'publish' },
  { name: 'a second CONNACK', versions: [4, 5], bytes: (version) => connack(version), rule: () => /section 3\.2/, code: 0x82, packet: 'connack' },
  { name: 'a CONNECT sent by the server', versions: [4], bytes: () => hex('10 0c 00 04 4d 51 54 54 04 02 00 3c 00 00'), rule: () => /table 2/, code: 0x82, packet: 'connect' },
  { name: 'a SUBSCRIBE sent by the server', versions: [4, 5], bytes: (version) => (version === 5 ? hex('82 07 00 01 00 00 01 61 00') : hex('82 06 00 01 00 01 61 00')), rule: () => /table 2/, code: 0x82, packet: 'subscribe' },
  { name: 'an UNSUBSCRIBE sent by the server', versions: [4, 5], bytes: (version) => (version === 5 ? hex('a2 06 00 01 00 00 01 61') : hex('a2 05 00 01 00 01 61')), rule: () => /table 2/, code: 0x82, packet: 'unsubscribe' },
  { name: 'a PINGREQ sent by the server', versions: [4, 5], bytes: () => hex('c0 00'), rule: () => /table 2/, code: 0x82, packet: 'pingreq' },
  { name: 'a PINGRESP with a body', versions: [4, 5], bytes: () => hex('d0 01 00'), rule: () => /section 3\.13/, code: 0x81, packet: 'pingresp' },
  { name: 'a packet of reserved type 0', versions: [4, 5], bytes: () => hex('00 00'), rule: (version) => (version === 5 ? /section 2\.1\.2/ : /section 2\.2\.1/), code: 0x81, packet: 'reserved' },
  { name: 'a PUBACK with reserved flags', versions: [4, 5], bytes: () => hex('41 02 00 01'), rule: (version) => (version === 5 ? /section 2\.1\.3/ : /MQTT-2\.2\.2-2/), code: 0x81, packet: 'puback' },
  { name: 'a Remaining Length of five bytes', versions: [4, 5], bytes: () => hex('30 ff ff ff ff 01'), rule: (version) => (version === 5 ? /section 1\.5\.5/ : /section 2\.2\.3/), code: 0x81, packet: 'publish' },
  { name: 'a PUBREL without its packet id', versions: [4, 5], bytes: () => hex('62 00'), rule: (version) => (version === 5 ? /MQTT 5 section 3\.6\.1/ : /MQTT 3\.1\.1 section 3\.6\.1/), code: 0x81, packet: 'pubrel' },
  { name: 'a PUBACK with packet id 0', versions: [4, 5], bytes: () => hex('40 02 00 00'), rule: (version) => (version === 5 ? /MQTT 5 section 2\.2\.1/ : /MQTT 3\.1\.1 section 2\.3\.1/), code: 0x81, packet: 'puback' },
  { name: 'a CONNACK with an extra byte', versions: [4], instead: true, bytes: () => hex('20 03 00 00 00'), rule: () => /section 3\.2\.1/, code: 0x81, packet: 'connack' },
  { name: 'an MQTT 5 CONNACK with a byte after its properties', versions: [5], instead: true, bytes: () => hex('20 04 00 00 00 00'), rule: () => /1 byte after its properties.*MQTT 5 section 3\.2\.1/, code: 0x81, packet: 'connack' },
  { name: 'a 2-byte CONNACK', versions: [4, 5], instead: true, bytes: () => hex('20 00'), rule: () => /section 3\.2\.1/, code: 0x81, packet: 'connack' },
  { name: 'a PUBLISH before CONNACK', versions: [4, 5], instead: true, bytes: (version) => publish({ topic: 'a', version }), rule: () => /MQTT-3\.2\.0-1/, code: 0x82, packet: 'publish' },
];

describe('a broker that breaks the protocol', () => {
  for (const violation of violations) {
    for (const version of violation.versions) {
      it(`ends the connection on ${violation.name} (MQTT ${version === 5 ? '5' : '3.1.1'}), with the rule, the bytes, and the packet marked`, async () => {
        const bytes = violation.bytes(version);
        broker = await startScriptedBroker(async (session) => {
          if (violation.instead) {
            session.write(bytes);
            return;
          }
          session.write(connack(version));
          await new Promise((resolve) => setTimeout(resolve, 50));
          session.write(bytes);
        });
        const profile = profileFor(broker.port, { protocolVersion: version, connectTimeoutSeconds: 2 });
        const first = await connect(profile);
        const last = first.status.state === 'connected' ? await ended(profile) : first;
        const { status } = last;
        expect(status.state).toBe(violation.instead ? 'failed' : 'disconnected');
        expect(status.reason).toMatch(/^the broker broke the MQTT protocol: its /);
        expect(status.reason).toMatch(violation.rule(version));
        expect(status.reason).toContain(`its bytes: ${bytes.subarray(0, 32).toString('hex').replace(/(..)(?=.)/g, '$1 ')}`);
        expect(status.reason).toContain('not retried automatically');
        // No reconnecting into the same packet.
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(broker.sessions).toHaveLength(1);

        const session = broker.sessions[0] as ScriptedSession;
        await session.closed;
        if (version === 5) {
          const goodbye = await session.waitFor((packet) => packet.cmd === 'disconnect', 2000);
          expect(goodbye).toMatchObject({ cmd: 'disconnect', reasonCode: violation.code });
        } else {
          expect(session.packets.some((packet) => packet.cmd === 'disconnect')).toBe(false);
        }

        const log = core?.connections.get(profile.id).packets;
        const rows = log?.list(0, 100).packets ?? [];
        const marked = rows.filter((row) => row.violation !== undefined);
        expect(marked).toHaveLength(1);
        expect(marked[0]).toMatchObject({ direction: 'received', cmd: violation.packet });
        expect(marked[0]?.violation).toMatch(violation.rule(version));
        // The list gives the bytes as received, not re-encoded.
        const entry = log?.get(marked[0]?.seq ?? 0);
        expect(Buffer.from(entry?.tapped.violation?.bytes ?? []).toString('hex')).toBe(bytes.toString('hex'));
        // And the message history did not take it.
        expect(core?.connections.get(profile.id).store.size).toBe(0);
      });
    }
  }

  it('does not acknowledge a QoS 1 PUBLISH that broke the protocol', async () => {
    broker = await startScriptedBroker(async (session) => {
      session.write(connack(4));
      await new Promise((resolve) => setTimeout(resolve, 50));
      session.write(publish({ topic: 'bad/#', qos: 1, version: 4 }));
    });
    const profile = profileFor(broker.port, { protocolVersion: 4 });
    expect((await connect(profile)).status.state).toBe('connected');
    await ended(profile);
    const session = broker.sessions[0] as ScriptedSession;
    await session.closed;
    expect(session.packets.map((packet) => packet.cmd)).toEqual(['connect']);
  });

  it('ends the connection on a SUBACK with the wrong number of return codes, and shows no client-id hint', async () => {
    broker = await startScriptedBroker(async (session) => {
      session.write(connack(4));
      const subscribe = await session.waitFor((packet) => packet.cmd === 'subscribe');
      const id = subscribe.cmd === 'subscribe' ? (subscribe.messageId ?? 0) : 0;
      session.write(Buffer.from([0x90, 0x04, id >> 8, id & 0xff, 0x00, 0x00]));
    });
    const profile = profileFor(broker.port, { protocolVersion: 4 });
    expect((await connect(profile)).status.state).toBe('connected');
    const done = ended(profile);
    const added = await core?.router.dispatch('subscription.add', { connectionId: profile.id, filter: 'one/filter', qos: 0 });
    expect(added?.ok).toBe(true);
    const { status } = await done;
    expect(status.reason).toMatch(/SUBACK for packet id \d+ carries 2 return codes, but the SUBSCRIBE had 1 Topic Filter.*MQTT-3\.8\.4-5/);
    expect(status.reason).not.toMatch(/client id/);
  });

  it('survives CONNACK, a QoS 2 PUBLISH and a malformed packet in one write, in the app and in the CLI', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const crash = hex('20 02 00 00  34 06 00 01 61 00 01 78  c1 e4');
      broker = await startScriptedBroker((session) => session.write(crash));
      const profile = profileFor(broker.port, { protocolVersion: 4, connectTimeoutSeconds: 2 });
      const { status } = await connect(profile);
      expect(status.state).toBe('failed');
      expect(status.reason).toMatch(/PINGREQ has reserved flag bits set in its fixed header \(0x1, must be 0x0\) \(MQTT-2\.2\.2-2\); its bytes: c1 e4/);
      // MQTT.js handles what it parsed a tick at a time: give it the ticks in which it used to crash.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(uncaught).toEqual([]);

      const run = await runCli(['sub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', '#', '-V', 'mqttv311'], 15_000);
      expect(run.timedOut).toBe(false);
      expect(run.stderr).not.toMatch(/TypeError|Uncaught|at .*store\.js/);
      expect(run.code).toBe(1);
      expect(`${run.stdout}${run.stderr}`).toMatch(/reserved flag bits/);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('ends the CLI sub with exit 1 and the reason, not a crash, when the broker breaks the protocol right after CONNACK', async () => {
    // In the same write: MQTT.js handles the PUBLISH before sub gets to subscribe.
    broker = await startScriptedBroker((session) => session.write(Buffer.concat([connack(4), publish({ topic: 'a/#', version: 4 })])));
    const run = await runCli(['sub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'a/+', '-V', 'mqttv311'], 15_000);
    expect(run.timedOut).toBe(false);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toMatch(/the broker broke the MQTT protocol: its PUBLISH has the wildcard '#'.*MQTT-3\.3\.2-2/);
  });

  it('fails a 2-byte CONNACK within the connect timeout in the CLI sub too, saying why', async () => {
    broker = await startScriptedBroker((session) => session.write(hex('20 00')));
    const run = await runCli(['sub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', '#'], 15_000);
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toMatch(/CONNACK has a Remaining Length of 0/);
  });
});
