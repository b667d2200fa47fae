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
import type { PublishDraft, Worded } from '../../store/app-store';
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
import { encodeSchemaPayload, isSchemaFormat, schemaFormats, type SchemaFormat } from './schema-payload';
import type { MessageKey, Translator } from '../../../shared/i18n';
import { useT } from '../../i18n/use-t';
import { describeError } from '../../i18n/describe-error';

type PayloadChoice = PublishFormat | 'file' | SchemaFormat;
const publishFormats: readonly PayloadChoice[] = ['json', 'plaintext', 'hex', 'base64', 'file', 'empty', ...schemaFormats];
/** The name of each payload format in the menu (and in "not valid JSON"); JSON, Hex and Base64 read the same in every language. */
export const formatNames: Record<PayloadChoice, MessageKey> = {
  json: 'publish.format.json',
  plaintext: 'publish.format.plaintext',
  hex: 'publish.format.hex',
  base64: 'publish.format.base64',
  file: 'publish.format.file',
  empty: 'publish.format.empty',
  sparkplug: 'publish.format.sparkplug',
  protobuf: 'publish.format.protobuf',
};

/** The largest file whose Base64 fits in one `message.publish` request. */
const MAX_FILE_BYTES = Math.floor(MAX_PAYLOAD_CHARS / 4) * 3;

function sizeText(t: Translator, bytes: number): string {
  return bytes < 1024 * 1024 ? t('publish.size.bytes', { bytes }) : t('publish.size.mib', { mib: (bytes / 1024 / 1024).toFixed(1), bytes });
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
  const t = useT();
  const [fileError, setFileError] = useState<Worded>();
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
        : { ok: false, message: t('publish.file.choose') }
      : encodePublishPayload(isSchemaFormat(language) ? 'json' : language, sendPayload);
  const templateError = filled.enabled && !filled.ok ? t.msg(filled.text, filled.message) : undefined;
  const payloadError = templateError ? undefined : (language === 'json' || isSchemaFormat(language)) && sendPayload.trim() !== '' ? jsonProblem(t, sendPayload) : encoded.ok || language === 'file' ? undefined : encoded.message;
  const aliasMaximum = broker?.properties.topicAliasMaximum;
  const v5 = protocolVersion === 5;
  const readOptions: ReadPublishOptions = v5 ? readPublishOptions(options, aliasMaximum) : { ok: true };
  const optionErrors = readOptions.ok ? {} : readOptions.errors;
  const setOptions = (patch: Partial<PublishOptionsDraft>) => update({ options: { ...options, ...patch } });

  const chooseFile = async (chosen: File) => {
    setFileError(undefined);
    if (chosen.size > MAX_FILE_BYTES) {
      update({ file: undefined });
      setFileError(() => (tr: Translator) => tr('publish.file.tooLarge', { name: chosen.name, size: sizeText(tr, chosen.size), max: sizeText(tr, MAX_FILE_BYTES), limit: MAX_PAYLOAD_CHARS / 1024 / 1024 }));
      return;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    update({ file: { name: chosen.name, size: bytes.byteLength, base64: bytesToBase64(bytes) } });
  };
  const warnings = publishWarnings(broker, { qos, retain, size: encoded.ok ? encoded.size : 0 });

  const publish = async (event?: FormEvent) => {
    event?.preventDefault();
    if (templateError) {
      const problem = filled.enabled && !filled.ok ? filled.text : undefined;
      setResult({ kind: 'error', text: (tr) => tr('publish.result.notPublished', { reason: problem ? tr.msg(problem) : templateError }) });
      return;
    }
    const check = checkTopicName(sendTopic);
    if (!check.ok) {
      update({ topicError: (tr) => (filled.enabled ? tr('publish.topic.filledError', { topic: sendTopic, reason: tr.msg(check.text) }) : tr.msg(check.text)) });
      return;
    }
    if (language === 'file' && !encoded.ok) {
      setResult({ kind: 'error', text: (tr) => tr('publish.result.noFile') });
      return;
    }
    if (payloadError || !encoded.ok) {
      // The problem and its position are already in the alert under the editor; saying it again here doubled it.
      setResult({ kind: 'error', text: (tr) => tr('publish.result.invalidPayload', { format: tr(formatNames[language]) }) });
      return;
    }
    if (!readOptions.ok) {
      setResult({ kind: 'error', text: (tr) => tr('publish.result.invalidOptions') });
      return;
    }
    setResult({ kind: 'busy' });
    if (filled.enabled && filled.ok) filled.take();
    rememberPublish(connectionId, contentFromDraft(useAppStore.getState().publishDrafts[connectionId] ?? NEW_PUBLISH_DRAFT));
    try {
      // Sparkplug B and Protobuf are encoded in main from the JSON; a problem names the field.
      const bytes = isSchemaFormat(language) ? await encodeSchemaPayload(connectionId, language, sendTopic, sendPayload) : encoded;
      if (!bytes.ok) {
        setResult({ kind: 'error', text: (tr) => tr('publish.result.notPublished', { reason: bytes.message }) });
        return;
      }
      const request = { connectionId, topic: sendTopic, qos, retain, payload: bytes.payload, encoding: bytes.encoding };
      const { outcome, elapsedMs } = await api.invoke('message.publish', {
        ...request,
        ...(readOptions.properties ? { properties: readOptions.properties } : {}),
        ...(readOptions.topicAlias ? { topicAlias: readOptions.topicAlias } : {}),
      });
      const { typeName } = bytes as { typeName?: string };
      setResult({ kind: 'done', text: (tr) => (typeName ? tr('publish.result.doneAs', { topic: sendTopic, type: typeName, outcome: describeOutcome(tr, outcome, elapsedMs) }) : tr('publish.result.done', { topic: sendTopic, outcome: describeOutcome(tr, outcome, elapsedMs) })) });
    } catch (error) {
      setResult({ kind: 'error', text: (tr) => tr('publish.result.notPublished', { reason: describeError(tr, error) }) });
    }
  };

  if (requestMode) return <RequestPanel connectionId={connectionId} />;
  return (
    <section className="panel publish" aria-labelledby={`publish-${connectionId}`}>
      <h3 id={`publish-${connectionId}`}>{t('publish.panel.title')}</h3>
      <PublisherModeSwitch connectionId={connectionId} />
      <form onSubmit={publish} aria-label={t('publish.panel.form')} noValidate>
        <Field label={t('publish.panel.topic')} error={topicError?.(t)}>
          <input
            value={topic}
            spellCheck={false}
            onChange={(event) => {
              update({ topic: event.target.value, topicError: undefined });
            }}
          />
        </Field>
        <div className="row">
          <QosSelect value={qos} onChange={setQos} aria-label={t('publish.panel.qos')} />
          <label className="inline-check">
            <input type="checkbox" checked={retain} onChange={(event) => update({ retain: event.target.checked })} />
            {t('publish.panel.retain')}
          </label>
          <select aria-label={t('publish.panel.format')} value={language} onChange={(event) => update({ language: event.target.value as PayloadChoice })}>
            {publishFormats.map((format) => (
              <option key={format} value={format}>
                {t(formatNames[format])}
              </option>
            ))}
          </select>
          <TemplateSwitch checked={Boolean(template)} disabled={!templating} onChange={(checked) => update({ template: checked })} />
        </div>
        {language === 'file' ? (
          <FilePicker label={t('publish.file.label')} fileName={file ? t('publish.file.chosen', { name: file.name, size: sizeText(t, file.size) }) : ''} emptyText={t('publish.file.none')} error={fileError?.(t)} onChoose={chooseFile} onClear={() => update({ file: undefined })} />
        ) : language === 'empty' ? (
          <p className="empty-note">{t('publish.panel.emptyNote')}</p>
        ) : (
          <PayloadEditor value={payload} language={(language === 'json' || isSchemaFormat(language)) && !filled.enabled ? 'json' : 'plaintext'} theme={theme} label={t('publish.panel.payload')} onChange={setPayload} onSubmit={() => void publish()} />
        )}
        <TemplatePreview template={filled} />
        {payloadError && (
          <p className="field-error" role="alert">
            {payloadError}
          </p>
        )}
        <PublishOptionsSection options={options} errors={optionErrors} protocolVersion={protocolVersion} aliasMaximum={aliasMaximum} onChange={setOptions} />
        {warnings.map((warning) => (
          <p key={warning.key} className="warning">
            {t.msg(warning)}
          </p>
        ))}
        <div className="row">
          <button type="submit" className="primary" disabled={!canPublish || result?.kind === 'busy'} title={t('publish.panel.publishShortcut')}>
            {connected || !canPublish ? t('publish.panel.publish') : t('publish.panel.queue')}
          </button>
          {!canPublish && <span className="empty-note">{t('publish.panel.connectFirst')}</span>}
        </div>
        <p className={`publish-result ${result?.kind === 'error' ? 'error' : ''}`} role="status" aria-label={t('publish.panel.result')}>
          {result?.kind === 'busy' ? t('publish.panel.publishing') : result?.text(t)}
        </p>
      </form>
      <ScheduleSection connectionId={connectionId} canPublish={canPublish} message={(tr) => (templateError || payloadError ? { ok: false, message: templateError ?? payloadError ?? '' } : repeatedMessageFrom(tr, useAppStore.getState().publishDrafts[connectionId] ?? NEW_PUBLISH_DRAFT, readOptions, v5))} />
      <PendingList connectionId={connectionId} />
      <SavedMessagesSection connectionId={connectionId} />
    </section>
  );
}
