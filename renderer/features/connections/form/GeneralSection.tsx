import { protocolNames, usesWebSocket } from '../../../../shared/domain/profile';
import type { ProtocolVersion, Transport } from '../../../../shared/domain/profile';
import { Field } from '../../../components/Field';
import { KeyValueEditor } from '../../../components/KeyValueEditor';
import { generateClientId, withTransport } from '../profile-form';
import type { SectionProps } from './section-props';
import { listErrors } from './section-props';

const transports: { value: Transport; label: string }[] = [
  { value: 'mqtt', label: 'mqtt:// (TCP)' },
  { value: 'mqtts', label: 'mqtts:// (TCP + TLS)' },
  { value: 'ws', label: 'ws:// (WebSocket)' },
  { value: 'wss', label: 'wss:// (WebSocket + TLS)' },
];

export function GeneralSection({ draft, errors, edit }: SectionProps) {
  const cleanLabel = draft.protocolVersion === 5 ? 'Clean start' : 'Clean session';
  const passwordHint = draft.secretsSet.password && !draft.secretsCleared.password ? 'A password is stored; leave empty to keep it.' : undefined;
  return (
    <fieldset className="form-section">
      <legend>Connection</legend>
      <div className="form-grid">
        <Field label="Name" error={errors.name} className="span-2">
          <input value={draft.name} onChange={(event) => edit('name', (d) => void (d.name = event.target.value))} autoFocus />
        </Field>
        <Field label="Transport" error={errors.transport}>
          <select value={draft.transport} onChange={(event) => edit('port', (d) => Object.assign(d, withTransport(d, event.target.value as Transport)))}>
            {transports.map((transport) => (
              <option key={transport.value} value={transport.value}>
                {transport.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="MQTT version" error={errors.protocolVersion}>
          <select value={draft.protocolVersion} onChange={(event) => edit('clientId', (d) => void (d.protocolVersion = Number(event.target.value) as ProtocolVersion))}>
            {([5, 4, 3] as const).map((version) => (
              <option key={version} value={version}>
                {protocolNames[version]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Host" error={errors.host}>
          <input value={draft.host} onChange={(event) => edit('host', (d) => void (d.host = event.target.value))} spellCheck={false} />
        </Field>
        <Field label="Port" error={errors.port}>
          <input value={draft.port} inputMode="numeric" onChange={(event) => edit('port', (d) => void (d.port = event.target.value))} />
        </Field>
        {usesWebSocket(draft.transport) && (
          <>
            <Field label="WebSocket path" error={errors.path} className="span-2">
              <input value={draft.path} onChange={(event) => edit('path', (d) => void (d.path = event.target.value))} spellCheck={false} />
            </Field>
            <KeyValueEditor label="HTTP headers" itemName="header" items={draft.headers} errors={listErrors(errors, 'headers')} onChange={(items) => edit('headers', (d) => void (d.headers = items))} />
          </>
        )}
        <Field
          label="Client ID"
          error={errors.clientId}
          className="span-2"
          hint={draft.clientId === '' ? 'Empty: the broker assigns one (needs a clean session on 3.1.1).' : undefined}
          action={
            <button type="button" onClick={() => edit('clientId', (d) => void (d.clientId = generateClientId()))}>
              Generate
            </button>
          }
        >
          <input value={draft.clientId} onChange={(event) => edit('clientId', (d) => void (d.clientId = event.target.value))} spellCheck={false} />
        </Field>
        <Field label="Username" error={errors.username}>
          <input value={draft.username} onChange={(event) => edit('username', (d) => void (d.username = event.target.value))} autoComplete="off" spellCheck={false} />
        </Field>
        <Field
          label="Password"
          error={errors['secrets.password']}
          hint={passwordHint}
          action={
            passwordHint ? (
              <button type="button" onClick={() => edit('secrets.password', (d) => void (d.secretsCleared.password = true))}>
                Forget
              </button>
            ) : undefined
          }
        >
          <input type="password" value={draft.secrets.password} onChange={(event) => edit('secrets.password', (d) => void (d.secrets.password = event.target.value))} autoComplete="new-password" />
        </Field>
        <Field label="Keepalive (seconds)" error={errors.keepalive}>
          <input value={draft.keepalive} inputMode="numeric" onChange={(event) => edit('keepalive', (d) => void (d.keepalive = event.target.value))} />
        </Field>
        <Field label="Connect timeout (seconds)" error={errors.connectTimeoutSeconds}>
          <input value={draft.connectTimeoutSeconds} inputMode="numeric" onChange={(event) => edit('connectTimeoutSeconds', (d) => void (d.connectTimeoutSeconds = event.target.value))} />
        </Field>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={draft.clean} onChange={(event) => edit('clientId', (d) => void (d.clean = event.target.checked))} />
            {cleanLabel}
          </label>
        </div>
        <div className="field checkbox-field">
          <label title="Subscribe again, on every connect, to the filters the broker granted before; they are saved with this connection.">
            <input
              type="checkbox"
              checked={draft.restoreSubscriptions}
              onChange={(event) => edit('restoreSubscriptions', (d) => void (d.restoreSubscriptions = event.target.checked))}
            />
            Restore subscriptions on connect
          </label>
        </div>
      </div>
    </fieldset>
  );
}
