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

/** Replays one recording through a connection, with its timing, filter, rewrite and overrides. */
export function ReplayPanel({ path }: { path: string }) {
  const order = useAppStore(useShallow((state) => state.order));
  const connections = useAppStore((state) => state.connections);
  const [picked, setPicked] = useState<string>();
  // Until one is picked (or when the picked one is removed): the first connected connection, else the first.
  const connectionId = picked !== undefined && connections[picked] ? picked : (order.find((id) => connections[id]?.status.state === 'connected') ?? order[0] ?? '');
  const [form, setForm] = useState<ReplayFormState>(initialReplayForm);
  const { error, run } = useActionError();
  const status = useReplayStatus();
  const errors = replayFormErrors(form);
  const chosen = connections[connectionId];
  const connected = chosen?.status.state === 'connected';
  const busy = status?.state === 'running' || status?.state === 'paused' || status?.state === 'loading' || status?.state === 'settling';
  const set = <K extends keyof ReplayFormState>(key: K, value: ReplayFormState[K]) => setForm((current) => ({ ...current, [key]: value }));

  const start = () =>
    run(async () => {
      const options = replayOptionsOf(form);
      if (!options) throw new Error('Fix the fields marked above first.');
      if (!chosen) throw new Error('Choose a connection to replay through.');
      await api.invoke('replay.start', { connectionId, path, options });
    });
  const connect = () => run(async () => upsertConnection(await api.invoke('connection.connect', { connectionId })));

  return (
    <section className="broker-section replay-panel" aria-label="Replay">
      <h3>
        Replay <span className="mono">{fileName(path)}</span>
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
            label="Through connection"
            error={order.length === 0 ? 'There is no connection: add one, or start the built-in broker and connect to it.' : undefined}
            hint={chosen && !connected ? `"${chosen.profile.name}" is not connected (${chosen.status.state}). Connect it to replay through it.` : undefined}
            action={
              chosen && !connected ? (
                <button type="button" onClick={() => void connect()}>
                  Connect
                </button>
              ) : undefined
            }
          >
            <select value={connectionId} onChange={(event) => setPicked(event.target.value)}>
              {order.map((id) => (
                <option key={id} value={id}>
                  {connections[id]?.profile.name ?? id} ({connections[id]?.status.state ?? 'unknown'})
                </option>
              ))}
            </select>
          </Field>
          <fieldset className="replay-speed">
            <legend>Speed</legend>
            <label className="inline-check">
              <input type="radio" name="replay-speed" checked={form.speed === 'original'} onChange={() => set('speed', 'original')} />
              Original timing (1×)
            </label>
            <label className="inline-check">
              <input type="radio" name="replay-speed" checked={form.speed === 'factor'} onChange={() => set('speed', 'factor')} />
              Faster or slower:
            </label>
            <Field label="Speed factor" error={errors.factor} hint="0.1× to 100×">
              <input inputMode="decimal" value={form.factor} onFocus={() => set('speed', 'factor')} onChange={(event) => setForm((current) => ({ ...current, speed: 'factor', factor: event.target.value }))} />
            </Field>
            <label className="inline-check">
              <input type="radio" name="replay-speed" checked={form.speed === 'max'} onChange={() => set('speed', 'max')} />
              As fast as possible
            </label>
          </fieldset>
          <div className="form-grid">
            <Field label="Only topics matching (optional)" error={errors.filter}>
              <input value={form.filter} onChange={(event) => set('filter', event.target.value)} placeholder="sensors/#" spellCheck={false} />
            </Field>
            <Field label="Messages to send">
              <select value={form.direction} onChange={(event) => set('direction', event.target.value as ReplayFormState['direction'])}>
                <option value="in">Those the recorded client received</option>
                <option value="out">Those it sent</option>
                <option value="both">Both</option>
              </select>
            </Field>
            <Field label="Topic rewrite">
              <select value={form.rewrite} onChange={(event) => set('rewrite', event.target.value as ReplayFormState['rewrite'])}>
                <option value="none">None: the recorded topics</option>
                <option value="prefix">Replace a prefix</option>
                <option value="regex">Regular expression</option>
              </select>
            </Field>
            {form.rewrite === 'prefix' && (
              <div className="row rewrite-pair">
                <Field label="Replace prefix">
                  <input value={form.prefixFrom} onChange={(event) => set('prefixFrom', event.target.value)} placeholder="plant-a/" spellCheck={false} />
                </Field>
                <Field label="With">
                  <input value={form.prefixTo} onChange={(event) => set('prefixTo', event.target.value)} placeholder="test/plant-a/" spellCheck={false} />
                </Field>
              </div>
            )}
            {form.rewrite === 'regex' && (
              <div className="row rewrite-pair">
                <Field label="Pattern" error={errors.pattern}>
                  <input value={form.pattern} onChange={(event) => set('pattern', event.target.value)} placeholder="^plant-(\w+)/" spellCheck={false} />
                </Field>
                <Field label="Replacement" hint="$1, $2… are the groups">
                  <input value={form.replacement} onChange={(event) => set('replacement', event.target.value)} placeholder="test/$1/" spellCheck={false} />
                </Field>
              </div>
            )}
            <Field label="QoS">
              <select value={form.qos} onChange={(event) => set('qos', event.target.value as ReplayFormState['qos'])}>
                <option value="keep">As recorded</option>
                <option value="0">QoS 0</option>
                <option value="1">QoS 1</option>
                <option value="2">QoS 2</option>
              </select>
            </Field>
            <Field label="Retain">
              <select value={form.retain} onChange={(event) => set('retain', event.target.value as ReplayFormState['retain'])}>
                <option value="keep">As recorded</option>
                <option value="on">On</option>
                <option value="off">Off</option>
              </select>
            </Field>
          </div>
          <label className="inline-check">
            <input type="checkbox" checked={form.loop} onChange={(event) => set('loop', event.target.checked)} />
            Loop: start again at the end until stopped
          </label>
          <ErrorNote message={error} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              Start replay
            </button>
            {status?.state === 'running' && (
              <button type="button" onClick={() => void run(async () => void (await api.invoke('replay.pause', {})))}>
                Pause
              </button>
            )}
            {status?.state === 'paused' && (
              <button type="button" onClick={() => void run(async () => void (await api.invoke('replay.resume', {})))}>
                Resume
              </button>
            )}
            {busy && (
              <button type="button" className="danger" onClick={() => void run(async () => void (await api.invoke('replay.stop', {})))}>
                Stop
              </button>
            )}
          </div>
        </form>
        {status && status.state !== 'idle' ? (
          <ReplayProgress status={status} connectionName={status.connectionId ? connections[status.connectionId]?.profile.name : undefined} />
        ) : (
          <p className="empty-note">The progress and the report of the replay show here.</p>
        )}
      </div>
    </section>
  );
}
