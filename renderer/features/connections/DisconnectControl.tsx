import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ClientDisconnectReason, DisconnectOptions } from '../../../shared/mqtt/disconnect-options';
import { DisconnectOptions as DisconnectOptionsSchema, clientDisconnectCodes, clientDisconnectReasonMessage, describeClientDisconnectMessage, sessionExpiryUpdatable } from '../../../shared/mqtt/disconnect-options';
import type { ProfileView } from '../../../shared/domain/profile';
import { Field } from '../../components/Field';
import { useT } from '../../i18n/use-t';
import { isMessageKey, type MessageParams } from '../../../shared/i18n';
import './disconnect-control.css';

interface Props {
  profile: ProfileView;
  /** Offered only while connected: the reason goes in a DISCONNECT, which needs a live connection. */
  connected: boolean;
  onDisconnect(options: DisconnectOptions): void;
}

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0').toUpperCase()}`;

/**
 * Disconnect, and on MQTT 5 "End with reason…" (not named "Disconnect…": the plain button keeps its unique name): a reason code from those a client may send
 * and, where MQTT-3.14.2-2 allows it, a new session expiry. The plain button stays the quick way (0x00).
 */
export function DisconnectControl({ profile, connected, onDisconnect }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const dialogId = useId();
  const offered = profile.protocolVersion === 5 && connected;
  return (
    <div className="disconnect-control">
      <button type="button" onClick={() => onDisconnect({})}>
        {t('connections.disconnect.button')}
      </button>
      {offered && (
        <button type="button" aria-expanded={open} aria-controls={dialogId} onClick={() => setOpen(!open)}>
          {t('connections.disconnect.withReason')}
        </button>
      )}
      {offered && open && (
        <DisconnectForm
          id={dialogId}
          profile={profile}
          onCancel={() => setOpen(false)}
          onSend={(options) => {
            setOpen(false);
            onDisconnect(options);
          }}
        />
      )}
    </div>
  );
}

function DisconnectForm({ id, profile, onCancel, onSend }: { id: string; profile: ProfileView; onCancel(): void; onSend(options: DisconnectOptions): void }) {
  const [reasonCode, setReasonCode] = useState<ClientDisconnectReason>(0x00);
  const [expiry, setExpiry] = useState('');
  const t = useT();
  const [error, setError] = useState<string>();
  const connectExpiry = profile.properties.sessionExpiryInterval;
  const updatable = sessionExpiryUpdatable(connectExpiry);
  const send = (event: FormEvent) => {
    event.preventDefault();
    const typed = expiry.trim();
    if (typed !== '' && !/^\d+$/.test(typed)) {
      setError(t('connections.disconnect.expiryWhole'));
      return;
    }
    const parsed = DisconnectOptionsSchema.safeParse(typed === '' ? { reasonCode } : { reasonCode, sessionExpiryInterval: Number(typed) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // A custom issue's params fill the key's placeholders (the refused reason code).
      const params = issue?.code === 'custom' ? (issue.params as MessageParams | undefined) : undefined;
      setError(issue !== undefined && isMessageKey(issue.message) ? t(issue.message, params) : issue?.message);
      return;
    }
    onSend(parsed.data);
  };
  return (
    <form
      id={id}
      className="disconnect-form"
      role="dialog"
      aria-label={t('connections.disconnect.dialogLabel')}
      onSubmit={send}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      noValidate
    >
      <Field label={t('connections.disconnect.reasonCode')} hint={t('connections.disconnect.reasonHint', { code: hex(reasonCode), name: t.msg(clientDisconnectReasonMessage(reasonCode)) })}>
        <select autoFocus value={reasonCode} onChange={(event) => setReasonCode(Number(event.target.value) as ClientDisconnectReason)}>
          {clientDisconnectCodes.map((code) => (
            <option key={code} value={code}>
              {t.msg(describeClientDisconnectMessage(code))}
            </option>
          ))}
        </select>
      </Field>
      {updatable ? (
        <Field label={t('connections.disconnect.newExpiry')} error={error} hint={t('connections.disconnect.newExpiryHint', { seconds: String(connectExpiry) })}>
          <input inputMode="numeric" value={expiry} placeholder={String(connectExpiry)} onChange={(event) => setExpiry(event.target.value)} />
        </Field>
      ) : (
        <p className="field-hint">{t('connections.disconnect.expiryFixed')}</p>
      )}
      {!updatable && error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('connections.disconnect.send')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('connections.disconnect.cancel')}
        </button>
      </div>
    </form>
  );
}
