import { describe, expect, it } from 'vitest';
import { SubscriptionBook, subscriptionResult } from '../../electron/core/connections/subscription-book';

describe('the subscription book', () => {
  it('pairs each UNSUBACK code with its filter by packet id, once', () => {
    const book = new SubscriptionBook();
    book.noteUnsubscribe({ cmd: 'unsubscribe', messageId: 4, unsubscriptions: ['a/#', 'b/+'] });
    book.noteUnsuback({ cmd: 'unsuback', messageId: 4, granted: [0x00, 0x11] });
    expect(book.takeUnsubackCode('b/+')).toBe(0x11);
    expect(book.takeUnsubackCode('a/#')).toBe(0x00);
    expect(book.takeUnsubackCode('b/+')).toBeUndefined();
  });

  it('takes an UNSUBACK without codes (MQTT 3.1.1), for an unknown packet id, or with extra codes without throwing', () => {
    const book = new SubscriptionBook();
    book.noteUnsubscribe({ cmd: 'unsubscribe', messageId: 1, unsubscriptions: ['a'] });
    expect(() => book.noteUnsuback({ cmd: 'unsuback', messageId: 1 } as never)).not.toThrow();
    expect(() => book.noteUnsuback({ cmd: 'unsuback', messageId: 9, granted: [0x11] })).not.toThrow();
    book.noteUnsubscribe({ cmd: 'unsubscribe', messageId: 2, unsubscriptions: ['a'] });
    book.noteUnsuback({ cmd: 'unsuback', messageId: 2, granted: [0x11, 0x11, 0x11] });
    expect(book.takeUnsubackCode('a')).toBe(0x11);
  });

  it('keeps the options asked for, unset ones left out, through the SUBACK result', () => {
    const book = new SubscriptionBook();
    const plain = book.request('p', 1, { noLocal: false, retainHandling: 0 });
    expect(plain).not.toHaveProperty('options');
    const pending = book.request('x', 1, { noLocal: true, subscriptionIdentifier: 5 });
    expect(subscriptionResult(pending, 1, 5)).toEqual({ filter: 'x', requestedQos: 1, state: 'granted', grantedQos: 1, options: { noLocal: true, subscriptionIdentifier: 5 } });
    expect(subscriptionResult(pending, 0xa1, 5)).toMatchObject({ state: 'failed', reasonCode: 0xa1, options: { subscriptionIdentifier: 5 } });
  });
});

describe('two requests for one filter in flight at once', () => {
  it('gives each waiting request its own SUBACK and UNSUBACK code, in order, when both acks came in one chunk', () => {
    const book = new SubscriptionBook();
    book.noteSubscribe({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'r/#', qos: 1 }] });
    book.noteSubscribe({ cmd: 'subscribe', messageId: 2, subscriptions: [{ topic: 'r/#', qos: 2 }] });
    book.noteSuback({ cmd: 'suback', messageId: 1, granted: [1] });
    book.noteSuback({ cmd: 'suback', messageId: 2, granted: [2] });
    expect([book.takeCode('r/#'), book.takeCode('r/#'), book.takeCode('r/#')]).toEqual([1, 2, undefined]);
    book.noteUnsubscribe({ cmd: 'unsubscribe', messageId: 3, unsubscriptions: ['r/#'] });
    book.noteUnsubscribe({ cmd: 'unsubscribe', messageId: 4, unsubscriptions: ['r/#'] });
    book.noteUnsuback({ cmd: 'unsuback', messageId: 3, granted: [0x00] });
    book.noteUnsuback({ cmd: 'unsuback', messageId: 4, granted: [0x11] });
    expect([book.takeUnsubackCode('r/#'), book.takeUnsubackCode('r/#')]).toEqual([0x00, 0x11]);
  });
});
