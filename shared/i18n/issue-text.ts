import { isMessageKey } from './catalog';
import { msg, type Message, type MessageParams } from './message';

/**
 * A zod issue worded as a catalogue key, as a Message, or undefined when its message is plain text.
 * A schema's superRefine puts the sentence's parameters in the issue's `params` ("Port {port} is
 * used by another listener…"), so the form and the CLI word it with them.
 */
export function issueText(issue: { message: string; params?: unknown }): Message | undefined {
  if (!isMessageKey(issue.message)) return undefined;
  const params: MessageParams = {};
  if (issue.params && typeof issue.params === 'object') {
    for (const [name, value] of Object.entries(issue.params)) if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  return Object.keys(params).length > 0 ? msg(issue.message, params) : msg(issue.message);
}
