import type { PublisherContent } from '../../../shared/domain/saved-messages';
import type { PublishDraft } from '../../store/app-store';

/** What the publisher holds, as a saved message keeps it. */
export function contentFromDraft(draft: PublishDraft): PublisherContent {
  const file = draft.language === 'file' ? draft.file : undefined;
  return {
    topic: draft.topic,
    qos: draft.qos,
    retain: draft.retain,
    format: draft.language,
    payload: file ? file.base64 : draft.language === 'file' ? '' : draft.payload,
    ...(file ? { fileName: file.name } : {}),
    template: Boolean(draft.template),
    options: { ...draft.options, userProperties: draft.options.userProperties.map((property) => ({ ...property })) },
  };
}

/**
 * The publisher's fields set from a saved message; the payload text of another format is kept for when the user switches back.
 * `unnamedFile` names a file saved without its name, in the user's language.
 */
export function draftPatchFromContent(content: PublisherContent, unnamedFile = 'saved file'): Partial<PublishDraft> {
  const file = content.format === 'file' ? { name: content.fileName ?? unnamedFile, size: base64Size(content.payload), base64: content.payload } : undefined;
  return {
    topic: content.topic,
    qos: content.qos,
    retain: content.retain,
    language: content.format,
    ...(content.format === 'file' ? { file } : { payload: content.payload, file: undefined }),
    template: content.template,
    options: content.options,
    topicError: undefined,
  };
}

function base64Size(base64: string): number {
  const body = base64.replace(/=+$/, '');
  return Math.floor((body.length * 3) / 4);
}
