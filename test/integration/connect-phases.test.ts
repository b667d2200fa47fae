import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ConnectPhase, ConnectPhaseName } from '../../shared/domain/connection';
import type { ProfileInput } from '../../shared/domain/profile';
import type { ConnackEvent, LifelineSlice } from '../../shared/domain/lifeline';
import { makeCertificates } from '../helpers/certs';
import type { TestCertificates } from '../helpers/certs';
import { saveAndConnect } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { startScriptedBroker } from '../helpers/scripted-broker';
import type { ScriptedBroker } from '../helpers/scripted-broker';
import { createTempCore } from '../helpers/temp-core';

type Listener = 'mqtts' | 'wss';

let core: AppCore | undefined;

afterEach(async () => {
  await core?.close();
  core = undefined;
});

/** Connects, and returns the phases of the broker report and of the lifeline's CONNACK, which must agree. */
async function phasesOf(profile: ProfileInput): Promise<{ phases: ConnectPhase[]; connack: ConnackEvent }> {
  core = createTempCore();
  const connectionId = await saveAndConnect(core, profile);
  const phases = core.connections.get(connectionId).snapshot().broker?.phases;
  if (!phases) throw new Error('the broker report has no connect phases');
  const slice = await core.router.dispatch('lifeline.get', { connectionId });
  if (!slice.ok) throw new Error(slice.error.message);
  const connack = (slice.value as LifelineSlice).events.find((event): event is ConnackEvent => event.kind === 'connack');
  if (!connack) throw new Error('no CONNACK on the lifeline');
  expect(connack.phases).toEqual(phases);
  return { phases, connack };
}

/** The phases follow one another without gaps or overlaps, from the start of the attempt. */
function expectWaterfall(phases: ConnectPhase[], names: ConnectPhaseName[]): void {
  expect(phases.map((phase) => phase.name)).toEqual(names);
  expect(phases[0]?.startMs).toBe(0);
  for (const phase of phases) expect(phase.durationMs).toBeGreaterThanOrEqual(0);
  for (let index = 1; index < phases.length; index++) {
    const before = phases[index - 1] as ConnectPhase;
    // CONNECT goes out when the transport is ready: no gap before the MQTT phase either.
    expect((phases[index] as ConnectPhase).startMs).toBeCloseTo(before.startMs + before.durationMs, 3);
  }
}

/**
 * A generous bound for one loopback round trip: the waterfall's shape is what proves where CONNECT→CONNACK
 * starts; this only catches a phase that swallowed another, and must hold on a loaded 2-core CI machine.
 */
const LOOPBACK_BOUND_MS = 500;

const mqttPhase = (phases: ConnectPhase[]) => phases.find((phase) => phase.name === 'mqtt') as ConnectPhase;

describe('connect phases against a real mosquitto', () => {
  let certs: TestCertificates;
  let broker: Broker<Listener>;

  beforeAll(async () => {
    certs = makeCertificates();
    const signed = { certfile: certs.server.cert.path, keyfile: certs.server.key.path };
    broker = await startMosquitto<Listener>({ websockets: true, tls: { mqtts: signed, wss: { ...signed, websockets: true } } });
  });
  afterAll(async () => {
    await broker?.stop();
    certs?.remove();
  });

  const trustingOurCa = (transport: ProfileInput['transport'], port: number, host: string): ProfileInput =>
    profileFor(port, {
      host,
      transport,
      tls: { ca: { name: 'ca.crt', pem: certs.ca.pem }, cert: null, keyName: '', verifyServer: true, servername: '', alpn: [] },
    });

  it('over TCP to a name: DNS, TCP connect, then CONNECT→CONNACK, which takes loopback time, not the whole attempt', async () => {
    const { phases, connack } = await phasesOf(profileFor(broker.port, { host: 'localhost' }));
    expectWaterfall(phases, ['dns', 'tcp', 'mqtt']);
    expect(mqttPhase(phases).durationMs).toBeLessThan(LOOPBACK_BOUND_MS);
    expect(connack.sinceConnectMs).toBe(mqttPhase(phases).durationMs);
  });

  it('over TLS to an address: no DNS, then TCP, the TLS handshake, and CONNECT→CONNACK', async () => {
    const { phases } = await phasesOf(trustingOurCa('mqtts', broker.tlsPorts.mqtts, '127.0.0.1'));
    expectWaterfall(phases, ['tcp', 'tls', 'mqtt']);
    expect(mqttPhase(phases).durationMs).toBeLessThan(LOOPBACK_BOUND_MS);
  });

  it('over WebSocket: DNS, TCP, the upgrade, and CONNECT→CONNACK', async () => {
    const { phases } = await phasesOf(profileFor(broker.wsPort!, { host: 'localhost', transport: 'ws', path: '/' }));
    expectWaterfall(phases, ['dns', 'tcp', 'websocket', 'mqtt']);
    expect(mqttPhase(phases).durationMs).toBeLessThan(LOOPBACK_BOUND_MS);
  });

  it('over WebSocket on TLS: DNS, TCP, TLS, the upgrade, and CONNECT→CONNACK', async () => {
    const { phases } = await phasesOf(trustingOurCa('wss', broker.tlsPorts.wss, 'localhost'));
    expectWaterfall(phases, ['dns', 'tcp', 'tls', 'websocket', 'mqtt']);
    expect(mqttPhase(phases).durationMs).toBeLessThan(LOOPBACK_BOUND_MS);
  });
});

describe('connect phases against a broker that is slow to answer', () => {
  let scripted: ScriptedBroker;

  beforeAll(async () => {
    scripted = await startScriptedBroker((session) => {
      setTimeout(() => session.write([0x20, 0x02, 0x00, 0x00]), 300);
    });
  });
  afterAll(async () => {
    await scripted?.stop();
  });

  it('puts the 300 ms the broker waits before CONNACK in CONNECT→CONNACK, and not in TCP', async () => {
    const { phases, connack } = await phasesOf(profileFor(scripted.port, { protocolVersion: 4 }));
    expectWaterfall(phases, ['tcp', 'mqtt']);
    expect(mqttPhase(phases).durationMs).toBeGreaterThanOrEqual(295);
    expect(mqttPhase(phases).durationMs).toBeLessThan(300 + LOOPBACK_BOUND_MS);
    expect((phases[0] as ConnectPhase).durationMs).toBeLessThan(300);
    expect(connack.sinceConnectMs).toBe(mqttPhase(phases).durationMs);
  });
});
