import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SimulatorState } from '../../../shared/requests/simulator';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { ErrorNote } from '../../components/ErrorNote';
import { useActionError } from '../../components/use-action-error';
import { useAppStore } from '../../store/app-store';
import { configFromDraft, defaultDraft, previewFirstMessage } from './simulator-form';
import type { SimulatorDraft } from './simulator-form';
import { SimulatorStatusPanel } from './SimulatorStatusPanel';

/** N simulated devices, each its own MQTT connection from the main process, against any broker. */
export function SimulatorPage() {
  const [draft, setDraft] = useState<SimulatorDraft>(defaultDraft);
  const [state, setState] = useState<SimulatorState>({ status: undefined });
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
          <h2>Simulator</h2>
          <span className="endpoint">Simulated devices, each its own MQTT connection{state.target ? ` · ${state.target}` : ''}</span>
        </div>
        <div className="row">
          <button type="button" className="primary" onClick={() => void start()} disabled={running}>
            Start devices
          </button>
          <button type="button" onClick={() => void stop()} disabled={!running}>
            Stop devices
          </button>
        </div>
      </header>
      <ErrorNote message={error} />
      <div className="broker-body">
        <form className="broker-section" aria-label="Simulated devices" onSubmit={(event) => event.preventDefault()}>
          <h3>Devices</h3>
          <fieldset className="form-grid" disabled={running}>
            <Field label="Broker" className="span-2" hint={draft.broker === 'built-in' && !brokerRunning ? 'The built-in broker is stopped: start it on its page first.' : undefined}>
              <select value={draft.broker} onChange={(event) => edit('broker', event.target.value)}>
                <option value="built-in">Built-in broker</option>
                {profiles.map((snapshot) =>
                  snapshot.profile.transport === 'mqtt' ? (
                    <option key={snapshot.connectionId} value={snapshot.connectionId}>
                      {snapshot.profile.name} ({snapshot.profile.host}:{snapshot.profile.port})
                    </option>
                  ) : null,
                )}
                <option value="other">Another broker…</option>
              </select>
            </Field>
            {draft.broker === 'other' && (
              <>
                <Field label="Host">
                  <input value={draft.host} onChange={(event) => edit('host', event.target.value)} />
                </Field>
                <Field label="Port">
                  <input value={draft.port} inputMode="numeric" onChange={(event) => edit('port', event.target.value)} />
                </Field>
                <Field label="Username">
                  <input value={draft.username} autoComplete="off" onChange={(event) => edit('username', event.target.value)} />
                </Field>
              </>
            )}
            {draft.broker !== 'built-in' && (
              <Field label="Password">
                <input type="password" value={draft.password} autoComplete="off" onChange={(event) => edit('password', event.target.value)} />
              </Field>
            )}
            {(draft.broker === 'built-in' || draft.broker === 'other') && (
              <Field label="MQTT version">
                <select value={draft.protocolVersion} onChange={(event) => edit('protocolVersion', event.target.value as SimulatorDraft['protocolVersion'])}>
                  <option value="5">5.0</option>
                  <option value="4">3.1.1</option>
                  <option value="3">3.1</option>
                </select>
              </Field>
            )}
            <Field label="Devices" hint="1 to 1,000">
              <input value={draft.devices} inputMode="numeric" onChange={(event) => edit('devices', event.target.value)} />
            </Field>
            <Field label="Interval (ms)" hint="Between one device's messages, from 10">
              <input value={draft.intervalMs} inputMode="numeric" onChange={(event) => edit('intervalMs', event.target.value)} />
            </Field>
            <Field label="Messages per device" hint="Empty: until stopped">
              <input value={draft.count} inputMode="numeric" onChange={(event) => edit('count', event.target.value)} />
            </Field>
            <Field label="Ramp-up (devices per second)" hint="Empty: all at once">
              <input value={draft.ramp} inputMode="numeric" onChange={(event) => edit('ramp', event.target.value)} />
            </Field>
            <Field label="Client id pattern" hint="{{device}} is the device's number, from 1">
              <input value={draft.clientId} onChange={(event) => edit('clientId', event.target.value)} />
            </Field>
            <Field label="QoS">
              <select value={draft.qos} onChange={(event) => edit('qos', event.target.value as SimulatorDraft['qos'])}>
                <option value="0">0</option>
                <option value="1">1</option>
                <option value="2">2</option>
              </select>
            </Field>
            <div className="field checkbox-field span-2">
              <label>
                <input type="checkbox" checked={draft.sparkplug} onChange={(event) => edit('sparkplug', event.target.checked)} />
                Sparkplug B edge nodes (NBIRTH, then NDATA by alias of the payload's JSON fields)
              </label>
            </div>
            {draft.sparkplug ? (
              <>
                <Field label="Sparkplug group">
                  <input value={draft.sparkplugGroup} onChange={(event) => edit('sparkplugGroup', event.target.value)} />
                </Field>
                <Field label="Edge node id pattern">
                  <input value={draft.sparkplugEdge} onChange={(event) => edit('sparkplugEdge', event.target.value)} />
                </Field>
              </>
            ) : (
              <Field label="Topic pattern" className="span-2">
                <input value={draft.topic} onChange={(event) => edit('topic', event.target.value)} />
              </Field>
            )}
            <Field label="Payload template" className="span-2" hint="{{seq}} {{now}} {{uuid}} {{random 20 30 1}} {{pick &quot;on&quot; &quot;off&quot;}} {{walk 21.5 0.2}} {{device}}">
              <textarea rows={3} value={draft.payload} spellCheck={false} onChange={(event) => edit('payload', event.target.value)} />
            </Field>
            {!draft.sparkplug && (
              <>
                <div className="field checkbox-field span-2">
                  <label>
                    <input type="checkbox" checked={draft.willEnabled} onChange={(event) => edit('willEnabled', event.target.checked)} />
                    Will (sent by the broker when a device is cut off)
                  </label>
                </div>
                {draft.willEnabled && (
                  <>
                    <Field label="Will topic">
                      <input value={draft.willTopic} onChange={(event) => edit('willTopic', event.target.value)} />
                    </Field>
                    <Field label="Will message">
                      <input value={draft.willPayload} onChange={(event) => edit('willPayload', event.target.value)} />
                    </Field>
                  </>
                )}
                <div className="field checkbox-field span-2">
                  <label>
                    <input type="checkbox" checked={draft.birthEnabled} onChange={(event) => edit('birthEnabled', event.target.checked)} />
                    Retained birth message at each connect
                  </label>
                </div>
                {draft.birthEnabled && (
                  <>
                    <Field label="Birth topic">
                      <input value={draft.birthTopic} onChange={(event) => edit('birthTopic', event.target.value)} />
                    </Field>
                    <Field label="Birth message">
                      <input value={draft.birthPayload} onChange={(event) => edit('birthPayload', event.target.value)} />
                    </Field>
                  </>
                )}
              </>
            )}
          </fieldset>
          <section aria-label="Preview of device 1's first message" className="simulator-preview">
            <h4>Device 1's first message</h4>
            {'error' in preview ? (
              <p className="field-error" role="alert">
                {preview.error}
              </p>
            ) : (
              <dl>
                <dt>Client id</dt>
                <dd>{preview.clientId}</dd>
                <dt>Topic</dt>
                <dd>{preview.topic}</dd>
                <dt>Payload</dt>
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
