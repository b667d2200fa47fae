import { errorText } from '../../components/use-action-error';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AckKind, BrokerSnapshot, FaultInput, FaultView } from '../../../shared/domain/broker';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { setBroker } from '../../store/app-store';
import { connackCodes, describeFault } from '../../../shared/broker/fault-text';
import { ErrorNote } from '../../components/ErrorNote';

type Kind = FaultInput['kind'];

const kinds: { value: Kind; label: string }[] = [
  { value: 'drop-acks', label: 'Drop acknowledgements' },
  { value: 'delay', label: 'Delay acknowledgements or deliveries' },
  { value: 'drop-qos0', label: 'Drop QoS 0 deliveries' },
  { value: 'refuse-connections', label: 'Refuse new connections' },
  { value: 'pause-delivery', label: 'Pause delivery' },
];

interface Draft {
  kind: Kind;
  target: string;
  ack: AckKind;
  direction: 'to-client' | 'from-client';
  count: string;
  what: 'acks' | 'deliveries';
  ms: string;
  percent: string;
  code: string;
}

function toFault(draft: Draft): FaultInput | string {
  const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
  switch (draft.kind) {
    case 'drop-acks': {
      const count = whole(draft.count);
      if (!(count >= 1 && count <= 10_000)) return 'Drop between 1 and 10000 acknowledgements.';
      return { kind: 'drop-acks', target: draft.target, ack: draft.ack, direction: draft.direction, count };
    }
    case 'delay': {
      const ms = whole(draft.ms);
      if (!(ms >= 1 && ms <= 600_000)) return 'Delay by 1 to 600000 ms.';
      return { kind: 'delay', target: draft.target, what: draft.what, ms };
    }
    case 'drop-qos0': {
      const percent = whole(draft.percent);
      if (!(percent >= 1 && percent <= 100)) return 'Drop 1 to 100 percent.';
      return { kind: 'drop-qos0', target: draft.target, percent };
    }
    case 'refuse-connections':
      return { kind: 'refuse-connections', target: draft.target, code: Number(draft.code) };
    case 'pause-delivery':
      return { kind: 'pause-delivery', target: draft.target };
  }
}

/** A fault with a count (drop the next N acknowledgements) that has dropped all N. */
function isUsedUp(fault: FaultView): boolean {
  return fault.remaining === 0;
}

function hitsText(fault: FaultView): string {
  return `${fault.hits} hit${fault.hits === 1 ? '' : 's'}`;
}

/** Faults a QA engineer switches on to see how a device copes; each one listed while active. */
export function FaultsPanel({ broker }: { broker: BrokerSnapshot }) {
  const [draft, setDraft] = useState<Draft>({ kind: 'drop-acks', target: '*', ack: 'puback', direction: 'to-client', count: '1', what: 'deliveries', ms: '500', percent: '50', code: '3' });
  const [error, setError] = useState<string>();
  const set = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setError(undefined);
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const fault = toFault(draft);
    if (typeof fault === 'string') {
      setError(fault);
      return;
    }
    try {
      setBroker(await api.invoke('broker.faults.add', { fault }));
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const remove = async (faultId: number) => {
    try {
      setBroker(await api.invoke('broker.faults.remove', { faultId }));
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const active = broker.faults.filter((fault) => !isUsedUp(fault));
  const usedUp = broker.faults.filter(isUsedUp);

  return (
    <section className="broker-section" aria-labelledby="broker-faults">
      <h3 id="broker-faults">Fault injection</h3>
      <form className="fault-form" aria-label="Add a fault" onSubmit={add} noValidate>
        <Field label="Fault">
          <select value={draft.kind} onChange={(event) => set({ kind: event.target.value as Kind })}>
            {kinds.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {kind.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Clients" hint="Type a client id that has not connected yet to aim at it.">
          <input value={draft.target === '*' ? '' : draft.target} placeholder="all clients" list="fault-clients" spellCheck={false} onChange={(event) => set({ target: event.target.value.trim() === '' ? '*' : event.target.value.trim() })} />
        </Field>
        <datalist id="fault-clients">
          {broker.clients.map((client) => (
            <option key={client.clientId} value={client.clientId} />
          ))}
        </datalist>
        {draft.kind === 'drop-acks' && (
          <>
            <Field label="Acknowledgement">
              <select value={draft.ack} onChange={(event) => set({ ack: event.target.value as AckKind })}>
                {(['puback', 'pubrec', 'pubrel', 'pubcomp'] as const).map((ack) => (
                  <option key={ack} value={ack}>
                    {ack.toUpperCase()}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Direction">
              <select value={draft.direction} onChange={(event) => set({ direction: event.target.value as Draft['direction'] })}>
                <option value="to-client">broker → client (not sent)</option>
                <option value="from-client">client → broker (ignored)</option>
              </select>
            </Field>
            <Field label="How many">
              <input value={draft.count} inputMode="numeric" onChange={(event) => set({ count: event.target.value })} />
            </Field>
          </>
        )}
        {draft.kind === 'delay' && (
          <>
            <Field label="What">
              <select value={draft.what} onChange={(event) => set({ what: event.target.value as Draft['what'] })}>
                <option value="deliveries">Deliveries (PUBLISH to subscribers)</option>
                <option value="acks">Acknowledgements</option>
              </select>
            </Field>
            <Field label="Delay (ms)">
              <input value={draft.ms} inputMode="numeric" onChange={(event) => set({ ms: event.target.value })} />
            </Field>
          </>
        )}
        {draft.kind === 'drop-qos0' && (
          <Field label="Percent dropped">
            <input value={draft.percent} inputMode="numeric" onChange={(event) => set({ percent: event.target.value })} />
          </Field>
        )}
        {draft.kind === 'refuse-connections' && (
          <Field label="CONNACK code">
            <select value={draft.code} onChange={(event) => set({ code: event.target.value })}>
              {Object.entries(connackCodes).map(([code, name]) => (
                <option key={code} value={code}>
                  {code}: {name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <button type="submit" className="primary" disabled={broker.state !== 'running'}>
          Add fault
        </button>
      </form>
      <ErrorNote message={error} />
      {active.length === 0 ? (
        <p className="empty-note">No faults active: the broker behaves.</p>
      ) : (
        <ul className="fault-list" aria-label="Active faults">
          {active.map((fault) => (
            <li key={fault.id} aria-label={describeFault(fault)}>
              <span className="fault-badge">active</span> {describeFault(fault)} · {hitsText(fault)}
              {fault.remaining !== undefined && ` · ${fault.remaining} left`}
              <button type="button" aria-label={`Switch off: ${describeFault(fault)}`} onClick={() => void remove(fault.id)}>
                Switch off
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Kept in sight so the user sees it happened, but it acts no more: not among the active ones. */}
      {usedUp.length > 0 && (
        <ul className="fault-list" aria-label="Used-up faults">
          {usedUp.map((fault) => (
            <li key={fault.id} aria-label={describeFault(fault)}>
              <span className="fault-badge fault-used-up">used up</span> {describeFault(fault)} · {hitsText(fault)}
              <button type="button" aria-label={`Remove: ${describeFault(fault)}`} onClick={() => void remove(fault.id)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
