import { useActionError } from '../../components/use-action-error';
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SimulatorState } from '../../../shared/requests/simulator';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { ErrorNote } from '../../components/ErrorNote';
import { useAppStore } from '../../store/app-store';
import { useT } from '../../i18n/use-t';
import { configFromDraft, defaultDraft, previewFirstMessage } from './simulator-form';
import type { SimulatorDraft } from './simulator-form';
import { SimulatorStatusPanel } from './SimulatorStatusPanel';

/** MQTT versions as the spec names them. */
const VERSIONS = [
  ['5', '5.0'],
  ['4', '3.1.1'],
  ['3', '3.1'],
] as const;

/** The template placeholders, as typed: template syntax, the same in every language. */
const PLACEHOLDERS = '{{seq}} {{now}} {{uuid}} {{random 20 30 1}} {{pick "on" "off"}} {{walk 21.5 0.2}} {{device}}';

/** N simulated devices, each its own MQTT connection from the main process, against any broker. */
export function SimulatorPage() {
  const [draft, setDraft] = useState<SimulatorDraft>(defaultDraft);
  const [state, setState] = useState<SimulatorState>({ status: undefined });
  const t = useT();
  const { error, run } = useActionError();
  const profiles = useAppStore(useShallow((store) => store.order.map((connectionId) => store.connections[connectionId]).filter((snapshot) => snapshot !== undefined)));
  const brokerRunning = useAppStore((store) => store.broker?.state === 'running');
  const running = state.status?.running === true;

  useEffect(() => {
    const off = api.on('simulator.updated', setState);
    void api.invoke('simulator.state', {}).then(setState, () => undefined);
    return off;
  }, []);

  const edit = <K extends keyof SimulatorDraft>(key: K, value: SimulatorDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const preview = useMemo(() => previewFirstMessage(draft), [draft]);
  const profile = profiles.find((snapshot) => snapshot.connectionId === draft.broker)?.profile;

  const start = () =>
    run(async () => {
      const address = profile ? { host: profile.host, port: profile.port, protocolVersion: profile.protocolVersion, username: profile.username } : undefined;
      setState(await api.invoke('simulator.start', { config: configFromDraft(draft, address) }));
    });
  const stop = () => run(async () => setState(await api.invoke('simulator.stop', {})));

  return (
    <div className="broker-page simulator-page">
      <header className="workspace-header">
        <div className="workspace-title">
          <h2>{t('simulator.page.title')}</h2>
          <span className="endpoint">{state.target ? t('simulator.page.subtitleTarget', { target: state.target }) : t('simulator.page.subtitle')}</span>
        </div>
        <div className="row">
          <button type="button" className="primary" onClick={() => void start()} disabled={running}>
            {t('simulator.page.start')}
          </button>
          <button type="button" onClick={() => void stop()} disabled={!running}>
            {t('simulator.page.stop')}
          </button>
        </div>
      </header>
      <ErrorNote message={error} />
      <div className="broker-body">
        <form className="broker-section" aria-label={t('simulator.form.label')} onSubmit={(event) => event.preventDefault()}>
          <h3>{t('simulator.form.title')}</h3>
          <fieldset className="form-grid" disabled={running}>
            <Field label={t('simulator.form.broker')} className="span-2" hint={draft.broker === 'built-in' && !brokerRunning ? t('simulator.form.brokerStopped') : undefined}>
              <select value={draft.broker} onChange={(event) => edit('broker', event.target.value)}>
                <option value="built-in">{t('simulator.form.builtIn')}</option>
                {profiles.map((snapshot) =>
                  snapshot.profile.transport === 'mqtt' ? (
                    <option key={snapshot.connectionId} value={snapshot.connectionId}>
                      {t('simulator.form.profile', { name: snapshot.profile.name, host: snapshot.profile.host, port: String(snapshot.profile.port) })}
                    </option>
                  ) : null,
                )}
                <option value="other">{t('simulator.form.other')}</option>
              </select>
            </Field>
            {draft.broker === 'other' && (
              <>
                <Field label={t('simulator.form.host')}>
                  <input value={draft.host} onChange={(event) => edit('host', event.target.value)} />
                </Field>
                <Field label={t('simulator.form.port')}>
                  <input value={draft.port} inputMode="numeric" onChange={(event) => edit('port', event.target.value)} />
                </Field>
                <Field label={t('simulator.form.username')}>
                  <input value={draft.username} autoComplete="off" onChange={(event) => edit('username', event.target.value)} />
                </Field>
              </>
            )}
            {draft.broker !== 'built-in' && (
              <Field label={t('simulator.form.password')}>
                <input type="password" value={draft.password} autoComplete="off" onChange={(event) => edit('password', event.target.value)} />
              </Field>
            )}
            {(draft.broker === 'built-in' || draft.broker === 'other') && (
              <Field label={t('simulator.form.version')}>
                <select value={draft.protocolVersion} onChange={(event) => edit('protocolVersion', event.target.value as SimulatorDraft['protocolVersion'])}>
                  {VERSIONS.map(([value, name]) => (
                    <option key={value} value={value}>
                      {name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            <Field label={t('simulator.form.devices')} hint={t('simulator.form.devicesHint')}>
              <input value={draft.devices} inputMode="numeric" onChange={(event) => edit('devices', event.target.value)} />
            </Field>
            <Field label={t('simulator.form.interval')} hint={t('simulator.form.intervalHint')}>
              <input value={draft.intervalMs} inputMode="numeric" onChange={(event) => edit('intervalMs', event.target.value)} />
            </Field>
            <Field label={t('simulator.form.count')} hint={t('simulator.form.countHint')}>
              <input value={draft.count} inputMode="numeric" onChange={(event) => edit('count', event.target.value)} />
            </Field>
            <Field label={t('simulator.form.ramp')} hint={t('simulator.form.rampHint')}>
              <input value={draft.ramp} inputMode="numeric" onChange={(event) => edit('ramp', event.target.value)} />
            </Field>
            <Field label={t('simulator.form.clientId')} hint={t('simulator.form.clientIdHint')}>
              <input value={draft.clientId} onChange={(event) => edit('clientId', event.target.value)} />
            </Field>
            <Field label={t('simulator.form.qos')}>
              <select value={draft.qos} onChange={(event) => edit('qos', event.target.value as SimulatorDraft['qos'])}>
                <option value="0">0</option>
                <option value="1">1</option>
                <option value="2">2</option>
              </select>
            </Field>
            <div className="field checkbox-field span-2">
              <label>
                <input type="checkbox" checked={draft.sparkplug} onChange={(event) => edit('sparkplug', event.target.checked)} />
                {t('simulator.form.sparkplug')}
              </label>
            </div>
            {draft.sparkplug ? (
              <>
                <Field label={t('simulator.form.sparkplugGroup')}>
                  <input value={draft.sparkplugGroup} onChange={(event) => edit('sparkplugGroup', event.target.value)} />
                </Field>
                <Field label={t('simulator.form.sparkplugEdge')}>
                  <input value={draft.sparkplugEdge} onChange={(event) => edit('sparkplugEdge', event.target.value)} />
                </Field>
              </>
            ) : (
              <Field label={t('simulator.form.topic')} className="span-2">
                <input value={draft.topic} onChange={(event) => edit('topic', event.target.value)} />
              </Field>
            )}
            <Field label={t('simulator.form.payload')} className="span-2" hint={PLACEHOLDERS}>
              <textarea rows={3} value={draft.payload} spellCheck={false} onChange={(event) => edit('payload', event.target.value)} />
            </Field>
            {!draft.sparkplug && (
              <>
                <div className="field checkbox-field span-2">
                  <label>
                    <input type="checkbox" checked={draft.willEnabled} onChange={(event) => edit('willEnabled', event.target.checked)} />
                    {t('simulator.form.will')}
                  </label>
                </div>
                {draft.willEnabled && (
                  <>
                    <Field label={t('simulator.form.willTopic')}>
                      <input value={draft.willTopic} onChange={(event) => edit('willTopic', event.target.value)} />
                    </Field>
                    <Field label={t('simulator.form.willPayload')}>
                      <input value={draft.willPayload} onChange={(event) => edit('willPayload', event.target.value)} />
                    </Field>
                  </>
                )}
                <div className="field checkbox-field span-2">
                  <label>
                    <input type="checkbox" checked={draft.birthEnabled} onChange={(event) => edit('birthEnabled', event.target.checked)} />
                    {t('simulator.form.birth')}
                  </label>
                </div>
                {draft.birthEnabled && (
                  <>
                    <Field label={t('simulator.form.birthTopic')}>
                      <input value={draft.birthTopic} onChange={(event) => edit('birthTopic', event.target.value)} />
                    </Field>
                    <Field label={t('simulator.form.birthPayload')}>
                      <input value={draft.birthPayload} onChange={(event) => edit('birthPayload', event.target.value)} />
                    </Field>
                  </>
                )}
              </>
            )}
          </fieldset>
          <section aria-label={t('simulator.preview.label')} className="simulator-preview">
            <h4>{t('simulator.preview.title')}</h4>
            {'error' in preview ? (
              <p className="field-error" role="alert">
                {preview.field ? t(preview.field === 'clientId' ? 'simulator.preview.clientIdError' : 'simulator.preview.edgeError', { error: preview.error }) : preview.error}
              </p>
            ) : (
              <dl>
                <dt>{t('simulator.preview.clientId')}</dt>
                <dd>{preview.clientId}</dd>
                <dt>{t('simulator.preview.topic')}</dt>
                <dd>{preview.thenNdata ? t('simulator.preview.thenNdata', { topic: preview.topic }) : preview.topic}</dd>
                <dt>{t('simulator.preview.payload')}</dt>
                <dd>
                  <code>{preview.payload}</code>
                </dd>
              </dl>
            )}
          </section>
        </form>
        <SimulatorStatusPanel status={state.status} />
      </div>
    </div>
  );
}
