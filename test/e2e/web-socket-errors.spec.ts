import { encodeFrame, openRawWebSocket } from '../helpers/raw-websocket';
import { expect, test } from './fixtures';

// Not a browser test: raw frames against the app process that `npm start -- --web` runs.
test('the web-mode app survives sockets that break the WebSocket protocol, and logs why each was closed', async ({ app }) => {
  const port = Number(new URL(app.url).port);
  const open = () => openRawWebSocket(port, `/api?token=${app.token}`, { Origin: app.origin });
  const good = await open();
  const bad = [
    { bytes: encodeFrame({ opcode: 1, payload: Buffer.from([0xc3, 0x28]) }), code: 1007 },
    { bytes: encodeFrame({ opcode: 1, payload: Buffer.from('{}'), masked: false }), code: 1002 },
    { bytes: encodeFrame({ opcode: 3, payload: Buffer.from('{}') }), code: 1002 },
    { bytes: encodeFrame({ opcode: 1, payload: Buffer.alloc(0), declaredLength: 100n * 1024n * 1024n }), code: 1009 },
  ];
  const codes = await Promise.all(
    bad.map(async ({ bytes }) => {
      const socket = await open();
      socket.write(bytes);
      return socket.closed;
    }),
  );
  expect(codes).toEqual(bad.map(({ code }) => code));
  good.sendText(JSON.stringify({ type: 'request', id: 1, channel: 'app.info', input: {} }));
  expect(await good.waitForJson((frame) => (frame as { id?: number }).id === 1)).toMatchObject({ type: 'response', id: 1, result: { ok: true, value: { mode: 'web' } } });
  good.destroy();
  await expect.poll(() => app.output().split('\n').filter((line) => line.startsWith('[web] closed an /api socket: ')).length).toBe(4);
  expect(app.output()).toContain('WS_ERR_INVALID_UTF8');
});
