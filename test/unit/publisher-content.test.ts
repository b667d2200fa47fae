import { describe, expect, it } from 'vitest';
import { PublisherContent } from '../../shared/domain/saved-messages';
import { contentFromDraft, draftPatchFromContent } from '../../renderer/features/saved-messages/publisher-content';
import type { PublishDraft } from '../../renderer/store/app-store';
import { EMPTY_PUBLISH_OPTIONS } from '../../shared/mqtt/publish-options';

// Not NEW_PUBLISH_DRAFT: the store module reads localStorage, which unit tests do not have.
const NEW_PUBLISH_DRAFT: PublishDraft = { topic: '', qos: 0, retain: false, language: 'plaintext', payload: '', options: EMPTY_PUBLISH_OPTIONS, topicError: undefined, result: undefined };

const full: PublishDraft = {
  ...NEW_PUBLISH_DRAFT,
  topic: 'lab/{{device}}/t',
  qos: 2,
  retain: true,
  language: 'json',
  payload: '{"t":{{walk 21 0.2}}}',
  template: true,
  options: {
    payloadFormat: 'utf8',
    messageExpiry: '30',
    contentType: 'application/json',
    responseTopic: 'replies/1',
    correlationData: 'DEAD',
    correlationEncoding: 'hex',
    userProperties: [
      { key: 'a', value: '1' },
      { key: 'a', value: '2' },
    ],
    aliasMode: 'manual',
    alias: '4',
  },
};

describe('what the publisher holds, saved and loaded back', () => {
  it('keeps topic, QoS, retain, format, payload, template and every MQTT 5 field, and passes the file schema', () => {
    const content = contentFromDraft(full);
    expect(PublisherContent.parse(content)).toEqual(content);
    expect({ ...NEW_PUBLISH_DRAFT, ...draftPatchFromContent(content) }).toEqual({ ...full, file: undefined });
  });

  it('keeps a file as its bytes and name', () => {
    const content = contentFromDraft({ ...full, language: 'file', template: false, file: { name: 'fw.bin', size: 4, base64: '3q2+7w==' } });
    expect(content).toMatchObject({ format: 'file', payload: '3q2+7w==', fileName: 'fw.bin', template: false });
    expect(draftPatchFromContent(content)).toMatchObject({ language: 'file', file: { name: 'fw.bin', size: 4, base64: '3q2+7w==' } });
  });
});
