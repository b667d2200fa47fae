import { errorText } from '../../components/use-action-error';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { BrokerSnapshot } from '../../../shared/domain/broker';
import { api, ApiError } from '../../api';
import { Field } from '../../components/Field';
import { FilePicker } from '../../components/FilePicker';
import { setBroker } from '../../store/app-store';
import { readPemFile } from '../connections/profile-form';
import { draftFromSettings, validateBrokerDraft } from './broker-form';
import type { BrokerDraft, BrokerErrors } from './broker-form';

const ALL_INTERFACES = '0.0.0.0';

export function BrokerSettingsForm({ broker }: { broker: BrokerSnapshot }) {
  const [draft, setDraft] = useState<BrokerDraft>(() => draftFromSettings(broker.settings));
  const [errors, setErrors] = useState<BrokerErrors>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const running = broker.state === 'running';

  const edit = (path: string, change: (next: BrokerDraft) => void) => {
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== path && !key.startsWith(`${path}.`))));
    setMessage(undefined);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateBrokerDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage({ kind: 'error', text: 'Fix the marked fields first.' });
      return;
    }
    try {
      const settings = await api.invoke('broker.saveSettings', { settings: checked.settings });
      setDraft(draftFromSettings(settings));
      setBroker(await api.invoke('broker.get', {}));
      setMessage({ kind: 'ok', text: running ? 'Saved. Stop and start the broker to use the new settings.' : 'Saved.' });
    } catch (error) {
      if (error instanceof ApiError && error.field?.startsWith('settings.')) setErrors({ [error.field.slice('settings.'.length)]: error.message });
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };

  const bindChoices = [
    { value: '127.0.0.1', label: '127.0.0.1: this computer only' },
    { value: ALL_INTERFACES, label: 'All interfaces: devices on your network can connect' },
    ...broker.addresses.map((address) => ({ value: address, label: `${address} only` })),
  ];
  if (!bindChoices.some((choice) => choice.value === draft.bindAddress)) bindChoices.push({ value: draft.bindAddress, label: `${draft.bindAddress} (not on this machine now)` });
  const keyName = draft.tlsKey !== '' || (draft.tlsKeySet && !draft.tlsKeyCleared) ? draft.tls.keyName : '';

  return (
    <form className="broker-settings" aria-label="Broker settings" onSubmit={save} noValidate>
      <div className="form-grid">
        <Field label="Listen on" error={errors.bindAddress} className="span-2">
          <select value={draft.bindAddress} onChange={(event) => edit('bindAddress', (next) => void (next.bindAddress = event.target.value))}>
            {bindChoices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </Field>
        {draft.bindAddress !== '127.0.0.1' && (
          <p className="warning span-2" role="alert">
            Other computers and devices on your network can reach this broker{draft.auth === 'anonymous' ? ' without a password' : ''}. Use it on a network you trust.
            {broker.addresses.length > 0 && ` Point devices at ${broker.addresses.join(' or ')}.`}
          </p>
        )}
        <Field label="MQTT port" error={errors.tcpPort}>
          <input value={draft.tcpPort} inputMode="numeric" onChange={(event) => edit('tcpPort', (next) => void (next.tcpPort = event.target.value))} />
        </Field>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={draft.autoStart} onChange={(event) => edit('autoStart', (next) => void (next.autoStart = event.target.checked))} />
            Start the broker when the app starts
          </label>
        </div>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={draft.websocket.enabled} onChange={(event) => edit('websocket', (next) => void (next.websocket.enabled = event.target.checked))} />
            WebSocket listener
          </label>
        </div>
        {draft.websocket.enabled ? (
          <Field label="WebSocket port" error={errors['websocket.port']}>
            <input value={draft.websocket.port} inputMode="numeric" onChange={(event) => edit('websocket.port', (next) => void (next.websocket.port = event.target.value))} />
          </Field>
        ) : (
          <span />
        )}
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={draft.tls.enabled} onChange={(event) => edit('tls', (next) => void (next.tls.enabled = event.target.checked))} />
            TLS listener
          </label>
        </div>
        {draft.tls.enabled ? (
          <Field label="TLS port" error={errors['tls.port']}>
            <input value={draft.tls.port} inputMode="numeric" onChange={(event) => edit('tls.port', (next) => void (next.tls.port = event.target.value))} />
          </Field>
        ) : (
          <span />
        )}
        {draft.tls.enabled && (
          <>
            <FilePicker
              label="Server certificate"
              fileName={draft.tls.cert?.name ?? ''}
              emptyText="None"
              error={errors['tls.cert.pem'] ?? errors['tls.cert']}
              onChoose={async (file) => {
                const cert = await readPemFile(file);
                edit('tls.cert', (next) => void (next.tls.cert = cert));
              }}
              onClear={() => edit('tls.cert', (next) => void (next.tls.cert = null))}
            />
            <FilePicker
              label="Server key"
              fileName={keyName}
              emptyText="None"
              error={errors.tlsKey ?? errors['tls.keyName']}
              onChoose={async (file) => {
                const key = await readPemFile(file);
                edit('tls.keyName', (next) => {
                  next.tls.keyName = key.name;
                  next.tlsKey = key.pem;
                  next.tlsKeyCleared = false;
                });
              }}
              onClear={() =>
                edit('tls.keyName', (next) => {
                  next.tls.keyName = '';
                  next.tlsKey = '';
                  next.tlsKeyCleared = true;
                })
              }
            />
          </>
        )}
        <Field label="Authentication" error={errors.auth} className="span-2">
          <select value={draft.auth} onChange={(event) => edit('auth', (next) => void (next.auth = event.target.value as BrokerDraft['auth']))}>
            <option value="anonymous">Anonymous: any client may connect</option>
            <option value="users">User names and passwords</option>
          </select>
        </Field>
        {draft.auth === 'users' && <UsersEditor draft={draft} errors={errors} edit={edit} />}
      </div>
      <div className="row">
        <button type="submit">Save settings</button>
        {message && (
          <span className={message.kind === 'error' ? 'form-error' : 'field-hint'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}

function UsersEditor({ draft, errors, edit }: { draft: BrokerDraft; errors: BrokerErrors; edit: (path: string, change: (next: BrokerDraft) => void) => void }) {
  return (
    <fieldset className="key-value-editor span-2">
      <legend>Users</legend>
      {errors.users && (
        <p className="field-error" role="alert">
          {errors.users}
        </p>
      )}
      {draft.users.map((user, index) => {
        const problem = errors[`users.${index}.username`] ?? errors[`users.${index}.password`];
        return (
          <div className="key-value-row" key={index}>
            <input aria-label={`User ${index + 1} name`} placeholder="user name" value={user.username} autoComplete="off" onChange={(event) => edit(`users.${index}.username`, (next) => void (next.users[index]!.username = event.target.value))} />
            <input
              aria-label={`User ${index + 1} password`}
              type="password"
              autoComplete="new-password"
              placeholder={user.passwordSet ? 'stored; type to change' : 'password'}
              value={user.password}
              onChange={(event) => edit(`users.${index}.password`, (next) => void (next.users[index]!.password = event.target.value))}
            />
            <button type="button" aria-label={`Remove user ${index + 1}`} onClick={() => edit('users', (next) => void next.users.splice(index, 1))}>
              ✕
            </button>
            {problem && (
              <p className="field-error span-row" role="alert">
                User {index + 1}: {problem}
              </p>
            )}
          </div>
        );
      })}
      <button type="button" className="add-row" onClick={() => edit('users', (next) => void next.users.push({ username: '', password: '', passwordSet: false }))}>
        Add user
      </button>
    </fieldset>
  );
}
