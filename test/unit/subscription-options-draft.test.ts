import { describe, expect, it } from 'vitest';
import { emptyDraft, readDraft as readMessages, type OptionsDraft } from '../../renderer/features/subscriptions/options-draft';
import { translator } from '../../shared/i18n';

/** The draft's problems worded in English, as the form shows them. */
function readDraft(draft: OptionsDraft, t = translator('en')) {
  const read = readMessages(draft);
  if (read.ok) return read;
  const { identifier, userProperties } = read.problems;
  return { ok: false, problems: { ...(identifier ? { identifier: t.msg(identifier) } : {}), userProperties: Object.fromEntries(Object.entries(userProperties).map(([field, message]) => [field, t.msg(message)])) } };
}

describe('the subscription options form', () => {
  it('sends nothing for an untouched form', () => {
    expect(readDraft(emptyDraft)).toEqual({ ok: true, options: undefined });
  });

  it.each([
    ['abc', 'The subscription identifier is a whole number from 1 to 268,435,455.'],
    ['1.5', 'The subscription identifier is a whole number from 1 to 268,435,455.'],
    ['0', 'The subscription identifier is 1 or more; 0 is not allowed (MQTT 5 §3.8.2.1.2).'],
    ['268435456', 'The subscription identifier is at most 268,435,455.'],
  ])('refuses identifier %j beside the field', (identifier, message) => {
    expect(readDraft({ ...emptyDraft, identifier })).toEqual({ ok: false, problems: { identifier: message, userProperties: {} } });
  });

  it('names a user property without a name by its row', () => {
    expect(readDraft({ ...emptyDraft, userProperties: [{ key: '', value: 'x' }] })).toEqual({ ok: false, problems: { userProperties: { '0.key': 'A user property needs a name.' } } });
  });

  it('reads what is set', () => {
    expect(readDraft({ ...emptyDraft, noLocal: true, retainHandling: 1, identifier: ' 268435455 ' })).toEqual({
      ok: true,
      options: { noLocal: true, retainHandling: 1, subscriptionIdentifier: 268_435_455 },
    });
  });

  it('words the problems in Chinese too', () => {
    const zh = translator('zh-CN');
    expect(readDraft({ ...emptyDraft, identifier: '0' }, zh)).toEqual({ ok: false, problems: { identifier: '订阅标识符至少为 1；不允许为 0（MQTT 5 §3.8.2.1.2）。', userProperties: {} } });
    expect(readDraft({ ...emptyDraft, identifier: 'x' }, zh)).toEqual({ ok: false, problems: { identifier: '订阅标识符是 1 到 268,435,455 之间的整数。', userProperties: {} } });
  });
});
