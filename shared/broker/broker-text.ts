import { english, type Message, type MessageParams, type Translator } from '../i18n';

/**
 * A broker sentence not yet worded, whose parameters may themselves be sentences (a fault inside
 * "Fault 3 added: …", a session description inside "… connected from …"). The core builds it,
 * the renderer and the CLI word it in their language; the log keeps the English wording beside.
 */
export interface BrokerText extends Message {
  parts?: Record<string, BrokerText>;
}

export function text(key: Message['key'], params?: MessageParams, parts?: Record<string, BrokerText>): BrokerText {
  const built: BrokerText = { key };
  if (params) built.params = params;
  if (parts) built.parts = parts;
  return built;
}

/** Words a broker sentence and its inner sentences with one translator (an unknown key shows the key). */
export function wordText(t: Translator, message: BrokerText): string {
  const params: MessageParams = { ...message.params };
  for (const [name, part] of Object.entries(message.parts ?? {})) params[name] = wordText(t, part);
  return t.msg({ key: message.key, params });
}

/** The English wording, for the log's `text`, thrown errors and the CLI's JSON. */
export function englishText(message: BrokerText): string {
  const params: MessageParams = { ...message.params };
  for (const [name, part] of Object.entries(message.parts ?? {})) params[name] = englishText(part);
  return english(message.key, params);
}
