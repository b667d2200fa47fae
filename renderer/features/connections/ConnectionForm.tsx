import { errorText } from '../../components/use-action-error';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { usesTls } from '../../../shared/domain/profile';
import { api, ApiError } from '../../api';
import { showView, upsertConnection, useAppStore } from '../../store/app-store';
import { GeneralSection } from './form/GeneralSection';
import { PropertiesSection } from './form/PropertiesSection';
import { ProtobufSection } from './form/ProtobufSection';
import { ReconnectSection } from './form/ReconnectSection';
import type { SectionProps } from './form/section-props';
import { TlsSection } from './form/TlsSection';
import { WillSection } from './form/WillSection';
import { draftFromProfile, newDraft, validateDraft } from './profile-form';
import type { FieldErrors, ProfileDraft } from './profile-form';
import { ErrorNote } from '../../components/ErrorNote';
import { visibleName } from '../../../shared/text/invisible-characters';

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

  const edit: SectionProps['edit'] = (path, change) => {
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== path && !key.startsWith(`${path}.`))));
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const andConnect = submitter?.value === 'connect';
    const checked = validateDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError(`Fix the ${Object.keys(checked.errors).length === 1 ? 'marked field' : 'marked fields'} first.`);
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
        setFormError(error.message);
      } else {
        setFormError(errorText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const live = existing && existing.status.state !== 'idle' && existing.status.state !== 'disconnected' && existing.status.state !== 'failed';
  const sectionProps: SectionProps = { draft, errors, edit };
  const title = existing ? `Edit ${visibleName(existing.profile.name)}` : 'New connection';

  return (
    <form className="connection-form" aria-label={title} onSubmit={save} noValidate>
      <h2>{title}</h2>
      {live && <p className="form-note">Changes take effect the next time you connect.</p>}
      <GeneralSection {...sectionProps} />
      {usesTls(draft.transport) && <TlsSection {...sectionProps} />}
      <WillSection {...sectionProps} />
      {draft.protocolVersion === 5 && <PropertiesSection {...sectionProps} />}
      <ReconnectSection {...sectionProps} />
      <ProtobufSection {...sectionProps} />
      <ErrorNote message={formError} />
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
