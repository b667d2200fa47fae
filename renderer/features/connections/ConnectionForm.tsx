import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError } from '../../api';
import { Field } from '../../components/Field';
import { showView, upsertConnection, useAppStore } from '../../store/app-store';
import { draftFromProfile, generateClientId, newDraft, validateDraft, withTransport } from './profile-form';
import type { FieldErrors, ProfileDraft } from './profile-form';

interface Props {
  connectionId?: string;
}

export function ConnectionForm({ connectionId }: Props) {
  const existing = useAppStore((state) => (connectionId ? state.connections[connectionId] : undefined));
  const count = useAppStore((state) => state.order.length);
  const [draft, setDraft] = useState<ProfileDraft>(() => (existing ? draftFromProfile(existing.profile) : newDraft(count)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const update = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const andConnect = submitter?.value === 'connect';
    const checked = validateDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setFormError(undefined);
    try {
      const snapshot = await api.invoke('connection.save', { profile: checked.profile });
      upsertConnection(snapshot);
      if (andConnect) upsertConnection(await api.invoke('connection.connect', { connectionId: snapshot.connectionId }));
      showView({ kind: 'workspace', connectionId: snapshot.connectionId });
    } catch (error) {
      if (error instanceof ApiError && error.field?.startsWith('profile.')) {
        setErrors({ [error.field.slice('profile.'.length)]: error.message });
      } else {
        setFormError(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const cleanLabel = draft.protocolVersion === 5 ? 'Clean start' : 'Clean session';
  const live = existing && existing.status.state !== 'idle' && existing.status.state !== 'disconnected' && existing.status.state !== 'failed';

  return (
    <form className="connection-form" aria-label={existing ? `Edit ${existing.profile.name}` : 'New connection'} onSubmit={save} noValidate>
      <h2>{existing ? `Edit ${existing.profile.name}` : 'New connection'}</h2>
      {live && <p className="form-note">Changes take effect the next time you connect.</p>}
      <div className="form-grid">
        <Field label="Name" error={errors.name} className="span-2">
          <input value={draft.name} onChange={(event) => update('name', event.target.value)} autoFocus />
        </Field>
        <Field label="Transport" error={errors.transport}>
          <select value={draft.transport} onChange={(event) => setDraft(withTransport(draft, event.target.value as ProfileDraft['transport']))}>
            <option value="mqtt">mqtt:// (TCP)</option>
            <option value="ws">ws:// (WebSocket)</option>
          </select>
        </Field>
        <Field label="MQTT version" error={errors.protocolVersion}>
          <select value={draft.protocolVersion} onChange={(event) => update('protocolVersion', Number(event.target.value) as 4 | 5)}>
            <option value={5}>5.0</option>
            <option value={4}>3.1.1</option>
          </select>
        </Field>
        <Field label="Host" error={errors.host}>
          <input value={draft.host} onChange={(event) => update('host', event.target.value)} spellCheck={false} />
        </Field>
        <Field label="Port" error={errors.port}>
          <input value={draft.port} inputMode="numeric" onChange={(event) => update('port', event.target.value)} />
        </Field>
        {draft.transport === 'ws' && (
          <Field label="WebSocket path" error={errors.path} className="span-2">
            <input value={draft.path} onChange={(event) => update('path', event.target.value)} spellCheck={false} />
          </Field>
        )}
        <Field
          label="Client ID"
          error={errors.clientId}
          className="span-2"
          hint={draft.clientId === '' ? 'Empty: the broker assigns one (needs a clean session on 3.1.1).' : undefined}
          action={
            <button type="button" onClick={() => update('clientId', generateClientId())}>
              Generate
            </button>
          }
        >
          <input value={draft.clientId} onChange={(event) => update('clientId', event.target.value)} spellCheck={false} />
        </Field>
        <Field label="Username" error={errors.username}>
          <input value={draft.username} onChange={(event) => update('username', event.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
        <Field label="Password" error={errors.password} hint={draft.passwordSet ? 'A password is stored; leave empty to keep it.' : undefined}>
          <input type="password" value={draft.password} onChange={(event) => update('password', event.target.value)} autoComplete="new-password" />
        </Field>
        <Field label="Keepalive (seconds)" error={errors.keepalive}>
          <input value={draft.keepalive} inputMode="numeric" onChange={(event) => update('keepalive', event.target.value)} />
        </Field>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={draft.clean} onChange={(event) => update('clean', event.target.checked)} />
            {cleanLabel}
          </label>
        </div>
      </div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" value="connect" className="primary" disabled={busy}>
          Save and connect
        </button>
        <button type="submit" value="save" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={() => showView(connectionId ? { kind: 'workspace', connectionId } : { kind: 'welcome' })}>
          Cancel
        </button>
      </div>
    </form>
  );
}
