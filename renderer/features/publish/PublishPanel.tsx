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
import type { EncodedPayload, PublishFormat } from '../../../shared/payload/publish-payload';
import { readPublishOptions } from '../../../shared/mqtt/publish-options';
import type { PublishOptionsDraft, ReadPublishOptions } from '../../../shared/mqtt/publish-options';
import { MAX_PAYLOAD_CHARS } from '../../../shared/contract';
import { bytesToBase64 } from '../../../shared/payload/preview';
import { FilePicker } from '../../components/FilePicker';
import { useState } from 'react';
import { PublishOptionsSection } from './PublishOptionsSection';
import { NEW_PUBLISH_DRAFT, updatePublishDraft, useAppStore } from '../../store/app-store';
import type { PublishDraft } from '../../store/app-store';
import { PendingList } from './PendingList';
import { PublisherModeSwitch } from '../exchange/PublisherModeSwitch';
import { RequestPanel } from '../exchange/RequestPanel';
import { useRequestMode } from '../exchange/exchange-store';
import { describeOutcome, jsonProblem } from './publish-result';
import { usePublishTemplate } from './publish-template';
import { TemplatePreview, TemplateSwitch } from './TemplatePreview';
import { ScheduleSection } from './ScheduleSection';
import { repeatedMessageFrom } from './repeated-message';
import { SavedMessagesSection } from '../saved-messages/SavedMessagesSection';
import { rememberPublish } from '../saved-messages/recent-publishes';
import { contentFromDraft } from '../saved-messages/publisher-content';
import { encodeSchemaPayload, isSchemaFormat, schemaFormatNames, schemaFormats, type SchemaFormat } from './schema-payload';

type PayloadChoice = PublishFormat | 'file' | SchemaFormat;
const publishFormats: readonly PayloadChoice[] = ['json', 'plaintext', 'hex', 'base64', 'file', 'empty', ...schemaFormats];
const formatNames: Record<PayloadChoice, string> = { json: 'JSON', plaintext: 'Plain text', hex: 'Hex', base64: 'Base64', file: 'File (any bytes)', empty: 'Empty (no payload)', ...schemaFormatNames };

/** The largest file whose Base64 fits in one `message.publish` request. */
const MAX_FILE_BYTES = Math.floor(MAX_PAYLOAD_CHARS / 4) * 3;

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes.toLocaleString('en-US')} bytes` : `${(bytes / 1024 / 1024).toFixed(1)} MiB (${bytes.toLocaleString('en-US')} bytes)`;
}

export function PublishPanel({ connectionId }: { connectionId: string }) {
  const state = useAppStore((store) => store.connections[connectionId]?.status.state);
  const broker = useAppStore((store) => store.connections[connectionId]?.broker);
  const connected = state === 'connected';
  // While reconnecting, a publish is queued and sent when the connection is back.
  const canPublish = connected || state === 'reconnecting';
  const theme = useAppStore((state) => state.theme);
  const requestMode = useRequestMode(connectionId);
  // Kept in the store, not in component state, so leaving the page (to Cut the client on the broker page, say) and coming back loses nothing, and a publish that completes meanwhile still reports.
  const { topic, qos, retain, language, payload, file, options, topicError, result, template } = useAppStore((store) => store.publishDrafts[connectionId] ?? NEW_PUBLISH_DRAFT);
  const protocolVersion = useAppStore((store) => store.connections[connectionId]?.profile.protocolVersion);
  const [fileError, setFileError] = useState<string>();
  const update = (patch: Partial<PublishDraft>) => updatePublishDraft(connectionId, patch);
  const setPayload = (text: string) => update({ payload: text });
  const setQos = (value: QoS) => update({ qos: value });
  const setResult = (value: PublishDraft['result']) => update({ result: value });

  const templating = language !== 'file' && language !== 'empty';
  const filled = usePublishTemplate(connectionId, Boolean(template) && templating, topic, payload);
  // With the template on, what is checked and sent is the next send as filled in, shown in the preview.
  const sendTopic = filled.enabled && filled.ok ? filled.preview.topic : topic;
  const sendPayload = filled.enabled && filled.ok ? filled.preview.payload : payload;
  const encoded: EncodedPayload =
    language === 'file'
      ? file
        ? { ok: true, payload: file.base64, encoding: 'base64', size: file.size }
        : { ok: false, message: 'Choose a file to send its bytes as the payload.' }
      : encodePublishPayload(isSchemaFormat(language) ? 'json' : language, sendPayload);
  const templateError = filled.enabled && !filled.ok ? filled.message : undefined;
  const payloadError = templateError ? undefined : (language === 'json' || isSchemaFormat(language)) && sendPayload.trim() !== '' ? jsonProblem(sendPayload) : encoded.ok || language === 'file' ? undefined : encoded.message;
  const aliasMaximum = broker?.properties.topicAliasMaximum;
  const v5 = protocolVersion === 5;
  const readOptions: ReadPublishOptions = v5 ? readPublishOptions(options, aliasMaximum) : { ok: true };
  const optionErrors = readOptions.ok ? {} : readOptions.errors;
  const setOptions = (patch: Partial<PublishOptionsDraft>) => update({ options: { ...options, ...patch } });

  const chooseFile = async (chosen: File) => {
    setFileError(undefined);
    if (chosen.size > MAX_FILE_BYTES) {
      update({ file: undefined });
      setFileError(`${chosen.name} is ${sizeText(chosen.size)}: one publish carries at most ${sizeText(MAX_FILE_BYTES)} (the app's request limit of ${MAX_PAYLOAD_CHARS / 1024 / 1024} Mi characters of Base64).`);
      return;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    update({ file: { name: chosen.name, size: bytes.byteLength, base64: bytesToBase64(bytes) } });
  };
  const warnings = publishWarnings(broker, { qos, retain, size: encoded.ok ? encoded.size : 0 });

  const publish = async (event?: FormEvent) => {
    event?.preventDefault();
    if (templateError) {
      setResult({ kind: 'error', text: `Not published: ${templateError}` });
      return;
    }
    const check = checkTopicName(sendTopic);
    if (!check.ok) {
      update({ topicError: filled.enabled ? `${sendTopic}: ${check.message}` : check.message });
      return;
    }
    if (language === 'file' && !encoded.ok) {
      setResult({ kind: 'error', text: 'Not published: choose a file first.' });
      return;
    }
    if (payloadError || !encoded.ok) {
      // The problem and its position are already in the alert under the editor; saying it again here doubled it.
      setResult({ kind: 'error', text: `Not published: the payload is not valid ${formatNames[language]} (see under the editor).` });
      return;
    }
    if (!readOptions.ok) {
      setResult({ kind: 'error', text: 'Not published: an MQTT 5 property cannot be sent as it is (see beside it).' });
      return;
    }
    setResult({ kind: 'busy' });
    if (filled.enabled && filled.ok) filled.take();
    rememberPublish(connectionId, contentFromDraft(useAppStore.getState().publishDrafts[connectionId] ?? NEW_PUBLISH_DRAFT));
    try {
      // Sparkplug B and Protobuf are encoded in main from the JSON; a problem names the field.
      const bytes = isSchemaFormat(language) ? await encodeSchemaPayload(connectionId, language, sendTopic, sendPayload) : encoded;
      if (!bytes.ok) {
        setResult({ kind: 'error', text: `Not published: ${bytes.message}` });
        return;
      }
      const request = { connectionId, topic: sendTopic, qos, retain, payload: bytes.payload, encoding: bytes.encoding };
      const { outcome, elapsedMs } = await api.invoke('message.publish', {
        ...request,
        ...(readOptions.properties ? { properties: readOptions.properties } : {}),
        ...(readOptions.topicAlias ? { topicAlias: readOptions.topicAlias } : {}),
      });
      setResult({ kind: 'done', text: `${sendTopic}${'typeName' in bytes && bytes.typeName ? ` as ${bytes.typeName}` : ''}: ${describeOutcome(outcome, elapsedMs)}` });
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
          <select aria-label="Payload format" value={language} onChange={(event) => update({ language: event.target.value as PayloadChoice })}>
            {publishFormats.map((format) => (
              <option key={format} value={format}>
                {formatNames[format]}
              </option>
            ))}
          </select>
          <TemplateSwitch checked={Boolean(template)} disabled={!templating} onChange={(checked) => update({ template: checked })} />
        </div>
        {language === 'file' ? (
          <FilePicker label="Payload file" fileName={file ? `${file.name}, ${sizeText(file.size)}` : ''} emptyText="No file chosen: any file, sent byte for byte." error={fileError} onChoose={chooseFile} onClear={() => update({ file: undefined })} />
        ) : language === 'empty' ? (
          <p className="empty-note">Sends a PUBLISH with no payload at all (0 bytes), not an empty string. On a retained topic this deletes the retained message.</p>
        ) : (
          <PayloadEditor value={payload} language={(language === 'json' || isSchemaFormat(language)) && !filled.enabled ? 'json' : 'plaintext'} theme={theme} label="Payload" onChange={setPayload} onSubmit={() => void publish()} />
        )}
        <TemplatePreview template={filled} />
        {payloadError && (
          <p className="field-error" role="alert">
            {payloadError}
          </p>
        )}
        <PublishOptionsSection options={options} errors={optionErrors} protocolVersion={protocolVersion} aliasMaximum={aliasMaximum} onChange={setOptions} />
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
      <ScheduleSection connectionId={connectionId} canPublish={canPublish} message={() => (templateError || payloadError ? { ok: false, message: templateError ?? payloadError ?? '' } : repeatedMessageFrom(useAppStore.getState().publishDrafts[connectionId] ?? NEW_PUBLISH_DRAFT, readOptions, v5))} />
      <PendingList connectionId={connectionId} />
      <SavedMessagesSection connectionId={connectionId} />
    </section>
  );
}
