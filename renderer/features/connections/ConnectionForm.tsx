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
import { checkDraft, draftFromProfile, newDraft, wordErrors } from './profile-form';
import type { FieldErrors, ProfileDraft } from './profile-form';
import { ErrorNote } from '../../components/ErrorNote';
import { visibleName } from '../../../shared/text/invisible-characters';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

interface Props {
  connectionId?: string;
}

export function ConnectionForm({ connectionId }: Props) {
  const existing = useAppStore((state) => (connectionId ? state.connections[connectionId] : undefined));
  const count = useAppStore((state) => state.order.length);
  const t = useT();
  const [draft, setDraft] = useState<ProfileDraft>(() => (existing ? draftFromProfile(existing.profile) : newDraft(count, t)));
  // Problems are kept unworded (catalogue keys, a thrown failure) and worded at render, so a language switch rewords them.
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ marked: number } | { failure: unknown }>();
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
    const checked = checkDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError({ marked: Object.keys(checked.errors).length });
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
        // The router sends a schema problem as a key without parameters: keep the key, word it at render.
        setErrors({ [error.field.slice('profile.'.length)]: error.text && !error.text.params ? error.text.key : error.message });
        setFormError({ failure: error });
      } else {
        setFormError({ failure: error });
      }
    } finally {
      setBusy(false);
    }
  };

  const live = existing && existing.status.state !== 'idle' && existing.status.state !== 'disconnected' && existing.status.state !== 'failed';
  const sectionProps: SectionProps = { draft, errors: wordErrors(t, errors), edit };
  const title = existing ? t('connections.form.editTitle', { name: visibleName(existing.profile.name) }) : t('connections.form.newTitle');
  const formErrorText = formError === undefined ? undefined : 'marked' in formError ? t('connections.form.fixMarked', { count: formError.marked }) : describeError(t, formError.failure);

  return (
    <form className="connection-form" aria-label={title} onSubmit={save} noValidate>
      <h2>{title}</h2>
      {live && <p className="form-note">{t('connections.form.liveNote')}</p>}
      <GeneralSection {...sectionProps} />
      {usesTls(draft.transport) && <TlsSection {...sectionProps} />}
      <WillSection {...sectionProps} />
      {draft.protocolVersion === 5 && <PropertiesSection {...sectionProps} />}
      <ReconnectSection {...sectionProps} />
      <ProtobufSection {...sectionProps} />
      <ErrorNote message={formErrorText} />
      <div className="form-actions">
        <button type="submit" value="connect" className="primary" disabled={busy}>
          {t('connections.form.saveAndConnect')}
        </button>
        <button type="submit" value="save" disabled={busy}>
          {t('connections.form.save')}
        </button>
        <button type="button" onClick={() => showView(connectionId ? { kind: 'workspace', connectionId } : { kind: 'welcome' })}>
          {t('connections.form.cancel')}
        </button>
      </div>
    </form>
  );
}
