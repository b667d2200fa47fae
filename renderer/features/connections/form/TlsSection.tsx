import { Field } from '../../../components/Field';
import { FilePicker } from '../../../components/FilePicker';
import { readPemFile } from '../profile-form';
import type { SectionProps } from './section-props';
import { useT } from '../../../i18n/use-t';

const pemTypes = '.pem,.crt,.cer,.key,.ca-bundle,text/plain';

export function TlsSection({ draft, errors, edit }: SectionProps) {
  const t = useT();
  const { tls } = draft;
  const keyStored = draft.secretsSet.clientKey && !draft.secretsCleared.clientKey;
  const keyName = draft.secrets.clientKey !== '' || keyStored ? tls.keyName : '';
  const passphraseHint = draft.secretsSet.keyPassphrase && !draft.secretsCleared.keyPassphrase ? t('connections.form.tls.passphraseStored') : t('connections.form.tls.passphraseHint');
  return (
    <fieldset className="form-section">
      <legend>TLS</legend>
      <div className="form-grid">
        <FilePicker
          label={t('connections.form.tls.ca')}
          fileName={tls.ca?.name ?? ''}
          emptyText={t('connections.form.tls.caNone')}
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
            {t('connections.form.tls.verify')}
          </label>
        </div>
        {!tls.verifyServer && (
          <p className="warning span-2" role="alert">
            {t('connections.form.tls.verifyOff')}
          </p>
        )}
        <FilePicker
          label={t('connections.form.tls.cert')}
          fileName={tls.cert?.name ?? ''}
          emptyText={t('connections.form.tls.none')}
          accept={pemTypes}
          error={errors['tls.cert.pem'] ?? errors['tls.cert']}
          onChoose={async (file) => {
            const cert = await readPemFile(file);
            edit('tls.cert', (d) => void (d.tls.cert = cert));
          }}
          onClear={() => edit('tls.cert', (d) => void (d.tls.cert = null))}
        />
        <FilePicker
          label={t('connections.form.tls.key')}
          fileName={keyName}
          emptyText={t('connections.form.tls.none')}
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
        <Field label={t('connections.form.tls.passphrase')} error={errors['secrets.keyPassphrase']} hint={passphraseHint}>
          <input type="password" value={draft.secrets.keyPassphrase} autoComplete="new-password" onChange={(event) => edit('secrets.keyPassphrase', (d) => void (d.secrets.keyPassphrase = event.target.value))} />
        </Field>
        <Field label={t('connections.form.tls.servername')} error={errors['tls.servername']} hint={t('connections.form.tls.servernameHint')}>
          <input value={tls.servername} spellCheck={false} onChange={(event) => edit('tls.servername', (d) => void (d.tls.servername = event.target.value))} />
        </Field>
        <Field label={t('connections.form.tls.alpn')} error={errors['tls.alpn']} hint={t('connections.form.tls.alpnHint')}>
          <input value={tls.alpn} spellCheck={false} onChange={(event) => edit('tls.alpn', (d) => void (d.tls.alpn = event.target.value))} />
        </Field>
      </div>
    </fieldset>
  );
}
