import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ClientDisconnectReason, DisconnectOptions } from '../../../shared/mqtt/disconnect-options';
import { DisconnectOptions as DisconnectOptionsSchema, clientDisconnectCodes, clientDisconnectReason, describeClientDisconnect, sessionExpiryUpdatable } from '../../../shared/mqtt/disconnect-options';
import type { ProfileView } from '../../../shared/domain/profile';
import { Field } from '../../components/Field';
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
  const [open, setOpen] = useState(false);
  const dialogId = useId();
  const offered = profile.protocolVersion === 5 && connected;
  return (
    <div className="disconnect-control">
      <button type="button" onClick={() => onDisconnect({})}>
        Disconnect
      </button>
      {offered && (
        <button type="button" aria-expanded={open} aria-controls={dialogId} onClick={() => setOpen(!open)}>
          End with reason…
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
  const [error, setError] = useState<string>();
  const connectExpiry = profile.properties.sessionExpiryInterval;
  const updatable = sessionExpiryUpdatable(connectExpiry);
  const send = (event: FormEvent) => {
    event.preventDefault();
    const typed = expiry.trim();
    if (typed !== '' && !/^\d+$/.test(typed)) {
      setError('The session expiry is a whole number of seconds.');
      return;
    }
    const parsed = DisconnectOptionsSchema.safeParse(typed === '' ? { reasonCode } : { reasonCode, sessionExpiryInterval: Number(typed) });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    onSend(parsed.data);
  };
  return (
    <form
      id={id}
      className="disconnect-form"
      role="dialog"
      aria-label="Disconnect with a reason"
      onSubmit={send}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      noValidate
    >
      <Field label="Reason code" hint={`${hex(reasonCode)}: ${clientDisconnectReason(reasonCode)}.`}>
        <select autoFocus value={reasonCode} onChange={(event) => setReasonCode(Number(event.target.value) as ClientDisconnectReason)}>
          {clientDisconnectCodes.map((code) => (
            <option key={code} value={code}>
              {describeClientDisconnect(code)}
            </option>
          ))}
        </select>
      </Field>
      {updatable ? (
        <Field label="New session expiry (seconds)" error={error} hint={`Empty keeps the ${connectExpiry} s of CONNECT; 0 ends the session with the connection.`}>
          <input inputMode="numeric" value={expiry} placeholder={String(connectExpiry)} onChange={(event) => setExpiry(event.target.value)} />
        </Field>
      ) : (
        <p className="field-hint">The session expiry cannot be changed: the connection opened with session expiry 0, and a client must not raise it on DISCONNECT (MQTT-3.14.2-2).</p>
      )}
      {!updatable && error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          Send DISCONNECT
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
