import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { useActionError } from '../../components/use-action-error';
import { upsertConnection, useAppStore } from '../../store/app-store';
import { fileName } from './recording-format';
import { initialReplayForm, replayFormErrors, replayOptionsOf } from './replay-form';
import type { ReplayFormState } from './replay-form';
import { ReplayProgress } from './ReplayProgress';
import { useReplayStatus } from './use-recording-status';
import { ErrorNote } from '../../components/ErrorNote';
import { useT } from '../../i18n/use-t';

/** Replays one recording through a connection, with its timing, filter, rewrite and overrides. */
export function ReplayPanel({ path }: { path: string }) {
  const t = useT();
  const order = useAppStore(useShallow((state) => state.order));
  const connections = useAppStore((state) => state.connections);
  const [picked, setPicked] = useState<string>();
  // Until one is picked (or when the picked one is removed): the first connected connection, else the first.
  const connectionId = picked !== undefined && connections[picked] ? picked : (order.find((id) => connections[id]?.status.state === 'connected') ?? order[0] ?? '');
  const [form, setForm] = useState<ReplayFormState>(initialReplayForm);
  const { error, run } = useActionError();
  const status = useReplayStatus();
  const errors = replayFormErrors(form, t);
  const chosen = connections[connectionId];
  const connected = chosen?.status.state === 'connected';
  const busy = status?.state === 'running' || status?.state === 'paused' || status?.state === 'loading' || status?.state === 'settling';
  const set = <K extends keyof ReplayFormState>(key: K, value: ReplayFormState[K]) => setForm((current) => ({ ...current, [key]: value }));

  const start = () =>
    run(async () => {
      const options = replayOptionsOf(form);
      if (!options) throw new Error(t('recordings.replay.fixFields'));
      if (!chosen) throw new Error(t('recordings.replay.chooseConnection'));
      await api.invoke('replay.start', { connectionId, path, options });
    });
  const connect = () => run(async () => upsertConnection(await api.invoke('connection.connect', { connectionId })));

  return (
    <section className="broker-section replay-panel" aria-label={t('recordings.replay.title')}>
      <h3>
        {t('recordings.replay.title')} <span className="mono">{fileName(path)}</span>
      </h3>
      <p className="empty-note mono">{path}</p>
      <div className="replay-columns">
        <form
          className="replay-form"
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          <Field
            label={t('recordings.replay.through')}
            error={order.length === 0 ? t('recordings.replay.noConnection') : undefined}
            hint={chosen && !connected ? t('recordings.replay.notConnected', { name: chosen.profile.name, state: t(`recordings.state.${chosen.status.state}`) }) : undefined}
            action={
              chosen && !connected ? (
                <button type="button" onClick={() => void connect()}>
                  {t('recordings.replay.connect')}
                </button>
              ) : undefined
            }
          >
            <select value={connectionId} onChange={(event) => setPicked(event.target.value)}>
              {order.map((id) => (
                <option key={id} value={id}>
                  {t('recordings.replay.option', {
                    name: connections[id]?.profile.name ?? id,
                    state: connections[id] ? t(`recordings.state.${connections[id].status.state}`) : t('recordings.replay.unknownState'),
                  })}
                </option>
              ))}
            </select>
          </Field>
          <fieldset className="replay-speed">
            <legend>{t('recordings.replay.speed')}</legend>
            <label className="inline-check">
              <input type="radio" name="replay-speed" checked={form.speed === 'original'} onChange={() => set('speed', 'original')} />
              {t('recordings.replay.original')}
            </label>
            <label className="inline-check">
              <input type="radio" name="replay-speed" checked={form.speed === 'factor'} onChange={() => set('speed', 'factor')} />
              {t('recordings.replay.fasterSlower')}
            </label>
            <Field label={t('recordings.replay.factor')} error={errors.factor} hint={t('recordings.replay.factorHint')}>
              <input inputMode="decimal" value={form.factor} onFocus={() => set('speed', 'factor')} onChange={(event) => setForm((current) => ({ ...current, speed: 'factor', factor: event.target.value }))} />
            </Field>
            <label className="inline-check">
              <input type="radio" name="replay-speed" checked={form.speed === 'max'} onChange={() => set('speed', 'max')} />
              {t('recordings.replay.max')}
            </label>
          </fieldset>
          <div className="form-grid">
            <Field label={t('recordings.replay.filter')} error={errors.filter}>
              {/* eslint-disable-next-line i18next/no-literal-string -- an example topic, the same in every language */}
              <input value={form.filter} onChange={(event) => set('filter', event.target.value)} placeholder="sensors/#" spellCheck={false} />
            </Field>
            <Field label={t('recordings.replay.direction')}>
              <select value={form.direction} onChange={(event) => set('direction', event.target.value as ReplayFormState['direction'])}>
                <option value="in">{t('recordings.replay.directionIn')}</option>
                <option value="out">{t('recordings.replay.directionOut')}</option>
                <option value="both">{t('recordings.replay.directionBoth')}</option>
              </select>
            </Field>
            <Field label={t('recordings.replay.rewrite')}>
              <select value={form.rewrite} onChange={(event) => set('rewrite', event.target.value as ReplayFormState['rewrite'])}>
                <option value="none">{t('recordings.replay.rewriteNone')}</option>
                <option value="prefix">{t('recordings.replay.rewritePrefix')}</option>
                <option value="regex">{t('recordings.replay.rewriteRegex')}</option>
              </select>
            </Field>
            {form.rewrite === 'prefix' && (
              <div className="row rewrite-pair">
                <Field label={t('recordings.replay.prefixFrom')}>
                  {/* eslint-disable-next-line i18next/no-literal-string -- an example topic, the same in every language */}
                  <input value={form.prefixFrom} onChange={(event) => set('prefixFrom', event.target.value)} placeholder="plant-a/" spellCheck={false} />
                </Field>
                <Field label={t('recordings.replay.prefixTo')}>
                  {/* eslint-disable-next-line i18next/no-literal-string -- an example topic, the same in every language */}
                  <input value={form.prefixTo} onChange={(event) => set('prefixTo', event.target.value)} placeholder="test/plant-a/" spellCheck={false} />
                </Field>
              </div>
            )}
            {form.rewrite === 'regex' && (
              <div className="row rewrite-pair">
                <Field label={t('recordings.replay.pattern')} error={errors.pattern}>
                  {/* eslint-disable-next-line i18next/no-literal-string -- an example topic, the same in every language */}
                  <input value={form.pattern} onChange={(event) => set('pattern', event.target.value)} placeholder="^plant-(\w+)/" spellCheck={false} />
                </Field>
                <Field label={t('recordings.replay.replacement')} hint={t('recordings.replay.replacementHint')}>
                  {/* eslint-disable-next-line i18next/no-literal-string -- an example topic, the same in every language */}
                  <input value={form.replacement} onChange={(event) => set('replacement', event.target.value)} placeholder="test/$1/" spellCheck={false} />
                </Field>
              </div>
            )}
            <Field label="QoS">
              <select value={form.qos} onChange={(event) => set('qos', event.target.value as ReplayFormState['qos'])}>
                <option value="keep">{t('recordings.replay.asRecorded')}</option>
                {/* eslint-disable-next-line i18next/no-literal-string -- protocol terms, the same in every language */}
                <option value="0">QoS 0</option>
                {/* eslint-disable-next-line i18next/no-literal-string -- protocol terms, the same in every language */}
                <option value="1">QoS 1</option>
                {/* eslint-disable-next-line i18next/no-literal-string -- protocol terms, the same in every language */}
                <option value="2">QoS 2</option>
              </select>
            </Field>
            <Field label={t('recordings.replay.retain')}>
              <select value={form.retain} onChange={(event) => set('retain', event.target.value as ReplayFormState['retain'])}>
                <option value="keep">{t('recordings.replay.asRecorded')}</option>
                <option value="on">{t('recordings.replay.on')}</option>
                <option value="off">{t('recordings.replay.off')}</option>
              </select>
            </Field>
          </div>
          <label className="inline-check">
            <input type="checkbox" checked={form.loop} onChange={(event) => set('loop', event.target.checked)} />
            {t('recordings.replay.loop')}
          </label>
          <ErrorNote message={error} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('recordings.replay.start')}
            </button>
            {status?.state === 'running' && (
              <button type="button" onClick={() => void run(async () => void (await api.invoke('replay.pause', {})))}>
                {t('recordings.replay.pause')}
              </button>
            )}
            {status?.state === 'paused' && (
              <button type="button" onClick={() => void run(async () => void (await api.invoke('replay.resume', {})))}>
                {t('recordings.replay.resume')}
              </button>
            )}
            {busy && (
              <button type="button" className="danger" onClick={() => void run(async () => void (await api.invoke('replay.stop', {})))}>
                {t('recordings.replay.stop')}
              </button>
            )}
          </div>
        </form>
        {status && status.state !== 'idle' ? (
          <ReplayProgress status={status} connectionName={status.connectionId ? connections[status.connectionId]?.profile.name : undefined} />
        ) : (
          <p className="empty-note">{t('recordings.replay.placeholder')}</p>
        )}
      </div>
    </section>
  );
}
