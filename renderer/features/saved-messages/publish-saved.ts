import type { PublisherContent } from '../../../shared/domain/saved-messages';
import { readPublishOptions } from '../../../shared/mqtt/publish-options';
import { checkTopicName } from '../../../shared/mqtt/topics';
import { encodePublishPayload } from '../../../shared/payload/publish-payload';
import { TemplateRun, compileMessage } from '../../../shared/templates/template-run';
import { api } from '../../api';
import { describeOutcome } from '../publish/publish-result';
import { encodeSchemaPayload, isSchemaFormat } from '../publish/schema-payload';
import { translator } from '../../../shared/i18n';
import type { Worded } from '../../store/app-store';

const chance = { random: Math.random, nowMs: Date.now, uuid: () => crypto.randomUUID() };

/** Why a saved message was not sent, worded when shown; its `message` is the English, as any Error's. */
export class NotPublished extends Error {
  constructor(readonly words: Worded) {
    super(words(translator('en')));
  }
}

/** Publishes a saved message as it is, without touching the publisher; a template is filled in as a first send. */
export async function publishSaved(connectionId: string, content: PublisherContent, v5: boolean, aliasMaximum: number | undefined): Promise<Worded> {
  let { topic, payload } = content;
  if (content.template && content.format !== 'file' && content.format !== 'empty') {
    const compiled = compileMessage(topic, payload);
    if (!compiled.ok) throw new NotPublished((t) => t.msg(compiled.text, compiled.message));
    ({ topic, payload } = new TemplateRun(compiled, chance).take());
  }
  const topicCheck = checkTopicName(topic);
  if (!topicCheck.ok) throw new NotPublished((t) => t('savedMessages.publish.topic', { reason: t.msg(topicCheck.text) }));
  const { format } = content;
  const encoded = isSchemaFormat(format) ? await encodeSchemaPayload(connectionId, format, topic, payload) : encodePublishPayload(format === 'file' ? 'base64' : format, payload);
  if (!encoded.ok) throw new NotPublished(() => encoded.message);
  const options = v5 ? readPublishOptions(content.options, aliasMaximum) : { ok: true as const };
  if (!options.ok) throw new NotPublished((t) => t('savedMessages.publish.invalidOptions'));
  const { outcome, elapsedMs } = await api.invoke('message.publish', {
    connectionId,
    topic,
    qos: content.qos,
    retain: content.retain,
    payload: encoded.payload,
    encoding: encoded.encoding,
    ...(options.properties ? { properties: options.properties } : {}),
    ...(options.topicAlias ? { topicAlias: options.topicAlias } : {}),
  });
  return (t) => t('publish.result.done', { topic, outcome: describeOutcome(t, outcome, elapsedMs) });
}
