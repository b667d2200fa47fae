import { describe, expect, test } from 'vitest';
import { actorProfile, endpointOfUrl } from '../../electron/core/lessons/lesson-actors';
import { remainingLengthBytes } from '../../electron/core/lessons/lesson-trace-recorder';
import { LessonActor } from '../../shared/lessons/lesson-format';

describe('lesson actors', () => {
  test('a broker URL gives the transport, host, port and path', () => {
    expect(endpointOfUrl('mqtt://192.168.1.20:1884')).toEqual({ transport: 'mqtt', host: '192.168.1.20', port: 1884, path: '/mqtt' });
    expect(endpointOfUrl(' mqtts://broker.example.com ')).toEqual({ transport: 'mqtts', host: 'broker.example.com', port: 8883, path: '/mqtt' });
    expect(endpointOfUrl('wss://broker.example.com/ws')).toEqual({ transport: 'wss', host: 'broker.example.com', port: 443, path: '/ws' });
    expect(() => endpointOfUrl('broker.example.com')).toThrow('"broker.example.com" is not a broker URL; write it as mqtt://host:1883 (or mqtts://, ws://, wss://).');
    expect(() => endpointOfUrl('http://broker.example.com')).toThrow('http: is not a broker URL scheme; use mqtt://, mqtts://, ws:// or wss://.');
  });

  test('an actor\'s profile carries its session, keepalive and will, and is never a saved profile', () => {
    const actor = LessonActor.parse({ name: 'Sensor', protocolVersion: 5, clean: false, sessionExpirySeconds: 30, keepaliveSeconds: 3, will: { topic: 'status', payload: 'gone', delaySeconds: 2 }, reconnectAfterMs: 300 });
    const profile = actorProfile(actor, 'lesson-sensor-1', { transport: 'mqtt', host: '127.0.0.1', port: 1999, path: '/mqtt' });
    expect(profile).toMatchObject({ name: 'Sensor', clientId: 'lesson-sensor-1', port: 1999, protocolVersion: 5, clean: false, keepalive: 3, restoreSubscriptions: false, subscriptions: [] });
    expect(profile.id).toMatch(/^lesson-actor-/);
    expect(profile.properties.sessionExpiryInterval).toBe(30);
    expect(profile.will).toMatchObject({ enabled: true, topic: 'status', payload: 'gone', delayInterval: 2 });
    expect(profile.reconnect).toEqual({ enabled: true, initialDelayMs: 300, maxDelayMs: 2000, jitterPercent: 0, maxAttempts: 0 });
    expect(actorProfile(LessonActor.parse({ name: 'Phone' }), 'p', { transport: 'mqtt', host: 'h', port: 1, path: '/' }).reconnect.enabled).toBe(false);
  });

  test('the Remaining Length is counted up to its byte without the high bit', () => {
    expect(remainingLengthBytes(Uint8Array.of(0xc0, 0x00))).toBe(1);
    expect(remainingLengthBytes(Uint8Array.of(0x30, 0xc8, 0x01))).toBe(2);
    expect(remainingLengthBytes(Uint8Array.of(0x30, 0xa0, 0x9c, 0x01))).toBe(3);
    expect(remainingLengthBytes(Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0x7f))).toBe(4);
  });
});
