import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../../shared/domain/exchange';
import type { QoS } from '../../../shared/domain/profile';
import { checkTopicName } from '../../../shared/mqtt/topics';
import { encodePublishPayload } from '../../../shared/payload/publish-payload';
import type { PublishFormat } from '../../../shared/payload/publish-payload';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { QosSelect } from '../../components/QosSelect';
import { errorText } from '../../components/use-action-error';
import { useAppStore } from '../../store/app-store';
import { noteExchange } from './exchange-store';

const formats: { value: PublishFormat; label: string }[] = [
  { value: 'plaintext', label: 'Plain text' },
  { value: 'json', label: 'JSON' },
  { value: 'hex', label: 'Hex' },
  { value: 'base64', label: 'Base64' },
  { value: 'empty', label: 'Empty (no payload)' },
];

interface RequestDraft {
  topic: string;
  qos: QoS;
  format: PublishFormat;
  payload: string;
  responseTopic: string;
  timeoutSeconds: string;
}

/** Kept per connection for the session, so leaving the page keeps what was typed. */
const drafts = new Map<string, RequestDraft>();
const NEW_DRAFT: RequestDraft = { topic: '', qos: 1, format: 'plaintext', payload: '', responseTopic: '', timeoutSeconds: String(DEFAULT_REQUEST_TIMEOUT_MS / 1000) };

/** The requester: topic, payload, response topic and timeout; each request is sent with fresh Correlation Data. */
export function RequesterForm({ connectionId }: { connectionId: string }) {
  const [draft, setDraft] = useState<RequestDraft>(() => drafts.get(connectionId) ?? NEW_DRAFT);
  const [problems, setProblems] = useState<{ topic?: string; responseTopic?: string; timeout?: string; payload?: string }>({});
  const [result, setResult] = useState<{ text: string; error: boolean } | undefined>();
  const [suggested, setSuggested] = useState<{ responseTopic: string; source: 'response-information' | 'default' } | undefined>();
  const connection = useAppStore((store) => store.connections[connectionId]);
  const connected = connection?.status.state === 'connected';
  const asked = connection?.profile.properties.requestResponseInformation ?? false;
  const connackAt = connection?.broker?.receivedAt;

  // The broker's Response Information comes with each CONNACK, so the suggestion is asked for again after each.
  useEffect(() => {
    let current = true;
    api.invoke('request.defaultResponseTopic', { connectionId }).then(
      (answer) => current && setSuggested(answer),
      () => current && setSuggested(undefined),
    );
    return () => {
      current = false;
    };
  }, [connectionId, connackAt]);

  const update = (patch: Partial<RequestDraft>) => {
    const next = { ...draft, ...patch };
    drafts.set(connectionId, next);
    setDraft(next);
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof problems = {};
    const topicCheck = checkTopicName(draft.topic);
    if (!topicCheck.ok) found.topic = topicCheck.message;
    const responseTopic = draft.responseTopic.trim() === '' ? undefined : draft.responseTopic;
    if (responseTopic !== undefined) {
      const check = checkTopicName(responseTopic);
      if (!check.ok) found.responseTopic = check.message;
    }
    const seconds = Number(draft.timeoutSeconds);
    if (draft.timeoutSeconds.trim() === '' || !Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) found.timeout = 'Enter a number of seconds from 0.1 to 3600.';
    const encoded = encodePublishPayload(draft.format, draft.payload);
    if (!encoded.ok) found.payload = encoded.message;
    setProblems(found);
    if (Object.keys(found).length > 0 || !encoded.ok) return;
    setResult({ text: 'Sending…', error: false });
    try {
      const sent = await api.invoke('request.send', {
        connectionId,
        topic: draft.topic,
        qos: draft.qos,
        payload: encoded.payload,
        encoding: encoded.encoding,
        timeoutMs: Math.round(seconds * 1000),
        ...(responseTopic !== undefined ? { responseTopic } : {}),
      });
      setResult({ text: `Request #${sent.requestNumber} sent to ${draft.topic}; the response is expected on ${sent.responseTopic}.`, error: false });
      noteExchange(await api.invoke('request.list', { connectionId }));
    } catch (error) {
      setResult({ text: `Not sent: ${errorText(error)}`, error: true });
    }
  };

  const responseHint =
    suggested?.source === 'response-information'
      ? `Empty: ${suggested.responseTopic}, built from the broker's Response Information.`
      : `Empty: ${suggested?.responseTopic ?? 'mqtt-lab/responses/<client id>'}.${asked ? ' The connection asked for Response Information; this broker sent none.' : " Turn on \u201cRequest response information\u201d in the connection's MQTT 5 properties to have the broker suggest one."}`;

  return (
    <form className="requester" onSubmit={(event) => void send(event)} aria-label="Send a request" noValidate>
      <Field label="Request topic" error={problems.topic}>
        <input value={draft.topic} spellCheck={false} onChange={(event) => update({ topic: event.target.value })} placeholder="service/time/get" />
      </Field>
      <div className="row">
        <QosSelect value={draft.qos} onChange={(qos) => update({ qos })} aria-label="Request QoS" />
        <select aria-label="Request payload format" value={draft.format} onChange={(event) => update({ format: event.target.value as PublishFormat })}>
          {formats.map((format) => (
            <option key={format.value} value={format.value}>
              {format.label}
            </option>
          ))}
        </select>
      </div>
      {draft.format !== 'empty' && (
        <Field label="Request payload" error={problems.payload}>
          <textarea className="exchange-text" rows={3} spellCheck={false} value={draft.payload} onChange={(event) => update({ payload: event.target.value })} />
        </Field>
      )}
      <Field label="Response topic" error={problems.responseTopic} hint={responseHint}>
        <input value={draft.responseTopic} spellCheck={false} onChange={(event) => update({ responseTopic: event.target.value })} placeholder={suggested?.responseTopic ?? ''} />
      </Field>
      <Field label="Timeout (seconds)" error={problems.timeout}>
        <input inputMode="decimal" value={draft.timeoutSeconds} onChange={(event) => update({ timeoutSeconds: event.target.value })} />
      </Field>
      <div className="row">
        <button type="submit" className="primary" disabled={!connected}>
          Send request
        </button>
        {!connected && <span className="empty-note">Connect to send requests.</span>}
      </div>
      <p className={`publish-result ${result?.error ? 'error' : ''}`} role="status" aria-label="Request result">
        {result?.text}
      </p>
    </form>
  );
}
