import type { PublishOutcome, TopicAliasUse } from '../../../shared/domain/message';
import { translator, type Translator } from '../../../shared/i18n';
import { ackReasonText } from '../../../shared/mqtt/reason-codes';

/**
 * The result line: the acknowledgement with its reason code and the broker's reason string, as in
 * "Acknowledged with PUBACK 0x10 no matching subscribers after 2 ms.", and how the topic travelled.
 * Packet names and reason-code names are the spec's and stay as they are in every language.
 */
export function describeOutcome(t: Translator, outcome: PublishOutcome, elapsedMs: number): string {
  if (outcome.kind === 'sent') return t('publish.outcome.sent', { ms: elapsedMs });
  if (outcome.kind === 'queued') return t('publish.outcome.queued');
  const said = (text: string | undefined) => (text === undefined ? '' : ` "${text}"`);
  const ack = outcome.reasonCode === undefined ? outcome.ack : `${ackReasonText(outcome.ack, outcome.reasonCode)}${said(outcome.reasonString)}`;
  const pubrec = outcome.pubrec ? t('publish.outcome.pubrec', { pubrec: `${ackReasonText('PUBREC', outcome.pubrec.reasonCode)}${said(outcome.pubrec.reasonString)}` }) : '';
  const alias = outcome.topicAlias ? t('publish.outcome.alias', { use: aliasUseText(outcome.topicAlias, t) }) : '';
  return t('publish.outcome.acked', { ack, ms: elapsedMs, pubrec, alias });
}

/**
 * "went as alias 3 alone, 9 bytes saved" or "set up alias 3 (sent in full with it), 3 bytes more".
 * English unless given the translator: the message list and detail call it too and pass theirs.
 */
export function aliasUseText(use: TopicAliasUse, t: Translator = translator('en')): string {
  const bytes = use.bytesSaved >= 0 ? t('publish.alias.saved', { bytes: use.bytesSaved }) : t('publish.alias.more', { bytes: -use.bytesSaved });
  return use.form === 'alias-only' ? t('publish.alias.only', { alias: use.alias, bytes }) : t('publish.alias.setUp', { alias: use.alias, bytes });
}

/** Where JSON.parse failed, as "line L, column C", for a message beside the editor. */
export function jsonProblem(t: Translator, text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return describeJsonError(t, text, error instanceof Error ? error.message : String(error));
  }
}

/**
 * The engine's message, with its position said once, in our words. Older V8 ends the message with
 * "in JSON at position N", newer V8 adds "(line L column C)", and "Unexpected token" quotes the
 * payload itself, which is already in the editor above. The engine's reason stays in its own words.
 */
export function describeJsonError(t: Translator, text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  const reason = message
    .replace(/ at position \d+(?: \(line \d+ column \d+\))?/, '')
    .replace(/ in JSON$/, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/\.$/, '');
  if (!position) return t('publish.json.invalid', { reason });
  const before = text.slice(0, Number(position[1])).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return t('publish.json.invalidAt', { line, column, reason });
}
