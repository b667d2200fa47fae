import { describe, expect, it } from 'vitest';
import { correlationBytes, correlationHex, exchangeMessage } from '../../shared/exchange/correlation';
import { MAX_REQUESTS_HELD, RequestBook } from '../../shared/exchange/request-book';
import type { ExchangeMessage } from '../../shared/domain/exchange';

const message = (topic: string, text = 'x'): ExchangeMessage => exchangeMessage({ topic, qos: 1, payload: new TextEncoder().encode(text), wallTime: 0 });

/** A request added and sent at `sentAt` (monotonic ms). */
function sent(book: RequestBook, hex: string, sentAt: number, timeoutMs = 1000, responseTopic = 'replies') {
  const view = book.add({ correlationHex: hex, responseTopic, timeoutMs, request: message('service/do') });
  book.noteSent(hex, view.requestNumber * 10, sentAt, 0);
  return view;
}

describe('pairing responses with requests by correlation data', () => {
  it('answers the request whose correlation data the response carries, with the round trip, among several in flight', () => {
    const book = new RequestBook();
    const first = sent(book, 'aa', 100);
    const second = sent(book, 'bb', 110);
    const third = sent(book, 'cc', 120);
    expect(book.noteResponse(message('replies', 'two'), 'bb', 50, 160)).toMatchObject({ kind: 'answered', request: { requestNumber: second.requestNumber } });
    expect(book.noteResponse(message('replies', 'one'), 'aa', 51, 170.25)).toMatchObject({ kind: 'answered', request: { requestNumber: first.requestNumber } });
    const [one, two, three] = book.list();
    expect(one).toMatchObject({ state: 'answered', roundTripMs: 70.3, responseSeq: 51, response: { payloadText: 'one' } });
    expect(two).toMatchObject({ state: 'answered', roundTripMs: 50, responseSeq: 50, response: { payloadText: 'two' } });
    expect(three).toMatchObject({ state: 'waiting', requestNumber: third.requestNumber });
    expect(three?.response).toBeUndefined();
  });

  it('calls a response that comes after the timeout late, whether or not the timer marked the request first', () => {
    const book = new RequestBook();
    sent(book, 'aa', 0, 1000);
    sent(book, 'bb', 0, 1000);
    expect(book.expire(999)).toEqual([]);
    expect(book.expire(1000).map((request) => request.correlationHex)).toEqual(['aa', 'bb']);
    expect(book.list().map((request) => request.state)).toEqual(['timed-out', 'timed-out']);
    expect(book.noteResponse(message('replies'), 'aa', 7, 1500)).toMatchObject({ kind: 'late', request: { state: 'late', roundTripMs: 1500 } });
    // No timer has fired for this one yet: the time alone decides.
    sent(book, 'cc', 2000, 1000);
    expect(book.noteResponse(message('replies'), 'cc', 8, 3000.5)).toMatchObject({ kind: 'late' });
    // Exactly at the timeout still counts as answered.
    sent(book, 'dd', 5000, 1000);
    expect(book.noteResponse(message('replies'), 'dd', 9, 6000)).toMatchObject({ kind: 'answered' });
  });

  it('shows a response without correlation data, with unknown correlation data, or a second one, as unmatched and leaves the requests alone', () => {
    const book = new RequestBook();
    sent(book, 'aa', 0);
    expect(book.noteResponse(message('replies'), undefined, 1, 5)).toMatchObject({ kind: 'unmatched', unmatched: { reason: expect.stringMatching(/no Correlation Data/) } });
    expect(book.noteResponse(message('replies'), 'ff00', 2, 5)).toMatchObject({ kind: 'unmatched', unmatched: { reason: expect.stringMatching(/ff00 matches no request/) } });
    expect(book.list()[0]?.state).toBe('waiting');
    book.noteResponse(message('replies'), 'aa', 3, 6);
    expect(book.noteResponse(message('replies'), 'aa', 4, 7)).toMatchObject({ kind: 'unmatched', unmatched: { reason: expect.stringMatching(/second response to request #1/) } });
    expect(book.list()[0]).toMatchObject({ state: 'answered', responseSeq: 3 });
    expect(book.unmatched.map((each) => each.seq)).toEqual([1, 2, 4]);
  });

  it('knows its response topics, fails a request that was not sent, and forgets the oldest beyond its budget', () => {
    const book = new RequestBook();
    sent(book, 'aa', 0, 1000, 'my/replies');
    expect(book.isResponseTopic('my/replies')).toBe(true);
    expect(book.isResponseTopic('other')).toBe(false);
    const unsent = book.add({ correlationHex: 'bb', responseTopic: 'my/replies', timeoutMs: 1000, request: message('x') });
    expect(book.fail('bb', { key: 'exchange.core.notSent', params: { reason: 'refused' } })).toMatchObject({ state: 'failed', failure: 'not sent: refused', requestNumber: unsent.requestNumber });
    expect(book.expire(10_000).map((request) => request.correlationHex)).toEqual(['aa']);
    for (let index = 0; index < MAX_REQUESTS_HELD; index++) sent(book, `c${index}`, 0);
    expect(book.list()).toHaveLength(MAX_REQUESTS_HELD);
    expect(book.noteResponse(message('my/replies'), 'aa', 1, 1)).toMatchObject({ kind: 'unmatched' });
  });
});

describe('correlation data', () => {
  it('reads hex with or without spaces and refuses what is not hex', () => {
    expect(correlationBytes('00 ff 10')).toEqual(new Uint8Array([0, 255, 16]));
    expect(correlationBytes('A0b1')).toEqual(new Uint8Array([0xa0, 0xb1]));
    expect(correlationBytes('abc')).toBeUndefined();
    expect(correlationBytes('zz')).toBeUndefined();
    expect(correlationHex(new Uint8Array([1, 0xab]))).toBe('01ab');
  });

  it('shows a text payload as text, a binary one as hex, and a long one cut with an ellipsis', () => {
    expect(exchangeMessage({ topic: 't', qos: 0, payload: new TextEncoder().encode('héllo'), wallTime: 0 })).toMatchObject({ payloadText: 'héllo', payloadIsHex: false, payloadSize: 6 });
    expect(exchangeMessage({ topic: 't', qos: 0, payload: new Uint8Array([0, 1, 255]), wallTime: 0 })).toMatchObject({ payloadText: '0001ff', payloadIsHex: true });
    const long = exchangeMessage({ topic: 't', qos: 0, payload: new Uint8Array(10_000).fill(65), wallTime: 0 });
    expect(long.payloadText.endsWith('…')).toBe(true);
    expect(long.payloadSize).toBe(10_000);
  });

  it('shows a long text payload as text even where the cut falls inside a character', () => {
    // 'é' is two bytes, and 'a' shifts them so the cut at an even byte count splits one.
    const payload = new TextEncoder().encode(`a${'é'.repeat(20_000)}`);
    const shown = exchangeMessage({ topic: 't', qos: 0, payload, wallTime: 0 });
    expect(shown.payloadIsHex).toBe(false);
    expect(shown.payloadText).toMatch(/^aéééé/);
    expect(shown.payloadText.endsWith('é…')).toBe(true);
  });
});
