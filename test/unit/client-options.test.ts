import { describe, expect, it } from 'vitest';
import { clientOptions, userPropertiesObject } from '../../electron/core/connections/client-options';
import { systemCertificates } from '../../electron/core/connections/system-ca';
import type { Profile, ProfileFields, Secrets } from '../../shared/domain/profile';
import { defaultProfileFields, noSecrets } from '../../shared/domain/profile';

const caPem = '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n';
const certPem = '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n';
const keyPem = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nkey\n-----END ENCRYPTED PRIVATE KEY-----\n';

function profile(fields: Partial<ProfileFields> = {}, secrets: Partial<Secrets> = {}): Profile {
  return { ...defaultProfileFields(), clientId: 'lab-1', ...fields, id: 'p1', secrets: { ...noSecrets, ...secrets }, subscriptions: [] };
}

const withTls = (tls: Partial<ProfileFields['tls']>, transport: ProfileFields['transport'] = 'mqtts') => ({
  transport,
  tls: { ...defaultProfileFields().tls, ...tls },
});

describe('MQTT.js options from a profile', () => {
  it('maps the plain fields, and leaves reconnecting and resubscribing to the Connection', () => {
    expect(clientOptions(profile({ host: 'broker.local', port: 1884, protocolVersion: 4, clean: false, keepalive: 45, connectTimeoutSeconds: 7 }))).toEqual({
      protocol: 'mqtt',
      host: 'broker.local',
      port: 1884,
      protocolVersion: 4,
      clientId: 'lab-1',
      clean: false,
      keepalive: 45,
      connectTimeout: 7000,
      reconnectPeriod: 0,
      resubscribe: false,
      queueQoSZero: false,
    });
  });

  it('says "MQIsdp" for MQTT 3.1 and nothing special for later versions', () => {
    expect(clientOptions(profile({ protocolVersion: 3 })).protocolId).toBe('MQIsdp');
    expect(clientOptions(profile({ protocolVersion: 4 })).protocolId).toBeUndefined();
  });

  it('sends a user name and password only when they are set', () => {
    expect(clientOptions(profile())).not.toHaveProperty('username');
    expect(clientOptions(profile())).not.toHaveProperty('password');
    expect(clientOptions(profile({ username: 'alice' }, { password: 'secret' }))).toMatchObject({ username: 'alice', password: 'secret' });
  });

  it('takes an IPv6 address with or without brackets', () => {
    expect(clientOptions(profile({ host: '[::1]' })).host).toBe('::1');
    expect(clientOptions(profile({ host: '::1', transport: 'ws' }))).toMatchObject({ host: '::1', hostname: '[::1]' });
  });

  describe('TLS', () => {
    it('passes the CA, client certificate, key, passphrase, server name and ALPN', () => {
      const options = clientOptions(profile(
        withTls({ ca: { name: 'ca.crt', pem: caPem }, cert: { name: 'c.crt', pem: certPem }, keyName: 'c.key', servername: 'broker.example', alpn: ['mqtt'] }),
        { clientKey: keyPem, keyPassphrase: 'pass' },
      ));
      expect(options).toMatchObject({ protocol: 'mqtts', ca: caPem, cert: certPem, key: keyPem, passphrase: 'pass', rejectUnauthorized: true, servername: 'broker.example', ALPNProtocols: ['mqtt'] });
    });

    it('trusts the system store when no CA file is chosen', () => {
      expect(clientOptions(profile(withTls({ ca: null }))).ca).toBe(systemCertificates());
    });

    it('turns verification off only when asked', () => {
      expect(clientOptions(profile(withTls({ verifyServer: false }))).rejectUnauthorized).toBe(false);
    });

    it('leaves out what is not set', () => {
      const options = clientOptions(profile(withTls({})));
      for (const name of ['cert', 'key', 'passphrase', 'servername', 'ALPNProtocols']) expect(options, name).not.toHaveProperty(name);
    });

    it('does not send a stored key without its certificate', () => {
      const options = clientOptions(profile(withTls({ cert: null }), { clientKey: keyPem, keyPassphrase: 'pass' }));
      expect(options).not.toHaveProperty('key');
      expect(options).not.toHaveProperty('passphrase');
    });

    it('sends no TLS options over plain TCP or WebSocket', () => {
      for (const transport of ['mqtt', 'ws'] as const) {
        const options = clientOptions(profile(withTls({ ca: { name: 'ca.crt', pem: caPem } }, transport)));
        expect(options, transport).not.toHaveProperty('ca');
        expect(options, transport).not.toHaveProperty('rejectUnauthorized');
      }
    });
  });

  describe('WebSocket', () => {
    it('passes the path and the extra headers', () => {
      const options = clientOptions(profile({ transport: 'ws', path: '/lab/mqtt', headers: [{ key: 'X-Token', value: 'abc' }] }));
      expect(options).toMatchObject({ protocol: 'ws', path: '/lab/mqtt', wsOptions: { headers: { 'X-Token': 'abc' } } });
    });

    it('gives the WebSocket the TLS options itself over wss, server name and ALPN included', () => {
      const options = clientOptions(profile({ ...withTls({ ca: { name: 'ca.crt', pem: caPem }, servername: 'broker.example', alpn: ['mqtt'], verifyServer: false }, 'wss'), headers: [] }));
      expect(options.wsOptions).toMatchObject({ ca: caPem, servername: 'broker.example', ALPNProtocols: ['mqtt'], rejectUnauthorized: false, headers: {} });
    });
  });

  describe('will', () => {
    const will = {
      ...defaultProfileFields().will,
      enabled: true,
      topic: 'lab/will',
      payload: 'gone',
      qos: 1 as const,
      retain: true,
      delayInterval: 5,
      messageExpiry: 60,
      contentType: 'text/plain',
      responseTopic: 'lab/reply',
      correlationData: 'abc',
      userProperties: [{ key: 'why', value: 'test' }],
    };

    it('sends the will with its MQTT 5 properties', () => {
      expect(clientOptions(profile({ protocolVersion: 5, will })).will).toEqual({
        topic: 'lab/will',
        payload: Buffer.from('gone'),
        qos: 1,
        retain: true,
        properties: {
          willDelayInterval: 5,
          messageExpiryInterval: 60,
          contentType: 'text/plain',
          responseTopic: 'lab/reply',
          correlationData: Buffer.from('abc'),
          userProperties: { why: 'test' },
        },
      });
    });

    it('sends no will properties before MQTT 5', () => {
      expect(clientOptions(profile({ protocolVersion: 4, will })).will).not.toHaveProperty('properties');
    });

    it('sends no will when it is off', () => {
      expect(clientOptions(profile({ will: { ...will, enabled: false } }))).not.toHaveProperty('will');
    });
  });

  describe('MQTT 5 CONNECT properties', () => {
    const properties = defaultProfileFields().properties;

    it('sends nothing when nothing differs from the defaults', () => {
      expect(clientOptions(profile({ protocolVersion: 5 }))).not.toHaveProperty('properties');
    });

    it('sends the properties that are set', () => {
      const options = clientOptions(profile({
        protocolVersion: 5,
        properties: {
          ...properties,
          sessionExpiryInterval: 300,
          receiveMaximum: 10,
          maximumPacketSize: 2048,
          topicAliasMaximum: 4,
          requestResponseInformation: true,
          requestProblemInformation: false,
          userProperties: [{ key: 'k', value: 'v' }],
        },
      }));
      expect(options.properties).toEqual({
        sessionExpiryInterval: 300,
        receiveMaximum: 10,
        maximumPacketSize: 2048,
        topicAliasMaximum: 4,
        requestResponseInformation: true,
        requestProblemInformation: false,
        userProperties: { k: 'v' },
      });
    });

    it('sends a session expiry of 0 when it is set to 0', () => {
      expect(clientOptions(profile({ protocolVersion: 5, properties: { ...properties, sessionExpiryInterval: 0 } })).properties).toEqual({ sessionExpiryInterval: 0 });
    });

    it('sends no MQTT 5 properties with MQTT 3.1.1', () => {
      expect(clientOptions(profile({ protocolVersion: 4, properties: { ...properties, sessionExpiryInterval: 300 } }))).not.toHaveProperty('properties');
    });
  });
});

describe('user properties', () => {
  it('keeps one value per name, and every value of a repeated name in order', () => {
    expect(userPropertiesObject([{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'a', value: '3' }, { key: 'a', value: '4' }])).toEqual({ a: ['1', '3', '4'], b: '2' });
  });

  it('is left out when there are none', () => {
    expect(userPropertiesObject([])).toBeUndefined();
  });
});
