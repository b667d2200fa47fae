/**
 * A lesson-file problem as a catalogue key inside a zod message: zod carries only a string, so the
 * schema writes the key and its values (said()), and parseLesson words them per language (readSaid()).
 * A message without the mark is zod's own English, shown as it is.
 */
import type { Message, MessageKey, MessageParams } from '../i18n';

const MARK = '\u0001lesson:';

export function said(key: MessageKey, params?: MessageParams): string {
  return `${MARK}${JSON.stringify(params ? { key, params } : { key })}`;
}

export function readSaid(message: string): Message | undefined {
  if (!message.startsWith(MARK)) return undefined;
  try {
    return JSON.parse(message.slice(MARK.length)) as Message;
  } catch {
    return undefined;
  }
}
