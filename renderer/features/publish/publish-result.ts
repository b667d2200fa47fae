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
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    if (!position) return `The payload is not valid JSON: ${message}`;
    const offset = Number(position[1]);
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    return `The payload is not valid JSON (line ${line}, column ${column}): ${message.replace(/ in JSON at position \d+.*$/, '')}. Fix it, or switch the format to plain text.`;
  }
}
