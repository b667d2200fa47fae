import type { PublishOutcome } from '../../../shared/domain/message';
import { describeReasonCode } from '../../../shared/mqtt/reason-codes';

export function describeOutcome(outcome: PublishOutcome, elapsedMs: number): string {
  if (outcome.kind === 'sent') return `Sent at QoS 0 in ${elapsedMs} ms (QoS 0 has no acknowledgement).`;
  if (outcome.kind === 'queued') return 'Queued: the connection is down. It is sent when the connection comes back (see Waiting to send).';
  const reason = outcome.reasonCode !== undefined && outcome.reasonCode !== 0 ? `, ${describeReasonCode(outcome.reasonCode, outcome.ack)}` : '';
  return `Acknowledged with ${outcome.ack} after ${elapsedMs} ms${reason}.`;
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
