import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ProfileInput, TlsOptions } from '../../shared/domain/profile';
import { makeCertificates } from '../helpers/certs';
import type { PemFile, TestCertificates } from '../helpers/certs';
import { watchHistory, saveAndConnect, saveConnectAndSettle } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

type Listener = 'plain' | 'clientCert' | 'otherHost' | 'expired' | 'selfSigned' | 'wss' | 'wssOtherHost';

const asProfileFile = (file: PemFile, name: string) => ({ name, pem: file.pem });

describe('TLS against a real mosquitto', () => {
  let certs: TestCertificates;
  let broker: Broker<Listener>;
  let core: AppCore;

  beforeAll(async () => {
    certs = makeCertificates();
    const signed = { certfile: certs.server.cert.path, keyfile: certs.server.key.path, cafile: certs.ca.path };
    broker = await startMosquitto<Listener>({
      tls: {
        plain: signed,
        clientCert: { ...signed, requireCertificate: true },
        otherHost: { certfile: certs.otherHostServer.cert.path, keyfile: certs.otherHostServer.key.path },
        expired: { certfile: certs.expiredServer.cert.path, keyfile: certs.expiredServer.key.path },
        selfSigned: { certfile: certs.selfSignedServer.cert.path, keyfile: certs.selfSignedServer.key.path },
        wss: { ...signed, websockets: true },
        wssOtherHost: { certfile: certs.otherHostServer.cert.path, keyfile: certs.otherHostServer.key.path, websockets: true },
      },
    });
  });
  afterAll(async () => {
    await broker?.stop();
    certs?.remove();
  });
  afterEach(async () => {
    await core?.close();
  });

  /** An mqtts profile for one of the listeners, trusting our CA unless told otherwise. */
  function tlsProfile(listener: Listener, tls: Partial<TlsOptions> = {}, overrides: Partial<ProfileInput> = {}): ProfileInput {
    return profileFor(broker.tlsPorts[listener], {
      transport: 'mqtts',
      tls: { ca: asProfileFile(certs.ca, 'ca.crt'), cert: null, keyName: '', verifyServer: true, servername: '', alpn: [], ...tls },
      ...overrides,
    });
  }

  const withClientCertificate = (keyPem: string, passphrase: string, cert = certs.client.cert): Partial<ProfileInput> => ({
    tls: {
      ca: asProfileFile(certs.ca, 'ca.crt'),
      cert: asProfileFile(cert, 'client.crt'),
      keyName: 'client.key',
      verifyServer: true,
      servername: '',
      alpn: [],
    },
    secrets: { clientKey: keyPem, keyPassphrase: passphrase },
  });

  /** Connects and resolves with the first snapshot that is connected or failed. */
  async function connectUntilSettled(profile: ProfileInput): Promise<ConnectionSnapshot> {
    core = createTempCore();
    return saveConnectAndSettle(core, profile);
  }

  async function expectFailure(profile: ProfileInput, reason: RegExp): Promise<ConnectionSnapshot> {
    const snapshot = await connectUntilSettled(profile);
    expect(snapshot.status).toMatchObject({ state: 'failed', reason: expect.stringMatching(reason) });
    expect(snapshot.status.detail?.length).toBeGreaterThan(0);
    return snapshot;
  }

  it('connects with mqtts and the CA file, and publishes and receives over it', async () => {
    core = createTempCore();
    const connectionId = await saveAndConnect(core, tlsProfile('plain'));
    const feed = watchHistory(core, connectionId);
    const subscribed = await core.router.dispatch('subscription.add', { connectionId, filter: 'tls/#', qos: 1 });
    expect(subscribed).toMatchObject({ ok: true, value: { state: 'granted', grantedQos: 1 } });
    const published = await core.router.dispatch('message.publish', { connectionId, topic: 'tls/echo', qos: 1, retain: false, payload: 'over TLS', encoding: 'utf8' });
    expect(published).toMatchObject({ ok: true, value: { outcome: { kind: 'acked', ack: 'PUBACK' } } });
    execFileSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.tlsPorts.plain), '--cafile', certs.ca.path, '-t', 'tls/peer', '-m', 'from peer', '-q', '1']);
    const rows = await feed.waitForRows(3);
    expect(rows.map((row) => `${row.direction} ${row.topic} ${row.preview}`).sort()).toEqual(['in tls/echo over TLS', 'in tls/peer from peer', 'out tls/echo over TLS']);
  });

  it('connects to a listener that requires a client certificate, with an encrypted key and its passphrase', async () => {
    const snapshot = await connectUntilSettled(tlsProfile('clientCert', {}, withClientCertificate(certs.client.encryptedKey.pem, certs.client.passphrase)));
    expect(snapshot.status.state).toBe('connected');
  });

  it('connects with a client certificate whose key is not encrypted', async () => {
    const snapshot = await connectUntilSettled(tlsProfile('clientCert', {}, withClientCertificate(certs.client.key.pem, '')));
    expect(snapshot.status.state).toBe('connected');
  });

  it('says a client certificate is required when the listener asks for one and none is given', async () => {
    await expectFailure(tlsProfile('clientCert'), /requires a client certificate; choose a certificate and key/);
  });

  it('says the broker does not trust a client certificate signed by another CA', async () => {
    const stranger = withClientCertificate(certs.strangerClient.key.pem, '', certs.strangerClient.cert);
    await expectFailure(tlsProfile('clientCert', {}, stranger), /does not trust the client certificate: use one signed by a CA the broker trusts/);
  });

  it('says the client key does not belong to the certificate', async () => {
    await expectFailure(tlsProfile('clientCert', {}, withClientCertificate(certs.server.key.pem, '')), /the client key does not belong to the client certificate/);
  });

  it('says the key passphrase is wrong', async () => {
    await expectFailure(tlsProfile('clientCert', {}, withClientCertificate(certs.client.encryptedKey.pem, 'not the passphrase')), /the key passphrase is wrong/);
  });

  it('says an encrypted key needs its passphrase when none is given', async () => {
    await expectFailure(tlsProfile('clientCert', {}, withClientCertificate(certs.client.encryptedKey.pem, '')), /the client key is encrypted: enter its passphrase/);
  });

  it('says the server is not trusted when the CA file is another CA', async () => {
    // mosquitto sends its CA along with its certificate, so the chain ends in a root that is not trusted.
    await expectFailure(tlsProfile('plain', { ca: asProfileFile(certs.wrongCa, 'wrong-ca.crt') }), /not signed by a trusted authority \(its chain ends in a private CA\): choose that CA's file/);
  });

  it('says the server is not trusted when the broker sends only its own certificate and the CA file is another CA', async () => {
    const profile = tlsProfile('otherHost', { ca: asProfileFile(certs.wrongCa, 'wrong-ca.crt'), servername: certs.otherHostName });
    await expectFailure(profile, /not signed by a trusted authority: choose the CA file that signed it/);
  });

  it('says the server is not trusted when no CA file is given and the certificate is not public', async () => {
    await expectFailure(tlsProfile('plain', { ca: null }), /not signed by a trusted authority/);
  });

  it('says a self-signed server certificate is not trusted', async () => {
    await expectFailure(tlsProfile('selfSigned'), /self-signed and not trusted/);
  });

  it('says the certificate is for another name, and connects once the server name is set to it', async () => {
    const failed = await expectFailure(tlsProfile('otherHost'), /is not for "127\.0\.0\.1" \(hostname mismatch\): .*set the server name \(SNI\)/);
    expect(failed.status.detail).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
    await core.close();
    const fixed = await connectUntilSettled(tlsProfile('otherHost', { servername: certs.otherHostName }));
    expect(fixed.status.state).toBe('connected');
  });

  it('says the server certificate has expired', async () => {
    await expectFailure(tlsProfile('expired'), /certificate has expired/);
  });

  it('connects to an untrusted broker when server verification is off', async () => {
    for (const [listener, ca] of [['plain', certs.wrongCa], ['selfSigned', certs.wrongCa], ['expired', certs.ca]] as const) {
      const snapshot = await connectUntilSettled(tlsProfile(listener, { verifyServer: false, ca: asProfileFile(ca, 'ca.crt') }));
      expect(snapshot.status.state, listener).toBe('connected');
      await core.close();
    }
  });

  it('says the broker closed the connection when plain mqtt points at a TLS port', async () => {
    await expectFailure(profileFor(broker.tlsPorts.plain, { transport: 'mqtt' }), /reset the connection before answering CONNECT: if it is a TLS port, use mqtts:\/\/ or wss:\/\//);
  });

  it('says the port does not speak TLS when mqtts points at a plain MQTT port', async () => {
    await expectFailure(profileFor(broker.port, { transport: 'mqtts' }), /reset the connection before it was set up: it is probably a plain \(non-TLS\) port/);
  });

  it('connects with wss and the CA file', async () => {
    core = createTempCore();
    const profile = tlsProfile('wss', {}, { transport: 'wss', path: '/mqtt' });
    const connectionId = await saveAndConnect(core, profile);
    const published = await core.router.dispatch('message.publish', { connectionId, topic: 'wss/hello', qos: 1, retain: false, payload: 'hi', encoding: 'utf8' });
    expect(published).toMatchObject({ ok: true, value: { outcome: { kind: 'acked' } } });
  });

  it('says the server is not trusted over wss with the wrong CA', async () => {
    await expectFailure(tlsProfile('wss', { ca: asProfileFile(certs.wrongCa, 'wrong-ca.crt') }, { transport: 'wss', path: '/mqtt' }), /not signed by a trusted authority/);
  });

  it('checks the wss server name against the certificate, and uses the server name (SNI) when set', async () => {
    const wss = { transport: 'wss', path: '/mqtt' } as const;
    await expectFailure(tlsProfile('wssOtherHost', {}, wss), /hostname mismatch/);
    await core.close();
    const fixed = await connectUntilSettled(tlsProfile('wssOtherHost', { servername: certs.otherHostName }, wss));
    expect(fixed.status.state).toBe('connected');
  });
});
