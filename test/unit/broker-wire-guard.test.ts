import { Duplex } from 'node:stream';
import { generate } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import type { FaultDecision } from '../../electron/core/broker/faults/fault-engine';
import { BrokerPacketLog } from '../../electron/core/broker/wire/broker-packet-log';
import { BrokerWire } from '../../electron/core/broker/wire/broker-wire';
import type { FaultGate, WireHooks } from '../../electron/core/broker/wire/broker-wire';
import { OutboundResends } from '../../electron/core/broker/wire/outbound-resends';

/**
 * Whatever goes wrong while the wire handles a packet, in either direction, ends that connection
 * with a reason; nothing throws out of the socket's or the stream's callbacks into the process.
 */

const pass: FaultDecision = { action: 'pass' };

/** A fault gate that throws on the packet of type `failOn`, standing in for any step that might. */
function failingGate(failOn: string): FaultGate {
  return {
    connectRefusal: () => undefined,
    decide: (packet) => {
      if (packet.cmd === failOn) throw new Error(`no decision for ${failOn}`);
      return pass;
    },
  };
}

function wireWith(faults: FaultGate) {
  const written: Buffer[] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      written.push(chunk);
      callback();
    },
  });
  const hooks: WireHooks = {
    faults,
    packets: new BrokerPacketLog(100),
    countPublish: () => undefined,
    refused: () => undefined,
    cleanIncoming: async () => undefined,
    shared: { subscribe: () => 0x80, unsubscribe: () => 0x11, acknowledged: () => undefined },
    sessionStarted: () => undefined,
    discarded: () => undefined,
    sessionKept: () => false,
    resends: new OutboundResends(),
  };
  const wire = new BrokerWire(socket, '127.0.0.1:50000', hooks);
  const errors: Error[] = [];
  // aedes listens for the wire's errors; here the test does.
  wire.on('error', (error: Error) => errors.push(error));
  return { socket, wire, errors, written };
}

const connect = generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'guarded', clean: true, keepalive: 30 });
const until = async (condition: () => boolean) => {
  for (let tries = 0; tries < 100 && !condition(); tries++) await new Promise((resolve) => setImmediate(resolve));
};

describe('the broker wire when handling a packet throws', () => {
  it('closes the client whose packet could not be handled, naming why', async () => {
    const { socket, wire, errors } = wireWith(failingGate('connect'));

    socket.push(connect);
    await until(() => socket.destroyed);

    expect(wire.closeReason).toBe('a packet from the client could not be handled (no decision for connect)');
    expect(wire.destroyed).toBe(true);
    expect(socket.destroyed).toBe(true);
    expect(errors.map((error) => error.message)).toEqual([wire.closeReason]);
  });

  it('closes the client a packet from the broker could not be handled for, naming why', async () => {
    const { socket, wire, errors } = wireWith(failingGate('connack'));

    const written = new Promise<Error | null | undefined>((resolve) => wire.write(generate({ cmd: 'connack', returnCode: 0, sessionPresent: false }), resolve));
    await written;
    await until(() => socket.destroyed);

    expect(wire.closeReason).toBe('a packet from the broker to it could not be handled (no decision for connack)');
    expect(socket.destroyed).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
