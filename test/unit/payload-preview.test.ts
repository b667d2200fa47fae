import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodePayload, payloadPreview, toHex } from '../../shared/payload/preview';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('payload previews', () => {
  it('shows short text whole, on one line', () => {
    expect(payloadPreview(utf8('{\n  "a": 1\n}'))).toBe('{ "a": 1 }');
  });

  it('marks a cut preview with an ellipsis so it never passes for the whole payload', () => {
    const preview = payloadPreview(utf8('x'.repeat(10_000)), 20);
    expect(preview).toBe(`${'x'.repeat(20)}…`);
  });

  it('keeps multi-byte text intact even when the decoded prefix splits a character', () => {
    const text = 'é'.repeat(1000);
    expect(payloadPreview(utf8(text), 10)).toBe(`${'é'.repeat(10)}…`);
  });

  it.each([
    ['hello world', 'hello world'],
    ['{"seq":1,"t":20.5}', '{"seq":1,"t":20.5}'],
    ['a  b', 'a b'],
    [' padded ', 'padded'],
    ['tab\there', 'tab here'],
    ['x'.repeat(161), `${'x'.repeat(160)}…`],
  ])('gives the same one-line preview of %j on the short-ASCII path and the general one', (payload, expected) => {
    expect(payloadPreview(new TextEncoder().encode(payload))).toBe(expected);
  });

  it('shows binary as hex', () => {
    expect(payloadPreview(new Uint8Array([0, 1, 2, 255]))).toBe('0x 00 01 02 ff');
    expect(decodePayload(new Uint8Array([0xc3, 0x28]))).toEqual({ kind: 'binary' });
    expect(toHex(new Uint8Array([10, 11]))).toBe('0a 0b');
  });

  it('round-trips base64 for every byte value', () => {
    const bytes = new Uint8Array(256 * 3 + 1).map((_, index) => index % 256);
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(encoded)).toEqual(bytes);
    expect(() => base64ToBytes('ab$c')).toThrow('Invalid base64 character "$".');
  });
});
