import { EMPTY_PUBLISH_OPTIONS } from '../../shared/mqtt/publish-options';
import type { MessageCollection, PublisherContent, SavedMessage } from '../../shared/domain/saved-messages';

export function savedMessage(id: string, name: string, content: Partial<PublisherContent> = {}): SavedMessage {
  return { id, name, content: { topic: 'lab/door', qos: 1, retain: false, format: 'json', payload: '{"open":true}', template: false, options: { ...EMPTY_PUBLISH_OPTIONS }, ...content } };
}

export function collection(id: string, name: string, messages: SavedMessage[], connectionId?: string): MessageCollection {
  return { id, name, messages, ...(connectionId ? { connectionId } : {}) };
}
