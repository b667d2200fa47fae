import { connect as connectTcp } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebServer } from '../../electron/web/web-server';
import { encodeFrame, openRawWebSocket } from '../helpers/raw-websocket';
import type { RawWebSocket } from '../helpers/raw-websocket';
import { createTempCore } from '../helpers/temp-core';
import { startTestWebServer } from '../helpers/web-server';

describe('a web-mode /api socket that breaks the WebSocket protocol', () => {
  const core = createTempCore();
  let server: WebServer;
  let good: RawWebSocket;
  let nextId = 1;
  const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const logged = () => warnings.mock.calls.map((call) => call.map(String).join(' ')).join('\n');

  const open = () => openRawWebSocket(server.port, `/api?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });

  /** The good socket still gets answers from the core. */
  async function stillAnswers(): Promise<void> {
    const id = nextId++;
    good.sendText(JSON.stringify({ type: 'request', id, channel: 'app.info', input: {} }));
    expect(await good.waitForJson((frame) => (frame as { id?: number }).id === id)).toEqual({ type: 'response', id, result: { ok: true, value: { mode: 'web', version: 'test' } } });
  }

  beforeAll(async () => {
    server = await startTestWebServer(core);
    good = await open();
  });
  afterAll(async () => {
    warnings.mockRestore();
    good?.destroy();
    await server.close();
    await core.close();
  });

  const text = (payload: Buffer | string) => Buffer.from(payload);
  const cases: { name: string; bytes: () => Buffer; code: number; reason: string }[] = [
    { name: 'a header announcing more than the maximum payload', reason: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', code: 1009, bytes: () => encodeFrame({ opcode: 1, payload: Buffer.alloc(0), declaredLength: 81n * 1024n * 1024n }) },
    { name: 'a 64-bit length beyond any buffer', reason: 'WS_ERR_UNSUPPORTED', code: 1009, bytes: () => encodeFrame({ opcode: 1, payload: Buffer.alloc(0), declaredLength: 2n ** 62n }) },
    { name: 'invalid UTF-8 in a text frame', reason: 'WS_ERR_INVALID_UTF8', code: 1007, bytes: () => encodeFrame({ opcode: 1, payload: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) }) },
    { name: 'an unmasked frame', reason: 'WS_ERR_EXPECTED_MASK', code: 1002, bytes: () => encodeFrame({ opcode: 1, payload: text('{}'), masked: false }) },
    { name: 'opcode 3', reason: 'WS_ERR_INVALID_OPCODE', code: 1002, bytes: () => encodeFrame({ opcode: 3, payload: text('{}') }) },
    { name: 'RSV1 without an extension', reason: 'WS_ERR_UNEXPECTED_RSV_1', code: 1002, bytes: () => encodeFrame({ opcode: 1, payload: text('{}'), reserved: 4 }) },
    { name: 'a continuation with nothing to continue', reason: 'WS_ERR_INVALID_OPCODE', code: 1002, bytes: () => encodeFrame({ opcode: 0, payload: text('{}') }) },
    { name: 'a ping longer than 125 bytes', reason: 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH', code: 1002, bytes: () => encodeFrame({ opcode: 9, payload: Buffer.alloc(200) }) },
    { name: 'a fragmented close frame', reason: 'WS_ERR_EXPECTED_FIN', code: 1002, bytes: () => encodeFrame({ opcode: 8, payload: Buffer.from([0x03, 0xe8]), fin: false }) },
  ];

  for (const { name, bytes, code, reason } of cases) {
    it(`closes the socket with ${code} for ${name}, logs why, and the app and other sockets go on`, async () => {
      const bad = await open();
      bad.write(bytes());
      expect(await bad.closed).toBe(code);
      await expect.poll(logged).toContain(`[web] closed an /api socket: `);
      expect(logged()).toContain(reason);
      await stillAnswers();
    });
  }

  it('closes a socket sending a message.publish above the maximum payload with 1009, and goes on', async () => {
    const bad = await open();
    const payload = 'x'.repeat(100 * 1024 * 1024);
    bad.write(encodeFrame({ opcode: 1, payload: Buffer.from(JSON.stringify({ type: 'request', id: 1, channel: 'message.publish', input: { connectionId: 'c', topic: 't', qos: 0, retain: false, payload, encoding: 'utf8' } })) }));
    expect(await bad.closed).toBe(1009);
    await expect.poll(logged).toContain('Max payload size exceeded');
    await stillAnswers();
  });

  it('survives a peer that resets the connection while its upgrade is refused', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const socket = connectTcp(server.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(`GET /api?token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: http://127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${Buffer.alloc(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      socket.resetAndDestroy();
    }
    await stillAnswers();
    expect(logged()).toContain('[web] an /api connection failed: ');
  });

  it('answers a request frame it cannot use with a response for its id, and an id-less error only without an id', async () => {
    const replies = await open();
    replies.sendText(JSON.stringify({ type: 'request', id: 41, channel: 'app.info' }));
    expect(await replies.waitForJson((frame) => (frame as { id?: number }).id === 41)).toEqual({
      type: 'response',
      id: 41,
      result: { ok: false, error: { code: 'invalid_input', field: 'input', message: expect.stringContaining('input: missing') } },
    });
    replies.sendText(JSON.stringify({ type: 'request', id: 42, channel: 7, input: {} }));
    expect(await replies.waitForJson((frame) => (frame as { id?: number }).id === 42)).toMatchObject({ id: 42, result: { ok: false, error: { code: 'invalid_input', field: 'channel' } } });
    replies.sendText(JSON.stringify({ type: 'ask', id: 43, channel: 'app.info', input: {} }));
    expect(await replies.waitForJson((frame) => (frame as { id?: number }).id === 43)).toMatchObject({ id: 43, result: { ok: false, error: { code: 'invalid_input', field: 'type' } } });
    replies.sendText(JSON.stringify({ type: 'request', id: 'x', channel: 'app.info', input: {} }));
    expect(await replies.waitForJson((frame) => (frame as { type?: string }).type === 'error')).toEqual({ type: 'error', message: expect.stringContaining('A frame was not a request') });
    replies.destroy();
  });
});
