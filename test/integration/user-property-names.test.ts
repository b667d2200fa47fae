import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import type { IConnectPacket } from 'mqtt-packet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { saveAndConnect } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { connackAccepted, startScriptedBroker } from '../helpers/scripted-broker';
import type { ScriptedBroker } from '../helpers/scripted-broker';
import { createTempCore } from '../helpers/temp-core';

// Names that a plain {} already "has" (or treats specially): each must go out once, as given.
const awkwardNames = ['constructor', 'toString', 'hasOwnProperty', '__proto__'];
const awkwardProperties = awkwardNames.map((key, index) => ({ key, value: `v${index}` }));

describe('user property names that collide with Object.prototype', () => {
  let core: AppCore | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  describe('in a will, through mosquitto', () => {
    let broker: Broker;
    beforeAll(async () => {
      broker = await startMosquitto();
    });
    afterAll(async () => {
      await broker?.stop();
    });

    it('arrive exactly, each once, in order', async () => {
      const clientId = `will-names-${Date.now()}`;
      const profile = profileFor(broker.port, { protocolVersion: 5, clientId });
      profile.reconnect = { ...profile.reconnect, enabled: false };
      profile.will = { ...profile.will, enabled: true, topic: `names/${clientId}`, payload: 'gone', qos: 1, retain: true, userProperties: awkwardProperties };
      core = createTempCore();
      await saveAndConnect(core, profile);
      // A second client with the same id ends the first connection without a DISCONNECT, so the will goes out.
      const taker = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.port, protocolVersion: 5, clientId });
      try {
        // The will is retained, so the subscriber gets it whether it subscribes before or after it is published.
        const { stdout } = await promisify(execFile)('mosquitto_sub', ['-V', '5', '-p', String(broker.port), '-t', `names/${clientId}`, '-C', '1', '-W', '10', '-F', '%P']);
        expect(stdout).toBe('constructor:v0 toString:v1 hasOwnProperty:v2 __proto__:v3\n');
      } finally {
        await taker.endAsync();
      }
    });
  });

  describe('in CONNECT, as the broker reads the bytes', () => {
    let server: ScriptedBroker;
    beforeAll(async () => {
      server = await startScriptedBroker((session) => session.write(connackAccepted(session.protocolVersion)));
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('arrive exactly, each once, in order', async () => {
      const profile = profileFor(server.port, { protocolVersion: 5 });
      profile.properties = { ...profile.properties, userProperties: awkwardProperties };
      core = createTempCore();
      await saveAndConnect(core, profile);
      const connect = server.sessions[0]?.packets.find((packet): packet is IConnectPacket => packet.cmd === 'connect');
      expect(Object.entries(connect?.properties?.userProperties ?? {})).toEqual(awkwardProperties.map(({ key, value }) => [key, value]));
    });
  });
});
