import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A file made for the test: where mosquitto reads it, and its text for a profile. */
export interface PemFile {
  path: string;
  pem: string;
}

export interface ServerCertificate {
  cert: PemFile;
  key: PemFile;
}

export interface TestCertificates {
  /** The CA the profiles trust and the broker checks client certificates against. */
  ca: PemFile;
  /** Signed by `ca`, for 127.0.0.1 and localhost. */
  server: ServerCertificate;
  /** Signed by `ca`, for `otherHostName` only: connecting to 127.0.0.1 is a hostname mismatch. */
  otherHostServer: ServerCertificate;
  otherHostName: string;
  /** Signed by `ca`, valid for 127.0.0.1 but only during a day in 2020. */
  expiredServer: ServerCertificate;
  /** Signed by itself, for 127.0.0.1. */
  selfSignedServer: ServerCertificate;
  /** A CA that signed none of the above. */
  wrongCa: PemFile;
  /** Signed by `ca`; the key comes in the clear and encrypted with `passphrase`. */
  client: { cert: PemFile; key: PemFile; encryptedKey: PemFile; passphrase: string };
  /** A client certificate signed by `wrongCa`, which a broker trusting `ca` refuses. */
  strangerClient: { cert: PemFile; key: PemFile };
  remove(): void;
}

// EC keys: generating a dozen RSA keys would cost seconds of a 2-core CI machine for nothing.
const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const serverUsage = 'extendedKeyUsage=serverAuth\n';

/**
 * Makes every certificate the TLS tests need with the installed openssl, in a fresh temp dir that
 * mosquitto (which drops to its own user) can read. `openssl ca` is used for the expired one because
 * OpenSSL 3.0's `x509 -req` cannot set a start date, and there is no faketime.
 */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-certs-'));
  chmodSync(dir, 0o755);
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const extensions = (name: string, text: string) => {
    writeFileSync(file(name), text);
    return file(name);
  };

  const makeCa = (name: string, subject: string) =>
    openssl('req', '-x509', ...newKey, '-keyout', file(`${name}.key`), '-out', file(`${name}.crt`), '-days', '2', '-subj', subject,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const request = (name: string, subject: string) =>
    openssl('req', '-new', ...newKey, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', subject);
  const signByCa = (name: string, extensionText: string, ca = 'ca') =>
    openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file(`${ca}.crt`), '-CAkey', file(`${ca}.key`), '-CAcreateserial',
      '-days', '2', '-extfile', extensions(`${name}.ext`, extensionText), '-out', file(`${name}.crt`));

  makeCa('ca', '/CN=MQTT Lab Test CA');
  makeCa('wrong-ca', '/CN=MQTT Lab Unrelated CA');

  request('server', '/CN=localhost');
  signByCa('server', `subjectAltName=IP:127.0.0.1,DNS:localhost\n${serverUsage}`);

  const otherHostName = 'broker.other.example';
  request('other-host', `/CN=${otherHostName}`);
  signByCa('other-host', `subjectAltName=DNS:${otherHostName}\n${serverUsage}`);

  request('client', '/CN=mqtt-lab-client');
  signByCa('client', 'extendedKeyUsage=clientAuth\n');
  request('stranger', '/CN=mqtt-lab-stranger');
  signByCa('stranger', 'extendedKeyUsage=clientAuth\n', 'wrong-ca');
  const passphrase = 'correct horse battery staple';
  openssl('pkey', '-in', file('client.key'), '-aes256', '-passout', `pass:${passphrase}`, '-out', file('client-encrypted.key'));

  openssl('req', '-x509', ...newKey, '-keyout', file('self-signed.key'), '-out', file('self-signed.crt'), '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost');

  request('expired', '/CN=localhost');
  writeFileSync(file('index.txt'), '');
  writeFileSync(file('serial'), '1000\n');
  writeFileSync(file('ca.cnf'), ['[ca]', 'default_ca = test', '[test]', `database = ${file('index.txt')}`, `new_certs_dir = ${dir}`,
    `serial = ${file('serial')}`, 'default_md = sha256', 'policy = any', 'unique_subject = no', '[any]', 'commonName = supplied', ''].join('\n'));
  openssl('ca', '-batch', '-notext', '-config', file('ca.cnf'), '-cert', file('ca.crt'), '-keyfile', file('ca.key'), '-in', file('expired.csr'),
    '-startdate', '20200101000000Z', '-enddate', '20200102000000Z',
    '-extfile', extensions('expired.ext', `subjectAltName=IP:127.0.0.1,DNS:localhost\n${serverUsage}`), '-out', file('expired.crt'));

  // openssl writes keys 0600; the broker runs as user mosquitto and must read them.
  for (const name of readdirSync(dir)) chmodSync(file(name), 0o644);

  const pem = (name: string): PemFile => ({ path: file(name), pem: readFileSync(file(name), 'utf8') });
  const server = (name: string): ServerCertificate => ({ cert: pem(`${name}.crt`), key: pem(`${name}.key`) });
  return {
    ca: pem('ca.crt'),
    server: server('server'),
    otherHostServer: server('other-host'),
    otherHostName,
    expiredServer: server('expired'),
    selfSignedServer: server('self-signed'),
    wrongCa: pem('wrong-ca.crt'),
    client: { cert: pem('client.crt'), key: pem('client.key'), encryptedKey: pem('client-encrypted.key'), passphrase },
    strangerClient: { cert: pem('stranger.crt'), key: pem('stranger.key') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
