import type { KeyValue } from '../../../shared/domain/profile';
import { SubscriptionOptions, setOptions } from '../../../shared/mqtt/subscription-options';
import type { RetainHandling } from '../../../shared/mqtt/subscription-options';
import { isMessageKey, msg, type Message } from '../../../shared/i18n';

/** The options as the form holds them: the identifier as typed, so a wrong one can be shown and explained. */
export interface OptionsDraft {
  noLocal: boolean;
  retainAsPublished: boolean;
  retainHandling: RetainHandling;
  identifier: string;
  userProperties: KeyValue[];
}

export const emptyDraft: OptionsDraft = { noLocal: false, retainAsPublished: false, retainHandling: 0, identifier: '', userProperties: [] };

/** Each problem a message, worded where shown. */
export interface DraftProblems {
  identifier?: Message;
  /** Keyed "index.key" or "index.value", as KeyValueEditor shows them. */
  userProperties: Record<string, Message>;
}

/** The schema words its issues as catalogue keys; any other text is carried as it is (an unknown key words as itself). */
function issueMessage(text: string): Message {
  return isMessageKey(text) ? msg(text) : { key: text } as Message;
}

export type DraftResult = { ok: true; options: SubscriptionOptions | undefined } | { ok: false; problems: DraftProblems };

/** The options to send, or what is wrong with the draft; the same schema the main process checks with. */
export function readDraft(draft: OptionsDraft): DraftResult {
  const problems: DraftProblems = { userProperties: {} };
  const typed = draft.identifier.trim();
  let subscriptionIdentifier: number | undefined;
  if (typed !== '') {
    if (!/^\d+$/.test(typed)) problems.identifier = msg('subscriptions.options.identifierInvalid');
    else subscriptionIdentifier = Number(typed);
  }
  const parsed = SubscriptionOptions.safeParse({
    noLocal: draft.noLocal,
    retainAsPublished: draft.retainAsPublished,
    retainHandling: draft.retainHandling,
    subscriptionIdentifier,
    userProperties: draft.userProperties,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, index, part] = issue.path;
      if (field === 'subscriptionIdentifier') problems.identifier ??= issueMessage(issue.message);
      if (field === 'userProperties' && typeof index === 'number') problems.userProperties[`${index}.${String(part ?? 'key')}`] = issueMessage(issue.message);
    }
  }
  if (problems.identifier !== undefined || Object.keys(problems.userProperties).length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, options: setOptions(parsed.data) };
}
