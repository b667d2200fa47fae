import { describe, expect, it } from 'vitest';
import { emptyDraft, readDraft } from '../../renderer/features/subscriptions/options-draft';

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
});
