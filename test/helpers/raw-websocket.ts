import { randomBytes } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';

/**
 * A WebSocket client made of a TCP socket, for frames no WebSocket library will send: unmasked,
 * reserved opcodes and bits, lengths that lie, invalid UTF-8.
 */
export interface RawWebSocket {
  socket: Socket;
  /** Text frames received, in order. */
  texts: string[];
  /** The code of the server's close frame; undefined when the TCP connection ended without one. */
  closed: Promise<number | undefined>;
  write(bytes: Buffer): void;
  /** A well-formed, masked text frame. */
  sendText(text: string): void;
  /** Resolves with the first received text frame, parsed as JSON, that matches. */
  waitForJson(match: (frame: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  destroy(): void;
}

export interface FrameParts {
  opcode: number;
  payload: Buffer;
  fin?: boolean;
  /** The RSV1..3 bits as a number 0..7. */
  reserved?: number;
  /** Client frames must be masked; false sends one that is not. */
  masked?: boolean;
  /** The length written in the header, when it should differ from the payload's real length. */
  declaredLength?: bigint;
}

export function encodeFrame({ opcode, payload, fin = true, reserved = 0, masked = true, declaredLength }: FrameParts): Buffer {
  const length = declaredLength ?? BigInt(payload.length);
  const first = (fin ? 0x80 : 0) | ((reserved & 7) << 4) | (opcode & 0x0f);
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, maskBit | Number(length)]);
  else if (length < 65536n) {
    header = Buffer.from([first, maskBit | 126, 0, 0]);
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload);
  for (let index = 0; index < body.length; index++) body[index] = (body[index] ?? 0) ^ (mask[index % 4] ?? 0);
  return Buffer.concat([header, mask, body]);
}

/** Opens `path` with an upgrade carrying `headers`; rejects unless the server answers 101. */
export async function openRawWebSocket(port: number, path: string, headers: Record<string, string>): Promise<RawWebSocket> {
  const socket = connectTcp(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);

  let buffered = Buffer.alloc(0);
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const status = buffered.subarray(0, buffered.indexOf('\r\n')).toString();
      buffered = buffered.subarray(end + 4);
      if (status.includes(' 101 ')) resolve();
      else reject(new Error(`The upgrade was refused: ${status}`));
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('The socket closed during the upgrade.')));
  });

  const texts: string[] = [];
  let closeCode: number | undefined;
  const readFrames = () => {
    for (;;) {
      const frame = serverFrame(buffered);
      if (!frame) return;
      buffered = buffered.subarray(frame.size);
      if (frame.opcode === 1) texts.push(frame.payload.toString('utf8'));
      if (frame.opcode === 8 && closeCode === undefined) closeCode = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
    }
  };
  readFrames();
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    readFrames();
  });
  const closed = new Promise<number | undefined>((resolve) => socket.once('close', () => resolve(closeCode)));
  const write = (bytes: Buffer) => {
    if (!socket.destroyed) socket.write(bytes);
  };
  return {
    socket,
    texts,
    closed,
    write,
    sendText: (text) => write(encodeFrame({ opcode: 1, payload: Buffer.from(text, 'utf8') })),
    async waitForJson(match, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = texts.map((text) => JSON.parse(text) as unknown).find(match);
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`No matching frame within ${timeoutMs} ms; received ${JSON.stringify(texts).slice(0, 500)}.`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    destroy: () => socket.destroy(),
  };
}

/** One complete frame from the server (never masked) at the start of `bytes`, or undefined. */
function serverFrame(bytes: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (bytes.length < 2) return undefined;
  const opcode = (bytes[0] ?? 0) & 0x0f;
  let length = (bytes[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (bytes.length < 4) return undefined;
    length = bytes.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (bytes.length < 10) return undefined;
    length = Number(bytes.readBigUInt64BE(2));
    offset = 10;
  }
  if (bytes.length < offset + length) return undefined;
  return { opcode, payload: bytes.subarray(offset, offset + length), size: offset + length };
}
