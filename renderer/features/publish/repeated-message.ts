import type { RepeatedMessage } from '../../../shared/domain/schedule';
import type { ReadPublishOptions } from '../../../shared/mqtt/publish-options';
import type { PublishDraft } from '../../store/app-store';
import type { Translator } from '../../../shared/i18n';

/**
 * The publisher's message as a schedule (or a saved message) takes it: the text as typed, the
 * template left unfilled, since each send fills it in anew. A file's bytes travel as base64.
 */
export function repeatedMessageFrom(t: Translator, draft: PublishDraft, options: ReadPublishOptions, v5: boolean): { ok: true; message: RepeatedMessage } | { ok: false; message: string } {
  if (!options.ok) return { ok: false, message: t('publish.repeated.invalidOptions') };
  const file = draft.language === 'file';
  if (file && !draft.file) return { ok: false, message: t('publish.repeated.noFile') };
  return {
    ok: true,
    message: {
      topic: draft.topic,
      qos: draft.qos,
      retain: draft.retain,
      format: draft.language === 'file' ? 'base64' : draft.language,
      text: file ? (draft.file?.base64 ?? '') : draft.payload,
      template: Boolean(draft.template) && !file && draft.language !== 'empty',
      ...(v5 && options.properties ? { properties: options.properties } : {}),
      ...(v5 && options.topicAlias ? { topicAlias: options.topicAlias } : {}),
    },
  };
}
