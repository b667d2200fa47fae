import { errorText } from '../../components/use-action-error';
import type { FormEvent } from 'react';
import type { QoS } from '../../../shared/domain/profile';
import { publishWarnings } from '../../../shared/mqtt/capabilities';
import { checkTopicName } from '../../../shared/mqtt/topics';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { PayloadEditor } from '../../components/PayloadEditor';
import { QosSelect } from '../../components/QosSelect';
import { encodePublishPayload } from '../../../shared/payload/publish-payload';
import type { PublishFormat } from '../../../shared/payload/publish-payload';
import { NEW_PUBLISH_DRAFT, updatePublishDraft, useAppStore } from '../../store/app-store';
import type { PublishDraft } from '../../store/app-store';
import { PendingList } from './PendingList';
import { PublisherModeSwitch } from '../exchange/PublisherModeSwitch';
import { RequestPanel } from '../exchange/RequestPanel';
import { useRequestMode } from '../exchange/exchange-store';
import { describeOutcome, jsonProblem } from './publish-result';

const publishFormats: readonly PublishFormat[] = ['json', 'plaintext', 'hex', 'base64', 'empty'];
const formatNames: Record<PublishFormat, string> = { json: 'JSON', plaintext: 'Plain text', hex: 'Hex', base64: 'Base64', empty: 'Empty (no payload)' };

export function PublishPanel({ connectionId }: { connectionId: string }) {
  const state = useAppStore((store) => store.connections[connectionId]?.status.state);
  const broker = useAppStore((store) => store.connections[connectionId]?.broker);
  const connected = state === 'connected';
  // While reconnecting, a publish is queued and sent when the connection is back.
  const canPublish = connected || state === 'reconnecting';
  const theme = useAppStore((state) => state.theme);
  const requestMode = useRequestMode(connectionId);
  // Kept in the store, not in component state, so leaving the page (to Cut the client on the broker page, say) and coming back loses nothing, and a publish that completes meanwhile still reports.
  const { topic, qos, retain, language, payload, topicError, result } = useAppStore((store) => store.publishDrafts[connectionId] ?? NEW_PUBLISH_DRAFT);
  const update = (patch: Partial<PublishDraft>) => updatePublishDraft(connectionId, patch);
  const setPayload = (text: string) => update({ payload: text });
  const setQos = (value: QoS) => update({ qos: value });
  const setResult = (value: PublishDraft['result']) => update({ result: value });

  const encoded = encodePublishPayload(language, payload);
  const payloadError = language === 'json' && payload.trim() !== '' ? jsonProblem(payload) : encoded.ok ? undefined : encoded.message;
  const warnings = publishWarnings(broker, { qos, retain, size: encoded.ok ? encoded.size : 0 });

  const publish = async (event?: FormEvent) => {
    event?.preventDefault();
    const check = checkTopicName(topic);
    if (!check.ok) {
      update({ topicError: check.message });
      return;
    }
    if (payloadError || !encoded.ok) {
      // The problem and its position are already in the alert under the editor; saying it again here doubled it.
      setResult({ kind: 'error', text: `Not published: the payload is not valid ${formatNames[language]} (see under the editor).` });
      return;
    }
    setResult({ kind: 'busy' });
    try {
      const { outcome, elapsedMs } = await api.invoke('message.publish', { connectionId, topic, qos, retain, payload: encoded.payload, encoding: encoded.encoding });
      setResult({ kind: 'done', text: `${topic}: ${describeOutcome(outcome, elapsedMs)}` });
    } catch (error) {
      setResult({ kind: 'error', text: `Not published: ${errorText(error)}` });
    }
  };

  if (requestMode) return <RequestPanel connectionId={connectionId} />;
  return (
    <section className="panel publish" aria-labelledby={`publish-${connectionId}`}>
      <h3 id={`publish-${connectionId}`}>Publish</h3>
      <PublisherModeSwitch connectionId={connectionId} />
      <form onSubmit={publish} aria-label="Publish" noValidate>
        <Field label="Topic" error={topicError}>
          <input
            value={topic}
            spellCheck={false}
            onChange={(event) => {
              update({ topic: event.target.value, topicError: undefined });
            }}
          />
        </Field>
        <div className="row">
          <QosSelect value={qos} onChange={setQos} aria-label="Publish QoS" />
          <label className="inline-check">
            <input type="checkbox" checked={retain} onChange={(event) => update({ retain: event.target.checked })} />
            Retain
          </label>
          <select aria-label="Payload format" value={language} onChange={(event) => update({ language: event.target.value as PublishFormat })}>
            {publishFormats.map((format) => (
              <option key={format} value={format}>
                {formatNames[format]}
              </option>
            ))}
          </select>
        </div>
        {language === 'empty' ? (
          <p className="empty-note">Sends a PUBLISH with no payload at all (0 bytes), not an empty string. On a retained topic this deletes the retained message.</p>
        ) : (
          <PayloadEditor value={payload} language={language === 'json' ? 'json' : 'plaintext'} theme={theme} label="Payload" onChange={setPayload} onSubmit={() => void publish()} />
        )}
        {payloadError && (
          <p className="field-error" role="alert">
            {payloadError}
          </p>
        )}
        {warnings.map((warning) => (
          <p key={warning} className="warning">
            {warning}
          </p>
        ))}
        <div className="row">
          <button type="submit" className="primary" disabled={!canPublish || result?.kind === 'busy'} title="Publish (Ctrl+Enter)">
            {connected || !canPublish ? 'Publish' : 'Queue for sending'}
          </button>
          {!canPublish && <span className="empty-note">Connect to publish.</span>}
        </div>
        <p className={`publish-result ${result?.kind === 'error' ? 'error' : ''}`} role="status" aria-label="Publish result">
          {result?.kind === 'busy' ? 'Publishing…' : result?.text}
        </p>
      </form>
      <PendingList connectionId={connectionId} />
    </section>
  );
}
