import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebServer } from '../../electron/web/web-server';
import { encodeFrame, openRawWebSocket } from '../helpers/raw-websocket';
import type { FrameParts, RawWebSocket } from '../helpers/raw-websocket';
import { caseSeed, fuzzScale, pick, randomInt, seededRandom } from '../helpers/seeded-random';
import { createTempCore } from '../helpers/temp-core';
import { startTestWebServer } from '../helpers/web-server';

// FUZZ_CASES=5000 FUZZ_SEED=7 for a soak run; a failure prints the seed and case to rerun alone with FUZZ_CASE.
const seed = Number(process.env.FUZZ_SEED ?? 13);
const caseCount = Number(process.env.FUZZ_CASES ?? 480 * fuzzScale());
const onlyCase = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
const SOCKETS_AT_ONCE = 4;
const MAX_PAYLOAD = 80 * 1024 * 1024;

/** Read-only channels: a fuzzed request may be valid, and must then change nothing outside the test. */
const safeChannels = ['app.info', 'connection.list', 'message.list', 'message.query', 'message.get', 'flows.list', 'packets.list', 'recording.status', 'replay.status', 'broker.get', 'settings.get', 'recording.sessions', 'lifeline.get', 'topics.rows'];

/** What the server must do with a case's socket: close it with this code, or (undefined) keep it open. */
interface FuzzCase {
  chunks: Buffer[];
  expectedClose: number | 'stall' | undefined;
  /** Ids of the request frames that must be answered, when the socket stays open. */
  answeredIds: number[];
  /** Text and binary messages sent, when the socket stays open: each gets exactly one frame back. */
  messages: number;
  /** The case's faulty frame, for the failure message. */
  fault: string;
}

type Random = () => number;

function randomJson(random: Random, depth = 0): unknown {
  switch (randomInt(random, depth > 2 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return pick(random, [0, -1, 1.5, 2 ** 53, Number.MAX_VALUE, 7]);
    case 2:
      return pick(random, ['', 'a+', '#', '__proto__', 'x'.repeat(randomInt(random, 300)), '\u0000', '\ud83d\ude00']);
    case 3:
      return random() < 0.5;
    case 4:
      return pick(random, ['c1', 'connection', '../../etc/passwd']);
    case 5:
      return Array.from({ length: randomInt(random, 4) }, () => randomJson(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let index = randomInt(random, 4); index > 0; index--) {
        Object.defineProperty(object, pick(random, ['connectionId', 'id', 'filter', 'limit', '__proto__', 'constructor', 'messageId', 'offset']), {
          value: randomJson(random, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      return object;
    }
  }
}

/** A request frame that is right, nearly right, or not a request at all. */
function requestText(random: Random, nextId: () => number): { text: string; id: number | undefined } {
  const kind = randomInt(random, 10);
  if (kind === 0) return { text: pick(random, ['not json', '{', '[]', '"request"', '42', 'null', '{"type":"request"']), id: undefined };
  const frame: Record<string, unknown> = {};
  const id = nextId();
  if (kind !== 1) frame.type = random() < 0.9 ? 'request' : pick(random, ['response', 'event', 1]);
  if (kind !== 2) frame.id = random() < 0.9 ? id : pick(random, ['1', null, -1, 1.5, [1]]);
  if (kind !== 3) frame.channel = random() < 0.7 ? pick(random, safeChannels) : pick(random, ['', 'app.', 'toString', '__proto__', 'x'.repeat(250), 5]);
  if (kind !== 4) frame.input = random() < 0.3 ? {} : randomJson(random);
  const answered = typeof frame.id === 'number' && Number.isFinite(frame.id);
  return { text: JSON.stringify(frame), id: answered ? (frame.id as number) : undefined };
}

const frame = (parts: FrameParts) => encodeFrame(parts);
const invalidUtf8 = () => Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]);

/** One frame that breaks the protocol, and the close code RFC 6455 (and ws) give it. */
function faultyFrame(random: Random): { bytes: Buffer; code: number | 'stall'; fault: string } {
  const payload = Buffer.from('{"type":"request"}');
  switch (randomInt(random, 15)) {
    case 0:
      return { bytes: frame({ opcode: 1, payload, reserved: pick(random, [1, 2, 3, 4, 5, 6, 7]) }), code: 1002, fault: 'reserved bits' };
    case 1:
      return { bytes: frame({ opcode: pick(random, [3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), payload }), code: 1002, fault: 'reserved opcode' };
    case 2:
      return { bytes: frame({ opcode: 0, payload }), code: 1002, fault: 'continuation with nothing to continue' };
    case 3:
      return { bytes: frame({ opcode: 1, payload, masked: false }), code: 1002, fault: 'unmasked' };
    case 4:
      return { bytes: frame({ opcode: pick(random, [8, 9, 10]), payload: Buffer.alloc(126 + randomInt(random, 200)) }), code: 1002, fault: 'control frame over 125 bytes' };
    case 5:
      return { bytes: frame({ opcode: pick(random, [8, 9, 10]), payload: Buffer.alloc(2), fin: false }), code: 1002, fault: 'fragmented control frame' };
    case 6:
      return { bytes: frame({ opcode: 8, payload: Buffer.from([0x03]) }), code: 1002, fault: 'close with a 1-byte body' };
    case 7: {
      const closeCode = pick(random, [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535]);
      const body = Buffer.alloc(2);
      body.writeUInt16BE(closeCode);
      return { bytes: frame({ opcode: 8, payload: body }), code: 1002, fault: `close code ${closeCode}` };
    }
    case 8:
      return { bytes: frame({ opcode: 8, payload: Buffer.concat([Buffer.from([0x03, 0xe8]), Buffer.from([0xff, 0xfe])]) }), code: 1007, fault: 'close reason not UTF-8' };
    case 9:
      return { bytes: frame({ opcode: 1, payload: invalidUtf8() }), code: 1007, fault: 'text not UTF-8' };
    case 10: {
      // Invalid UTF-8 split across fragments, with a ping between them (which is allowed).
      const bytes = invalidUtf8();
      return {
        bytes: Buffer.concat([frame({ opcode: 1, payload: bytes.subarray(0, 3), fin: false }), frame({ opcode: 9, payload: Buffer.from('p') }), frame({ opcode: 0, payload: bytes.subarray(3) })]),
        code: 1007,
        fault: 'fragmented text not UTF-8',
      };
    }
    case 11:
      return {
        bytes: Buffer.concat([frame({ opcode: 1, payload: Buffer.from('{"ty'), fin: false }), frame({ opcode: pick(random, [1, 2]), payload })]),
        code: 1002,
        fault: 'new message inside a fragmented one',
      };
    case 12: {
      const declared = random() < 0.5 ? BigInt(MAX_PAYLOAD + 1 + randomInt(random, 1000)) : 2n ** BigInt(33 + randomInt(random, 31));
      return { bytes: frame({ opcode: pick(random, [1, 2]), payload: Buffer.alloc(randomInt(random, 16)), declaredLength: declared }), code: 1009, fault: `declared length ${declared}` };
    }
    case 13:
      return { bytes: frame({ opcode: 1, payload }).subarray(0, 1 + randomInt(random, 5)), code: 'stall', fault: 'a header cut short' };
    default: {
      const sent = randomInt(random, 40);
      return { bytes: frame({ opcode: 1, payload: Buffer.alloc(sent, 0x61), declaredLength: BigInt(sent + 1 + randomInt(random, 60_000)) }), code: 'stall', fault: 'length longer than what is sent' };
    }
  }
}

/** Frames a well-behaved client may send: requests (right or wrong at the contract level), binary, pings, fragments. */
function goodFrames(random: Random, nextId: () => number): { bytes: Buffer[]; ids: number[]; messages: number } {
  const bytes: Buffer[] = [];
  const ids: number[] = [];
  let messages = 0;
  for (let count = 1 + randomInt(random, 4); count > 0; count--) {
    const kind = randomInt(random, 8);
    if (kind === 0) {
      bytes.push(frame({ opcode: 2, payload: Buffer.from([1, 2, 3]) }));
      messages++;
    } else if (kind === 1) {
      bytes.push(frame({ opcode: pick(random, [9, 10]), payload: Buffer.alloc(randomInt(random, 126)) }));
    } else {
      const { text, id } = requestText(random, nextId);
      const body = Buffer.from(text, 'utf8');
      if (kind === 2 && body.length > 2) {
        // The same request in fragments, with a control frame between them.
        const at = 1 + randomInt(random, body.length - 1);
        bytes.push(frame({ opcode: 1, payload: body.subarray(0, at), fin: false }), frame({ opcode: 9, payload: Buffer.alloc(0) }), frame({ opcode: 0, payload: body.subarray(at) }));
      } else {
        bytes.push(frame({ opcode: 1, payload: body }));
      }
      if (id !== undefined) ids.push(id);
      messages++;
    }
  }
  return { bytes, ids, messages };
}

/** The bytes cut at random places, some into single bytes, as a slow or hostile network delivers them. */
function chop(random: Random, bytes: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const size = random() < 0.2 ? 1 : 1 + randomInt(random, 64);
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

function makeCase(index: number): FuzzCase {
  const random = seededRandom(caseSeed(seed, index));
  let id = index * 100;
  const nextId = () => ++id;
  const good = goodFrames(random, nextId);
  if (random() < 0.3) return { chunks: chop(random, Buffer.concat(good.bytes)), expectedClose: undefined, answeredIds: good.ids, messages: good.messages, fault: 'none' };
  const faulty = faultyFrame(random);
  return { chunks: chop(random, Buffer.concat([...good.bytes, faulty.bytes])), expectedClose: faulty.code, answeredIds: [], messages: 0, fault: faulty.fault };
}

describe(`web mode's /api socket under malformed frames (seed ${seed}, ${caseCount} cases)`, () => {
  const core = createTempCore();
  let server: WebServer;
  let good: RawWebSocket;
  let goodId = 1_000_000_000;
  const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

  const open = () => openRawWebSocket(server.port, `/api?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });

  beforeAll(async () => {
    server = await startTestWebServer(core);
    good = await open();
  });
  afterAll(async () => {
    warnings.mockRestore();
    good?.destroy();
    await server?.close();
    await core.close();
  });

  async function runCase(index: number): Promise<void> {
    const fuzz = makeCase(index);
    const where = `seed ${seed}, case ${index} (rerun: FUZZ_SEED=${seed} FUZZ_CASE=${index}); fault: ${fuzz.fault}`;
    const socket = await open();
    try {
      for (const chunk of fuzz.chunks) socket.write(chunk);
      if (fuzz.expectedClose === 'stall') {
        // The server waits for the rest of the frame, as it should; when the client goes, so does the socket.
        await new Promise((resolve) => setTimeout(resolve, 20));
        socket.socket.end();
        expect(await withTimeout(socket.closed, where), where).toBeUndefined();
      } else if (fuzz.expectedClose !== undefined) {
        expect(await withTimeout(socket.closed, where), where).toBe(fuzz.expectedClose);
      } else {
        // Every text or binary message gets exactly one frame back, and every readable id its response.
        await expect.poll(() => socket.texts.length, { timeout: 5000, message: where }).toBe(fuzz.messages);
        const answered = socket.texts.map((text) => (JSON.parse(text) as { id?: number }).id).filter((id) => id !== undefined);
        expect(answered.sort(), where).toEqual([...fuzz.answeredIds].sort());
        socket.write(encodeFrame({ opcode: 8, payload: Buffer.from([0x03, 0xe8]) }));
        expect(await withTimeout(socket.closed, where), where).toBe(1000);
      }
    } finally {
      socket.destroy();
    }
  }

  it('closes each bad socket with the code its fault calls for, logs why, and keeps answering a good one', async () => {
    const indexes = onlyCase === undefined ? Array.from({ length: caseCount }, (_, index) => index) : [onlyCase];
    let faults = 0;
    for (let start = 0; start < indexes.length; start += SOCKETS_AT_ONCE) {
      const batch = indexes.slice(start, start + SOCKETS_AT_ONCE);
      await Promise.all(batch.map((index) => runCase(index)));
      faults += batch.filter((index) => typeof makeCase(index).expectedClose === 'number' && makeCase(index).fault !== 'none').length;
      const id = goodId++;
      good.sendText(JSON.stringify({ type: 'request', id, channel: 'app.info', input: {} }));
      expect(await good.waitForJson((reply) => (reply as { id?: number }).id === id), `after cases ${batch.join(', ')} (seed ${seed})`).toMatchObject({ result: { ok: true } });
    }
    const closedLines = warnings.mock.calls.filter((call) => String(call[0]).startsWith('[web] closed an /api socket: ')).length;
    expect(closedLines).toBe(faults);
  }, 120_000);
});

async function withTimeout<T>(promise: Promise<T>, where: string, timeoutMs = 5000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`No close within ${timeoutMs} ms: ${where}`)), timeoutMs)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
