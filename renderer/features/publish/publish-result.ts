import type { PublishOutcome, TopicAliasUse } from '../../../shared/domain/message';
import { ackReasonText } from '../../../shared/mqtt/reason-codes';

/**
 * The result line: the acknowledgement with its reason code and the broker's reason string, as in
 * "Acknowledged with PUBACK 0x10 no matching subscribers after 2 ms.", and how the topic travelled.
 */
export function describeOutcome(outcome: PublishOutcome, elapsedMs: number): string {
  if (outcome.kind === 'sent') return `Sent at QoS 0 in ${elapsedMs} ms (QoS 0 has no acknowledgement).`;
  if (outcome.kind === 'queued') return 'Queued: the connection is down. It is sent when the connection comes back (see Waiting to send).';
  const said = (text: string | undefined) => (text === undefined ? '' : ` "${text}"`);
  const ack = outcome.reasonCode === undefined ? outcome.ack : `${ackReasonText(outcome.ack, outcome.reasonCode)}${said(outcome.reasonString)}`;
  const pubrec = outcome.pubrec ? ` (${ackReasonText('PUBREC', outcome.pubrec.reasonCode)}${said(outcome.pubrec.reasonString)})` : '';
  const alias = outcome.topicAlias ? ` The topic ${aliasUseText(outcome.topicAlias)}.` : '';
  return `Acknowledged with ${ack} after ${elapsedMs} ms${pubrec}.${alias}`;
}

/** "went as alias 3 alone, 9 bytes saved" or "set up alias 3 (sent in full with it), 3 bytes more". */
export function aliasUseText(use: TopicAliasUse): string {
  const bytes = use.bytesSaved >= 0 ? `${use.bytesSaved} bytes saved` : `${-use.bytesSaved} bytes more`;
  return use.form === 'alias-only' ? `went as alias ${use.alias} alone, ${bytes}` : `set up alias ${use.alias} (sent in full with it), ${bytes}`;
}

/** Where JSON.parse failed, as "line L, column C", for a message beside the editor. */
export function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return describeJsonError(text, error instanceof Error ? error.message : String(error));
  }
}

/**
 * The engine's message, with its position said once, in our words. Older V8 ends the message with
 * "in JSON at position N", newer V8 adds "(line L column C)", and "Unexpected token" quotes the
 * payload itself, which is already in the editor above.
 */
export function describeJsonError(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  const reason = message
    .replace(/ at position \d+(?: \(line \d+ column \d+\))?/, '')
    .replace(/ in JSON$/, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/\.$/, '');
  const fix = 'Fix it, or switch the format to plain text.';
  if (!position) return `The payload is not valid JSON: ${reason}. ${fix}`;
  const before = text.slice(0, Number(position[1])).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `The payload is not valid JSON (line ${line}, column ${column}): ${reason}. ${fix}`;
}
