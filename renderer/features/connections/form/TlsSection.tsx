import { Field } from '../../../components/Field';
import { FilePicker } from '../../../components/FilePicker';
import { readPemFile } from '../profile-form';
import type { SectionProps } from './section-props';

const pemTypes = '.pem,.crt,.cer,.key,.ca-bundle,text/plain';

export function TlsSection({ draft, errors, edit }: SectionProps) {
  const { tls } = draft;
  const keyStored = draft.secretsSet.clientKey && !draft.secretsCleared.clientKey;
  const keyName = draft.secrets.clientKey !== '' || keyStored ? tls.keyName : '';
  const passphraseHint = draft.secretsSet.keyPassphrase && !draft.secretsCleared.keyPassphrase ? 'A passphrase is stored; leave empty to keep it.' : 'Only for an encrypted key.';
  return (
    <fieldset className="form-section">
      <legend>TLS</legend>
      <div className="form-grid">
        <FilePicker
          label="CA file"
          fileName={tls.ca?.name ?? ''}
          emptyText="None: the system trust store is used"
          accept={pemTypes}
          error={errors['tls.ca.pem'] ?? errors['tls.ca']}
          onChoose={async (file) => {
            const ca = await readPemFile(file);
            edit('tls.ca', (d) => void (d.tls.ca = ca));
          }}
          onClear={() => edit('tls.ca', (d) => void (d.tls.ca = null))}
        />
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={tls.verifyServer} onChange={(event) => edit('tls.verifyServer', (d) => void (d.tls.verifyServer = event.target.checked))} />
            Verify server certificate
          </label>
        </div>
        {!tls.verifyServer && (
          <p className="warning span-2" role="alert">
            Server certificate checks are off: anyone between you and the broker can read and change this connection, and see the password. Use this only
            for a test broker.
          </p>
        )}
        <FilePicker
          label="Client certificate"
          fileName={tls.cert?.name ?? ''}
          emptyText="None"
          accept={pemTypes}
          error={errors['tls.cert.pem'] ?? errors['tls.cert']}
          onChoose={async (file) => {
            const cert = await readPemFile(file);
            edit('tls.cert', (d) => void (d.tls.cert = cert));
          }}
          onClear={() => edit('tls.cert', (d) => void (d.tls.cert = null))}
        />
        <FilePicker
          label="Client key"
          fileName={keyName}
          emptyText="None"
          accept={pemTypes}
          error={errors['secrets.clientKey'] ?? errors['tls.keyName']}
          onChoose={async (file) => {
            const key = await readPemFile(file);
            edit('tls.keyName', (d) => {
              d.tls.keyName = key.name;
              d.secrets.clientKey = key.pem;
              d.secretsCleared.clientKey = false;
            });
          }}
          onClear={() =>
            edit('tls.keyName', (d) => {
              d.tls.keyName = '';
              d.secrets.clientKey = '';
              d.secretsCleared.clientKey = true;
            })
          }
        />
        <Field label="Key passphrase" error={errors['secrets.keyPassphrase']} hint={passphraseHint}>
          <input type="password" value={draft.secrets.keyPassphrase} autoComplete="new-password" onChange={(event) => edit('secrets.keyPassphrase', (d) => void (d.secrets.keyPassphrase = event.target.value))} />
        </Field>
        <Field label="Server name (SNI)" error={errors['tls.servername']} hint="Empty: the host. Set it when you connect by IP or through a tunnel.">
          <input value={tls.servername} spellCheck={false} onChange={(event) => edit('tls.servername', (d) => void (d.tls.servername = event.target.value))} />
        </Field>
        <Field label="ALPN protocols" error={errors['tls.alpn']} hint="Comma-separated, such as mqtt or x-amzn-mqtt-ca.">
          <input value={tls.alpn} spellCheck={false} onChange={(event) => edit('tls.alpn', (d) => void (d.tls.alpn = event.target.value))} />
        </Field>
      </div>
    </fieldset>
  );
}
