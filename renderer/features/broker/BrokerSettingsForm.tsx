import { useState } from 'react';
import type { FormEvent } from 'react';
import type { BrokerSnapshot } from '../../../shared/domain/broker';
import { api, ApiError } from '../../api';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';
import { isMessageKey, type Message, type Translator } from '../../../shared/i18n';
import { Field } from '../../components/Field';
import { FilePicker } from '../../components/FilePicker';
import { setBroker } from '../../store/app-store';
import { readPemFile } from '../connections/profile-form';
import { draftFromSettings, validateBrokerDraft } from './broker-form';
import type { BrokerDraft, BrokerErrors } from './broker-form';

const ALL_INTERFACES = '0.0.0.0';

/** A field error: a catalogue key from the form's own checks or the schema, else a core's text. */
function fieldText(t: Translator, error: string | Message | undefined): string | undefined {
  if (typeof error === 'object') return t.msg(error);
  return error !== undefined && isMessageKey(error) ? t(error) : error;
}

export function BrokerSettingsForm({ broker }: { broker: BrokerSnapshot }) {
  const t = useT();
  const [draft, setDraft] = useState<BrokerDraft>(() => draftFromSettings(broker.settings));
  const [errors, setErrors] = useState<BrokerErrors>({});
  // What the last save said, kept as a key or the failure itself so a language switch rewords it.
  const [message, setMessage] = useState<{ kind: 'ok'; key: 'broker.settings.saved' | 'broker.settings.savedRestart' } | { kind: 'error'; key: 'broker.settings.fixFirst' } | { kind: 'error'; failure: unknown }>();
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
      setMessage({ kind: 'error', key: 'broker.settings.fixFirst' });
      return;
    }
    try {
      const settings = await api.invoke('broker.saveSettings', { settings: checked.settings });
      setDraft(draftFromSettings(settings));
      setBroker(await api.invoke('broker.get', {}));
      setMessage({ kind: 'ok', key: running ? 'broker.settings.savedRestart' : 'broker.settings.saved' });
    } catch (error) {
      if (error instanceof ApiError && error.field?.startsWith('settings.')) setErrors({ [error.field.slice('settings.'.length)]: describeError(t, error) });
      setMessage({ kind: 'error', failure: error });
    }
  };

  const bindChoices = [
    { value: '127.0.0.1', label: t('broker.settings.bindLoopback') },
    { value: ALL_INTERFACES, label: t('broker.settings.bindAll') },
    ...broker.addresses.map((address) => ({ value: address, label: t('broker.settings.bindOnly', { address }) })),
  ];
  if (!bindChoices.some((choice) => choice.value === draft.bindAddress)) bindChoices.push({ value: draft.bindAddress, label: t('broker.settings.bindGone', { address: draft.bindAddress }) });
  const keyName = draft.tlsKey !== '' || (draft.tlsKeySet && !draft.tlsKeyCleared) ? draft.tls.keyName : '';

  return (
    <form className="broker-settings" aria-label={t('broker.settings.label')} onSubmit={save} noValidate>
      <div className="form-grid">
        <Field label={t('broker.settings.listenOn')} error={fieldText(t, errors.bindAddress)} className="span-2">
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
            {t(draft.auth === 'anonymous' ? 'broker.settings.exposedAnonymous' : 'broker.settings.exposed')}
            {broker.addresses.length > 0 && t('broker.settings.pointAt', { addresses: broker.addresses.join(t('broker.settings.or')) })}
          </p>
        )}
        <Field label={t('broker.settings.mqttPort')} error={fieldText(t, errors.tcpPort)}>
          <input value={draft.tcpPort} inputMode="numeric" onChange={(event) => edit('tcpPort', (next) => void (next.tcpPort = event.target.value))} />
        </Field>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={draft.autoStart} onChange={(event) => edit('autoStart', (next) => void (next.autoStart = event.target.checked))} />
            {t('broker.settings.autoStart')}
          </label>
        </div>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={draft.websocket.enabled} onChange={(event) => edit('websocket', (next) => void (next.websocket.enabled = event.target.checked))} />
            {t('broker.settings.websocket')}
          </label>
        </div>
        {draft.websocket.enabled ? (
          <Field label={t('broker.settings.websocketPort')} error={fieldText(t, errors['websocket.port'])}>
            <input value={draft.websocket.port} inputMode="numeric" onChange={(event) => edit('websocket.port', (next) => void (next.websocket.port = event.target.value))} />
          </Field>
        ) : (
          <span />
        )}
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={draft.tls.enabled} onChange={(event) => edit('tls', (next) => void (next.tls.enabled = event.target.checked))} />
            {t('broker.settings.tls')}
          </label>
        </div>
        {draft.tls.enabled ? (
          <Field label={t('broker.settings.tlsPort')} error={fieldText(t, errors['tls.port'])}>
            <input value={draft.tls.port} inputMode="numeric" onChange={(event) => edit('tls.port', (next) => void (next.tls.port = event.target.value))} />
          </Field>
        ) : (
          <span />
        )}
        {draft.tls.enabled && (
          <>
            <FilePicker
              label={t('broker.settings.cert')}
              fileName={draft.tls.cert?.name ?? ''}
              emptyText={t('broker.settings.none')}
              error={fieldText(t, errors['tls.cert.pem'] ?? errors['tls.cert'])}
              onChoose={async (file) => {
                const cert = await readPemFile(file);
                edit('tls.cert', (next) => void (next.tls.cert = cert));
              }}
              onClear={() => edit('tls.cert', (next) => void (next.tls.cert = null))}
            />
            <FilePicker
              label={t('broker.settings.key')}
              fileName={keyName}
              emptyText={t('broker.settings.none')}
              error={fieldText(t, errors.tlsKey ?? errors['tls.keyName'])}
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
        <Field label={t('broker.settings.auth')} error={fieldText(t, errors.auth)} className="span-2">
          <select value={draft.auth} onChange={(event) => edit('auth', (next) => void (next.auth = event.target.value as BrokerDraft['auth']))}>
            <option value="anonymous">{t('broker.settings.authAnonymous')}</option>
            <option value="users">{t('broker.settings.authUsers')}</option>
          </select>
        </Field>
        {draft.auth === 'users' && <UsersEditor draft={draft} errors={errors} edit={edit} />}
      </div>
      <div className="row">
        <button type="submit">{t('broker.settings.save')}</button>
        {message && (
          <span className={message.kind === 'error' ? 'form-error' : 'field-hint'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {'failure' in message ? describeError(t, message.failure) : t(message.key)}
          </span>
        )}
      </div>
    </form>
  );
}

function UsersEditor({ draft, errors, edit }: { draft: BrokerDraft; errors: BrokerErrors; edit: (path: string, change: (next: BrokerDraft) => void) => void }) {
  const t = useT();
  return (
    <fieldset className="key-value-editor span-2">
      <legend>{t('broker.settings.users')}</legend>
      {errors.users && (
        <p className="field-error" role="alert">
          {fieldText(t, errors.users)}
        </p>
      )}
      {draft.users.map((user, index) => {
        const problem = fieldText(t, errors[`users.${index}.username`] ?? errors[`users.${index}.password`]);
        return (
          <div className="key-value-row" key={index}>
            <input aria-label={t('broker.settings.userName', { n: index + 1 })} placeholder={t('broker.settings.userNamePlaceholder')} value={user.username} autoComplete="off" onChange={(event) => edit(`users.${index}.username`, (next) => void (next.users[index]!.username = event.target.value))} />
            <input
              aria-label={t('broker.settings.userPasswordLabel', { n: index + 1 })}
              type="password"
              autoComplete="new-password"
              placeholder={t(user.passwordSet ? 'broker.settings.passwordStored' : 'broker.settings.passwordPlaceholder')}
              value={user.password}
              onChange={(event) => edit(`users.${index}.password`, (next) => void (next.users[index]!.password = event.target.value))}
            />
            <button type="button" aria-label={t('broker.settings.removeUser', { n: index + 1 })} onClick={() => edit('users', (next) => void next.users.splice(index, 1))}>
              ✕
            </button>
            {problem && (
              <p className="field-error span-row" role="alert">
                {t('broker.settings.userProblem', { n: index + 1, problem })}
              </p>
            )}
          </div>
        );
      })}
      <button type="button" className="add-row" onClick={() => edit('users', (next) => void next.users.push({ username: '', password: '', passwordSet: false }))}>
        {t('broker.settings.addUser')}
      </button>
    </fieldset>
  );
}
