import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AckKind, BrokerSnapshot, FaultInput, FaultView } from '../../../shared/domain/broker';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { setBroker } from '../../store/app-store';
import { connackCodes, describeFault } from '../../../shared/broker/fault-text';
import { wordText } from '../../../shared/broker/broker-text';
import type { MessageKey, Translator } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';
import { ErrorNote } from '../../components/ErrorNote';

type Kind = FaultInput['kind'];

/** Packet type names, shown as the spec writes them. */
const ACKS = ['puback', 'pubrec', 'pubrel', 'pubcomp'] as const;

const kinds: { value: Kind; label: MessageKey }[] = [
  { value: 'drop-acks', label: 'broker.faults.kind.dropAcks' },
  { value: 'delay', label: 'broker.faults.kind.delay' },
  { value: 'drop-qos0', label: 'broker.faults.kind.dropQos0' },
  { value: 'refuse-connections', label: 'broker.faults.kind.refuse' },
  { value: 'pause-delivery', label: 'broker.faults.kind.pause' },
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

/** The fault to add, or the key of what is wrong with the draft. */
function toFault(draft: Draft): FaultInput | MessageKey {
  const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
  switch (draft.kind) {
    case 'drop-acks': {
      const count = whole(draft.count);
      if (!(count >= 1 && count <= 10_000)) return 'broker.faults.countRange';
      return { kind: 'drop-acks', target: draft.target, ack: draft.ack, direction: draft.direction, count };
    }
    case 'delay': {
      const ms = whole(draft.ms);
      if (!(ms >= 1 && ms <= 600_000)) return 'broker.faults.msRange';
      return { kind: 'delay', target: draft.target, what: draft.what, ms };
    }
    case 'drop-qos0': {
      const percent = whole(draft.percent);
      if (!(percent >= 1 && percent <= 100)) return 'broker.faults.percentRange';
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

function hitsText(t: Translator, fault: FaultView): string {
  return t('broker.faults.hits', { count: fault.hits });
}

/** Faults a QA engineer switches on to see how a device copes; each one listed while active. */
export function FaultsPanel({ broker }: { broker: BrokerSnapshot }) {
  const [draft, setDraft] = useState<Draft>({ kind: 'drop-acks', target: '*', ack: 'puback', direction: 'to-client', count: '1', what: 'deliveries', ms: '500', percent: '50', code: '3' });
  const t = useT();
  // A key of the form's own check or the core's failure, worded at render so a language switch rewords it.
  const [error, setError] = useState<{ key: MessageKey } | { failure: unknown }>();
  const set = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setError(undefined);
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const fault = toFault(draft);
    if (typeof fault === 'string') {
      setError({ key: fault });
      return;
    }
    try {
      setBroker(await api.invoke('broker.faults.add', { fault }));
    } catch (failure) {
      setError({ failure });
    }
  };
  const remove = async (faultId: number) => {
    try {
      setBroker(await api.invoke('broker.faults.remove', { faultId }));
    } catch (failure) {
      setError({ failure });
    }
  };

  const active = broker.faults.filter((fault) => !isUsedUp(fault));
  const usedUp = broker.faults.filter(isUsedUp);

  return (
    <section className="broker-section" aria-labelledby="broker-faults">
      <h3 id="broker-faults">{t('broker.faults.title')}</h3>
      <form className="fault-form" aria-label={t('broker.faults.addLabel')} onSubmit={add} noValidate>
        <Field label={t('broker.faults.fault')}>
          <select value={draft.kind} onChange={(event) => set({ kind: event.target.value as Kind })}>
            {kinds.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {t(kind.label)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('broker.faults.clients')} hint={t('broker.faults.clientsHint')}>
          <input value={draft.target === '*' ? '' : draft.target} placeholder={t('broker.fault.who.all')} list="fault-clients" spellCheck={false} onChange={(event) => set({ target: event.target.value.trim() === '' ? '*' : event.target.value.trim() })} />
        </Field>
        <datalist id="fault-clients">
          {broker.clients.map((client) => (
            <option key={client.clientId} value={client.clientId} />
          ))}
        </datalist>
        {draft.kind === 'drop-acks' && (
          <>
            <Field label={t('broker.faults.ack')}>
              <select value={draft.ack} onChange={(event) => set({ ack: event.target.value as AckKind })}>
                {ACKS.map((ack) => (
                  <option key={ack} value={ack}>
                    {ack.toUpperCase()}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('broker.faults.direction')}>
              <select value={draft.direction} onChange={(event) => set({ direction: event.target.value as Draft['direction'] })}>
                <option value="to-client">{t('broker.faults.toClient')}</option>
                <option value="from-client">{t('broker.faults.fromClient')}</option>
              </select>
            </Field>
            <Field label={t('broker.faults.count')}>
              <input value={draft.count} inputMode="numeric" onChange={(event) => set({ count: event.target.value })} />
            </Field>
          </>
        )}
        {draft.kind === 'delay' && (
          <>
            <Field label={t('broker.faults.what')}>
              <select value={draft.what} onChange={(event) => set({ what: event.target.value as Draft['what'] })}>
                <option value="deliveries">{t('broker.faults.deliveries')}</option>
                <option value="acks">{t('broker.faults.acks')}</option>
              </select>
            </Field>
            <Field label={t('broker.faults.ms')}>
              <input value={draft.ms} inputMode="numeric" onChange={(event) => set({ ms: event.target.value })} />
            </Field>
          </>
        )}
        {draft.kind === 'drop-qos0' && (
          <Field label={t('broker.faults.percent')}>
            <input value={draft.percent} inputMode="numeric" onChange={(event) => set({ percent: event.target.value })} />
          </Field>
        )}
        {draft.kind === 'refuse-connections' && (
          <Field label={t('broker.faults.code')}>
            <select value={draft.code} onChange={(event) => set({ code: event.target.value })}>
              {Object.entries(connackCodes).map(([code, name]) => (
                <option key={code} value={code}>
                  {t('broker.faults.codeOption', { code, name })}
                </option>
              ))}
            </select>
          </Field>
        )}
        <button type="submit" className="primary" disabled={broker.state !== 'running'}>
          {t('broker.faults.add')}
        </button>
      </form>
      <ErrorNote message={error === undefined ? undefined : 'key' in error ? t(error.key) : describeError(t, error.failure)} />
      {active.length === 0 ? (
        <p className="empty-note">{t('broker.faults.none')}</p>
      ) : (
        <ul className="fault-list" aria-label={t('broker.faults.activeLabel')}>
          {active.map((fault) => (
            <li key={fault.id} aria-label={wordText(t, describeFault(fault))}>
              <span className="fault-badge">{t('broker.faults.active')}</span> {t('broker.faults.line', { fault: wordText(t, describeFault(fault)), hits: hitsText(t, fault) })}
              {fault.remaining !== undefined && t('broker.faults.left', { count: String(fault.remaining) })}
              <button type="button" aria-label={t('broker.faults.switchOffLabel', { fault: wordText(t, describeFault(fault)) })} onClick={() => void remove(fault.id)}>
                {t('broker.faults.switchOff')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Kept in sight so the user sees it happened, but it acts no more: not among the active ones. */}
      {usedUp.length > 0 && (
        <ul className="fault-list" aria-label={t('broker.faults.usedUpLabel')}>
          {usedUp.map((fault) => (
            <li key={fault.id} aria-label={wordText(t, describeFault(fault))}>
              <span className="fault-badge fault-used-up">{t('broker.faults.usedUp')}</span> {t('broker.faults.line', { fault: wordText(t, describeFault(fault)), hits: hitsText(t, fault) })}
              <button type="button" aria-label={t('broker.faults.removeLabel', { fault: wordText(t, describeFault(fault)) })} onClick={() => void remove(fault.id)}>
                {t('broker.faults.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
