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
import { useAppStore } from '../../store/app-store';
import { noteExchange } from './exchange-store';
import type { MessageKey, Translator } from '../../../shared/i18n';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';

/** The publisher's names for these formats, so both menus read alike. */
const formats: { value: PublishFormat; label: MessageKey }[] = [
  { value: 'plaintext', label: 'publish.format.plaintext' },
  { value: 'json', label: 'publish.format.json' },
  { value: 'hex', label: 'publish.format.hex' },
  { value: 'base64', label: 'publish.format.base64' },
  { value: 'empty', label: 'publish.format.empty' },
];

/** Worded when shown, so a language switch rewords what is already on screen. */
type Worded = (t: Translator) => string;

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
  const t = useT();
  const [draft, setDraft] = useState<RequestDraft>(() => drafts.get(connectionId) ?? NEW_DRAFT);
  const [problems, setProblems] = useState<{ topic?: Worded; responseTopic?: Worded; timeout?: Worded; payload?: Worded }>({});
  const [result, setResult] = useState<{ text: Worded; error: boolean } | undefined>();
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
    if (!topicCheck.ok) found.topic = (tr) => tr.msg(topicCheck.text);
    const responseTopic = draft.responseTopic.trim() === '' ? undefined : draft.responseTopic;
    if (responseTopic !== undefined) {
      const check = checkTopicName(responseTopic);
      if (!check.ok) found.responseTopic = (tr) => tr.msg(check.text);
    }
    const seconds = Number(draft.timeoutSeconds);
    if (draft.timeoutSeconds.trim() === '' || !Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) found.timeout = (tr) => tr('exchange.requester.timeoutInvalid');
    const encoded = encodePublishPayload(draft.format, draft.payload);
    // The payload reader's sentence belongs to the payload area, which words it.
    if (!encoded.ok) found.payload = () => encoded.message;
    setProblems(found);
    if (Object.keys(found).length > 0 || !encoded.ok) return;
    setResult({ text: (tr) => tr('exchange.requester.sending'), error: false });
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
      const topic = draft.topic;
      setResult({ text: (tr) => tr('exchange.requester.sent', { number: sent.requestNumber, topic, responseTopic: sent.responseTopic }), error: false });
      noteExchange(await api.invoke('request.list', { connectionId }));
    } catch (error) {
      setResult({ text: (tr) => tr('exchange.requester.notSent', { reason: describeError(tr, error) }), error: true });
    }
  };

  const responseHint =
    suggested?.source === 'response-information'
      ? t('exchange.requester.hintInformation', { topic: suggested.responseTopic })
      : t(asked ? 'exchange.requester.hintNoneSent' : 'exchange.requester.hintAsk', { topic: suggested?.responseTopic ?? t('exchange.requester.defaultTopic') });

  return (
    <form className="requester" onSubmit={(event) => void send(event)} aria-label={t('exchange.requester.form')} noValidate>
      <Field label={t('exchange.requester.topic')} error={problems.topic?.(t)}>
        {/* eslint-disable-next-line i18next/no-literal-string -- an example topic, not a sentence */}
        <input value={draft.topic} spellCheck={false} onChange={(event) => update({ topic: event.target.value })} placeholder="service/time/get" />
      </Field>
      <div className="row">
        <QosSelect value={draft.qos} onChange={(qos) => update({ qos })} aria-label={t('exchange.requester.qos')} />
        <select aria-label={t('exchange.requester.format')} value={draft.format} onChange={(event) => update({ format: event.target.value as PublishFormat })}>
          {formats.map((format) => (
            <option key={format.value} value={format.value}>
              {t(format.label)}
            </option>
          ))}
        </select>
      </div>
      {draft.format !== 'empty' && (
        <Field label={t('exchange.requester.payload')} error={problems.payload?.(t)}>
          <textarea className="exchange-text" rows={3} spellCheck={false} value={draft.payload} onChange={(event) => update({ payload: event.target.value })} />
        </Field>
      )}
      <Field label={t('exchange.requester.responseTopic')} error={problems.responseTopic?.(t)} hint={responseHint}>
        <input value={draft.responseTopic} spellCheck={false} onChange={(event) => update({ responseTopic: event.target.value })} placeholder={suggested?.responseTopic ?? ''} />
      </Field>
      <Field label={t('exchange.requester.timeout')} error={problems.timeout?.(t)}>
        <input inputMode="decimal" value={draft.timeoutSeconds} onChange={(event) => update({ timeoutSeconds: event.target.value })} />
      </Field>
      <div className="row">
        <button type="submit" className="primary" disabled={!connected}>
          {t('exchange.requester.send')}
        </button>
        {!connected && <span className="empty-note">{t('exchange.requester.connectFirst')}</span>}
      </div>
      <p className={`publish-result ${result?.error ? 'error' : ''}`} role="status" aria-label={t('exchange.requester.result')}>
        {result?.text(t)}
      </p>
    </form>
  );
}
