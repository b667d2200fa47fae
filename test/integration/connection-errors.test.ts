import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ProfileInput } from '../../shared/domain/profile';
import { startAedes } from '../helpers/aedes';
import { waitForSnapshot } from '../helpers/core-waits';
import { freePort } from '../helpers/free-port';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

/** A TCP server that does whatever the test says with each connection, in place of a broker. */
async function startRawServer(onConnection: (socket: Socket) => void) {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** CONNACK of MQTT 3.1.1: no session present, then the return code. */
const connack311 = (returnCode: number) => Buffer.from([0x20, 0x02, 0x00, returnCode]);

let core: AppCore;
afterEach(async () => {
  await core?.close();
});

/** Saves and connects, and resolves with the first snapshot that is connected, failed or disconnected. */
async function connectUntilSettled(profile: ProfileInput): Promise<ConnectionSnapshot> {
  core = createTempCore();
  const saved = await core.router.dispatch('connection.save', { profile });
  if (!saved.ok) throw new Error(saved.error.message);
  const settled = waitForSnapshot(core, profile.id, ({ status }) => ['connected', 'failed', 'disconnected'].includes(status.state));
  const connected = await core.router.dispatch('connection.connect', { connectionId: profile.id });
  expect(connected.ok).toBe(true);
  return settled;
}

async function expectFailure(profile: ProfileInput, reason: string | RegExp): Promise<ConnectionSnapshot> {
  const snapshot = await connectUntilSettled(profile);
  expect(snapshot.status.state).toBe('failed');
  if (typeof reason === 'string') expect(snapshot.status.reason).toBe(reason);
  else expect(snapshot.status.reason).toMatch(reason);
  expect(snapshot.status.detail?.length).toBeGreaterThan(0);
  return snapshot;
}

describe('a mosquitto with a password file', () => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await startMosquitto({ users: { alice: 'right password' } });
  });
  afterAll(async () => {
    await broker?.stop();
  });

  for (const protocolVersion of [3, 4, 5] as const) {
    it(`lets in the right password with MQTT protocol level ${protocolVersion}`, async () => {
      const snapshot = await connectUntilSettled(profileFor(broker.port, { protocolVersion, username: 'alice', secrets: { password: 'right password' } }));
      expect(snapshot.status.state).toBe('connected');
      expect(snapshot.broker).toMatchObject({ protocolVersion, code: 0, codeText: 'accepted' });
    });
  }

  it('says "not authorized" for a wrong password with MQTT 5, as mosquitto answers it', async () => {
    const profile = profileFor(broker.port, { protocolVersion: 5, username: 'alice', secrets: { password: 'wrong' } });
    const failed = await expectFailure(profile, /^the broker refused the connection: not authorized \(CONNACK 135\); check the user name and password/);
    expect(failed.status.detail).toBe('CONNACK code 135');
    expect(failed.broker).toMatchObject({ code: 135, codeText: 'not authorized (CONNACK 135)' });
  });

  // mosquitto answers a wrong password with "not authorized" before MQTT 5, which has no finer code.
  for (const protocolVersion of [3, 4] as const) {
    it(`says "not authorized" for a wrong password with MQTT protocol level ${protocolVersion}`, async () => {
      const profile = profileFor(broker.port, { protocolVersion, username: 'alice', secrets: { password: 'wrong' } });
      await expectFailure(profile, /^the broker refused the connection: not authorized \(CONNACK 5\); check the user name and password/);
    });
  }

  it('says "not authorized" with MQTT 5 when no user name is given', async () => {
    await expectFailure(profileFor(broker.port, { protocolVersion: 5 }), /^the broker refused the connection: not authorized \(CONNACK 135\)/);
  });
});

describe('errors on the way to a broker, each in its own words', () => {
  it('says the host name could not be resolved', async () => {
    const failed = await expectFailure(profileFor(1883, { host: 'no-such-host.invalid' }), /^host not found: no-such-host\.invalid could not be resolved \(DNS\)/);
    expect(failed.status.detail).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });

  it('says the connection was refused when nothing listens', async () => {
    const port = await freePort();
    const failed = await expectFailure(profileFor(port), `connection refused: nothing is listening on 127.0.0.1:${port}; check the port, and that the broker is running`);
    expect(failed.status.detail).toMatch(/ECONNREFUSED/);
  });

  it('says the server accepted the connection but sent no CONNACK in time', async () => {
    const silent = await startRawServer(() => undefined);
    try {
      const failed = await expectFailure(profileFor(silent.port, { connectTimeoutSeconds: 1 }),
        `timeout: 127.0.0.1:${silent.port} accepted the connection but sent no CONNACK within 1 s; check that this is an MQTT port and the transport is right`);
      expect(failed.status.detail).toBe('connack timeout');
    } finally {
      await silent.stop();
    }
  });

  it('says the server closed the connection right after CONNECT', async () => {
    const rude = await startRawServer((socket) => socket.once('data', () => socket.end()));
    try {
      await expectFailure(profileFor(rude.port), /closed the connection right after CONNECT, without a CONNACK/);
    } finally {
      await rude.stop();
    }
  });

  it('says the broker does not accept the protocol version (CONNACK 1 to MQTT 3.1.1)', async () => {
    const old = await startRawServer((socket) => socket.once('data', () => socket.end(connack311(1))));
    try {
      await expectFailure(profileFor(old.port, { protocolVersion: 4 }), /^the broker refused the connection: unacceptable protocol version \(CONNACK 1\); choose another MQTT version/);
    } finally {
      await old.stop();
    }
  });

  it('says a broker that only speaks MQTT 3.1.1 refuses MQTT 5', async () => {
    // What aedes 1.x answered an MQTT 5 CONNECT: a 3.1.1 CONNACK 1 (aedes 2 speaks MQTT 5).
    const old = await startRawServer((socket) => socket.once('data', () => socket.end(connack311(1))));
    try {
      await expectFailure(profileFor(old.port, { protocolVersion: 5 }), /does not support MQTT 5\.0: choose MQTT 3\.1\.1/);
    } finally {
      await old.stop();
    }
  });

  it('says "bad user name or password" with the reason string of an MQTT 5 CONNACK', async () => {
    const reasonString = Buffer.from('password expired');
    const properties = Buffer.concat([Buffer.from([0x1f, 0x00, reasonString.length]), reasonString]);
    const refusal = Buffer.concat([Buffer.from([0x20, 3 + properties.length, 0x00, 0x86, properties.length]), properties]);
    const strict = await startRawServer((socket) => socket.once('data', () => socket.end(refusal)));
    try {
      const failed = await expectFailure(profileFor(strict.port, { protocolVersion: 5 }),
        'the broker refused the connection: bad user name or password (CONNACK 134) "password expired"; check the user name and password');
      expect(failed.broker?.properties.reasonString).toBe('password expired');
    } finally {
      await strict.stop();
    }
  });

  it('says "not authorized" when the broker\'s authentication refuses the client (aedes)', async () => {
    const aedes = await startAedes({
      authenticate: (_client, _username, _password, callback) => callback(Object.assign(new Error('no'), { returnCode: 5 }), false),
    });
    try {
      await expectFailure(profileFor(aedes.port, { protocolVersion: 4 }), /^the broker refused the connection: not authorized \(CONNACK 5\)/);
    } finally {
      await aedes.stop();
    }
  });

  it('asks for a client id when MQTT 5 clean start is off and none is given (MQTT.js requires one)', async () => {
    const broker = await startAedes();
    try {
      await expectFailure(profileFor(broker.port, { protocolVersion: 5, clientId: '', clean: false }), 'a client id is needed when clean start is off: enter or generate one');
    } finally {
      await broker.stop();
    }
  });

  it('says the keepalive timed out when the broker stops answering PINGREQ, and stays down when reconnect is off', async () => {
    const mute = await startRawServer((socket) => socket.once('data', () => socket.write(connack311(0))));
    try {
      const profile = profileFor(mute.port, { protocolVersion: 4, keepalive: 1 });
      profile.reconnect = { ...profile.reconnect, enabled: false };
      core = createTempCore();
      await core.router.dispatch('connection.save', { profile });
      const down = waitForSnapshot(core, profile.id, ({ status }) => status.state === 'disconnected');
      await core.router.dispatch('connection.connect', { connectionId: profile.id });
      const { status } = await down;
      expect(status.reason).toBe(`keepalive timeout: 127.0.0.1:${mute.port} stopped answering PINGREQ; the network or the broker may be down or overloaded; automatic reconnect is off`);
      expect(status.detail).toBe('Keepalive timeout');
    } finally {
      await mute.stop();
    }
  });
});
