import { describe, expect, it } from 'vitest';
import type { IConnectPacket, IPublishPacket, Packet } from 'mqtt-packet';
import { Aedes2Workarounds, EPHEMERAL_SESSION_EXPIRY, MAX_UNRELEASED_QOS2 } from '../../electron/core/broker/wire/aedes2-workarounds';
import { SESSION_EXPIRY_INTERVAL, WILL_DELAY_INTERVAL } from '../../electron/core/broker/wire/property-edit';

const connect = (overrides: Partial<IConnectPacket>): IConnectPacket => ({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'c', clean: false, keepalive: 30, ...overrides });
const publish = (messageId: number, qos: 0 | 1 | 2 = 2): IPublishPacket => ({ cmd: 'publish', topic: 't', payload: 'x', qos, messageId, dup: false, retain: false });

describe('the wire workarounds for aedes 2.0.0-beta.1', () => {
  it('asks aedes for a stand-in session expiry on MQTT 5 Clean Start 0 without one', () => {
    const rules = new Aedes2Workarounds();
    const verdict = rules.inbound(connect({ properties: { receiveMaximum: 10 } }));
    expect(verdict).toEqual({ action: 'rewrite', edit: { id: SESSION_EXPIRY_INTERVAL, value: EPHEMERAL_SESSION_EXPIRY } });
    expect(rules.ephemeral).toBe(true);
  });

  it.each([
    ['MQTT 5 with a session expiry', connect({ properties: { sessionExpiryInterval: 60 } })],
    ['MQTT 5 Clean Start 1', connect({ clean: true })],
    ['MQTT 3.1.1 persistent session', connect({ protocolVersion: 4 })],
  ])('leaves %s alone', (_label, packet) => {
    const rules = new Aedes2Workarounds();
    expect(rules.inbound(packet)).toEqual({ action: 'pass' });
    expect(rules.ephemeral).toBe(false);
    expect(rules.closingWithoutDisconnect()).toBeUndefined();
  });

  it('ends the stand-in session on DISCONNECT, or with a DISCONNECT 0x04 of its own when the client sent none', () => {
    const withDisconnect = new Aedes2Workarounds();
    withDisconnect.inbound(connect({}));
    expect(withDisconnect.inbound({ cmd: 'disconnect', reasonCode: 0 })).toEqual({ action: 'rewrite', edit: { id: SESSION_EXPIRY_INTERVAL, value: 0 } });
    expect(withDisconnect.closingWithoutDisconnect()).toBeUndefined();

    const dropped = new Aedes2Workarounds();
    dropped.inbound(connect({}));
    expect(dropped.closingWithoutDisconnect()).toEqual({ cmd: 'disconnect', reasonCode: 0x04, properties: { sessionExpiryInterval: 0 } });
    expect(dropped.closingWithoutDisconnect()).toBeUndefined();
  });

  it('sends no goodbye for a connection the broker ended itself (a takeover)', () => {
    const rules = new Aedes2Workarounds();
    rules.inbound(connect({}));
    expect(rules.outbound({ cmd: 'disconnect', reasonCode: 0x8e })).toBeUndefined();
    expect(rules.closingWithoutDisconnect()).toBeUndefined();
  });

  it('strips Will Delay Interval from a PUBLISH', () => {
    const rules = new Aedes2Workarounds();
    const withDelay = { ...publish(2, 1), properties: { willDelayInterval: 5, userProperties: { k: 'v' } } } as Packet;
    expect(rules.outbound(withDelay)).toEqual({ id: WILL_DELAY_INTERVAL, value: undefined });
    expect(rules.outbound({ ...publish(3, 1), properties: { userProperties: { k: 'v' } } })).toBeUndefined();
  });

  it(`counts QoS 2 messages awaiting PUBREL and calls more than ${MAX_UNRELEASED_QOS2} a flood`, () => {
    const rules = new Aedes2Workarounds();
    rules.inbound(connect({ protocolVersion: 4 }));
    for (let id = 1; id <= MAX_UNRELEASED_QOS2; id++) expect(rules.inbound(publish(id))).toEqual({ action: 'pass' });
    // A resend of an id already counted, and QoS 1, do not add to the count.
    expect(rules.inbound({ ...publish(1), dup: true })).toEqual({ action: 'pass' });
    expect(rules.inbound(publish(5000, 1))).toEqual({ action: 'pass' });
    rules.inbound({ cmd: 'pubrel', messageId: 1 });
    expect(rules.inbound(publish(1001))).toEqual({ action: 'pass' });
    expect(rules.inbound(publish(1002))).toEqual({ action: 'flood' });
  });
});
