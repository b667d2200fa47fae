import { englishOf, msg, type Message, type Translator } from '../i18n';

/**
 * The broker area's names for a Message with inner sentences (a fault inside "Fault 3 added: …"):
 * one implementation, Translator.msg, words it in the renderer and the CLI; the log keeps englishText beside.
 */
export type BrokerText = Message;
export const text = msg;

export function wordText(t: Translator, message: Message): string {
  return t.msg(message);
}

export const englishText = englishOf;
