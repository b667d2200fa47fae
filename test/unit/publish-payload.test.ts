import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../shared/payload/preview';
import { encodePublishPayload } from '../../shared/payload/publish-payload';
import type { EncodedPayload } from '../../shared/payload/publish-payload';

const bytesOf = (encoded: EncodedPayload) => {
  if (!encoded.ok) throw new Error(encoded.message);
  return [...(encoded.encoding === 'base64' ? base64ToBytes(encoded.payload) : new TextEncoder().encode(encoded.payload))];
};

describe('the publisher reads its payload in the chosen format', () => {
  it('sends text and JSON as UTF-8, and empty as no bytes at all', () => {
    expect(encodePublishPayload('plaintext', 'héllo')).toEqual({ ok: true, payload: 'héllo', encoding: 'utf8', size: 6 });
    expect(encodePublishPayload('json', '""')).toMatchObject({ ok: true, size: 2 });
    expect(encodePublishPayload('empty', 'whatever the editor held')).toEqual({ ok: true, payload: '', encoding: 'utf8', size: 0 });
  });

  it('reads hex with spaces, colons, dashes and 0x between bytes', () => {
    for (const text of ['de ad be ef', 'DE:AD:BE:EF', 'de-ad-be-ef', '0xde 0xad 0xbe 0xef', 'deadbeef\n']) {
      expect(bytesOf(encodePublishPayload('hex', text)), text).toEqual([0xde, 0xad, 0xbe, 0xef]);
    }
    expect(encodePublishPayload('hex', '00 ff')).toMatchObject({ size: 2 });
  });

  it('says which hex digit is wrong, or that one is missing', () => {
    expect(encodePublishPayload('hex', 'de ag')).toEqual({ ok: false, message: expect.stringContaining('"g" is not a hex digit') });
    expect(encodePublishPayload('hex', 'dea')).toEqual({ ok: false, message: expect.stringContaining('there are 3 digits') });
  });

  it('reads Base64 in both alphabets, with or without padding', () => {
    expect(bytesOf(encodePublishPayload('base64', 'aGk='))).toEqual([0x68, 0x69]);
    expect(bytesOf(encodePublishPayload('base64', 'aGk'))).toEqual([0x68, 0x69]);
    expect(bytesOf(encodePublishPayload('base64', '-_8'))).toEqual([0xfb, 0xff]);
    expect(bytesOf(encodePublishPayload('base64', '+/8='))).toEqual([0xfb, 0xff]);
  });

  it('says what is wrong with Base64 it cannot read', () => {
    expect(encodePublishPayload('base64', 'aG*k')).toEqual({ ok: false, message: expect.stringContaining('"*" is not a Base64 character') });
    expect(encodePublishPayload('base64', 'aGkhX')).toEqual({ ok: false, message: expect.stringContaining('single character') });
  });
});
