import { protocolNames, usesWebSocket } from '../../../../shared/domain/profile';
import type { ProtocolVersion, Transport } from '../../../../shared/domain/profile';
import { Field } from '../../../components/Field';
import { KeyValueEditor } from '../../../components/KeyValueEditor';
import { generateClientId, withTransport } from '../profile-form';
import type { SectionProps } from './section-props';
import { listErrors } from './section-props';
import { useT } from '../../../i18n/use-t';

const transports: { value: Transport; label: string }[] = [
  { value: 'mqtt', label: 'mqtt:// (TCP)' },
  { value: 'mqtts', label: 'mqtts:// (TCP + TLS)' },
  { value: 'ws', label: 'ws:// (WebSocket)' },
  { value: 'wss', label: 'wss:// (WebSocket + TLS)' },
];

export function GeneralSection({ draft, errors, edit }: SectionProps) {
  const t = useT();
  const cleanLabel = t(draft.protocolVersion === 5 ? 'connections.form.general.cleanStart' : 'connections.form.general.cleanSession');
  const passwordHint = draft.secretsSet.password && !draft.secretsCleared.password ? t('connections.form.general.passwordStored') : undefined;
  return (
    <fieldset className="form-section">
      <legend>{t('connections.form.general.legend')}</legend>
      <div className="form-grid">
        <Field label={t('connections.form.general.name')} error={errors.name} className="span-2">
          <input value={draft.name} onChange={(event) => edit('name', (d) => void (d.name = event.target.value))} autoFocus />
        </Field>
        <Field label={t('connections.form.general.transport')} error={errors.transport}>
          <select value={draft.transport} onChange={(event) => edit('port', (d) => Object.assign(d, withTransport(d, event.target.value as Transport)))}>
            {transports.map((transport) => (
              <option key={transport.value} value={transport.value}>
                {transport.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('connections.form.general.version')} error={errors.protocolVersion}>
          <select value={draft.protocolVersion} onChange={(event) => edit('clientId', (d) => void (d.protocolVersion = Number(event.target.value) as ProtocolVersion))}>
            {([5, 4, 3] as const).map((version) => (
              <option key={version} value={version}>
                {protocolNames[version]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('connections.form.general.host')} error={errors.host}>
          <input value={draft.host} onChange={(event) => edit('host', (d) => void (d.host = event.target.value))} spellCheck={false} />
        </Field>
        <Field label={t('connections.form.general.port')} error={errors.port}>
          <input value={draft.port} inputMode="numeric" onChange={(event) => edit('port', (d) => void (d.port = event.target.value))} />
        </Field>
        {usesWebSocket(draft.transport) && (
          <>
            <Field label={t('connections.form.general.path')} error={errors.path} className="span-2">
              <input value={draft.path} onChange={(event) => edit('path', (d) => void (d.path = event.target.value))} spellCheck={false} />
            </Field>
            <KeyValueEditor label={t('connections.form.general.headers')} itemName={t('connections.form.general.header')} items={draft.headers} errors={listErrors(errors, 'headers')} onChange={(items) => edit('headers', (d) => void (d.headers = items))} />
          </>
        )}
        <Field
          label={t('connections.form.general.clientId')}
          error={errors.clientId}
          className="span-2"
          hint={draft.clientId === '' ? t('connections.form.general.clientIdEmpty') : undefined}
          action={
            <button type="button" onClick={() => edit('clientId', (d) => void (d.clientId = generateClientId()))}>
              {t('connections.form.general.generate')}
            </button>
          }
        >
          <input value={draft.clientId} onChange={(event) => edit('clientId', (d) => void (d.clientId = event.target.value))} spellCheck={false} />
        </Field>
        <Field label={t('connections.form.general.username')} error={errors.username}>
          <input value={draft.username} onChange={(event) => edit('username', (d) => void (d.username = event.target.value))} autoComplete="off" spellCheck={false} />
        </Field>
        <Field
          label={t('connections.form.general.password')}
          error={errors['secrets.password']}
          hint={passwordHint}
          action={
            passwordHint ? (
              <button type="button" onClick={() => edit('secrets.password', (d) => void (d.secretsCleared.password = true))}>
                {t('connections.form.general.forget')}
              </button>
            ) : undefined
          }
        >
          <input type="password" value={draft.secrets.password} onChange={(event) => edit('secrets.password', (d) => void (d.secrets.password = event.target.value))} autoComplete="new-password" />
        </Field>
        <Field label={t('connections.form.general.keepalive')} error={errors.keepalive}>
          <input value={draft.keepalive} inputMode="numeric" onChange={(event) => edit('keepalive', (d) => void (d.keepalive = event.target.value))} />
        </Field>
        <Field label={t('connections.form.general.connectTimeout')} error={errors.connectTimeoutSeconds}>
          <input value={draft.connectTimeoutSeconds} inputMode="numeric" onChange={(event) => edit('connectTimeoutSeconds', (d) => void (d.connectTimeoutSeconds = event.target.value))} />
        </Field>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={draft.clean} onChange={(event) => edit('clientId', (d) => void (d.clean = event.target.checked))} />
            {cleanLabel}
          </label>
        </div>
        <div className="field checkbox-field">
          <label title={t('connections.form.general.restoreTitle')}>
            <input
              type="checkbox"
              checked={draft.restoreSubscriptions}
              onChange={(event) => edit('restoreSubscriptions', (d) => void (d.restoreSubscriptions = event.target.checked))}
            />
            {t('connections.form.general.restore')}
          </label>
        </div>
      </div>
    </fieldset>
  );
}
