/**
 * The load of the broker throughput figure, in its own process so it does not share an event loop
 * with the broker it measures (dist/bench/broker-load-client.mjs):
 *
 *   sub PORT CONNECTIONS QOS EXPECTED   subscribes CONNECTIONS clients, prints "ready", then one JSON
 *                                       line once each has EXPECTED messages (or nothing came for 10 s)
 *   pub PORT QOS COUNT                  publishes COUNT messages as fast as the broker takes them
 *
 * Raw sockets and pre-built packets, not MQTT.js: the load must cost far less than the broker's work,
 * or the figure measures the client. MQTT 3.1.1 on both brokers.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { generate } from 'mqtt-packet';
import { INCOMPLETE, packetSizeAt } from '../../shared/packets/remaining-length';

export const BENCH_TOPIC = 'bench/broker';
const PAYLOAD = Buffer.alloc(100, 'x');
const PUBLISH = 3;
const PUBACK = 4;
const CONNACK = 2;
const SUBACK = 9;
/** Unacknowledged QoS 1 publishes the publisher keeps in flight: enough that it never waits on one round trip. */
const PUBLISH_WINDOW = 2000;
const IDLE_LIMIT_MS = 10_000;

/** Cuts a socket's bytes into packets and hands each packet's first byte and bounds to `onPacket`. */
function readPackets(socket: Socket, onPacket: (data: Buffer, start: number, size: number) => void, afterChunk: () => void = () => undefined): void {
  let rest: Buffer | undefined;
  socket.on('data', (chunk: Buffer) => {
    const data = rest ? Buffer.concat([rest, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      const size = packetSizeAt(data, offset);
      if (size === INCOMPLETE || size < 0 || offset + size > data.length) break;
      onPacket(data, offset, size);
      offset += size;
    }
    rest = offset === data.length ? undefined : data.subarray(offset);
    afterChunk();
  });
}

function open(port: number, clientId: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true }, () => {
      socket.write(generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId, clean: true, keepalive: 0 }));
    });
    socket.once('error', reject);
    socket.once('data', (chunk: Buffer) => {
      if ((chunk[0] ?? 0) >> 4 !== CONNACK || chunk[3] !== 0) reject(new Error(`${clientId} was not accepted: ${chunk.toString('hex')}`));
      else resolve(socket);
    });
  });
}

async function subscribe(port: number, connections: number, qos: 0 | 1, expected: number): Promise<void> {
  const counts = new Array<number>(connections).fill(0);
  let firstAt = 0;
  let lastAt = 0;
  let cpuAtFirst: NodeJS.CpuUsage | undefined;
  let finished = 0;
  const sockets: Socket[] = [];
  const report = () => {
    const received = counts.reduce((sum, count) => sum + count, 0);
    const cpu = process.cpuUsage(cpuAtFirst);
    // Near 1, this process was busy all the time and may have set the pace rather than the broker.
    const busyShare = (cpu.user + cpu.system) / 1000 / Math.max(1e-3, lastAt - firstAt);
    process.stdout.write(`${JSON.stringify({ received, perConnection: counts, seconds: (lastAt - firstAt) / 1000, busyShare })}\n`);
    for (const socket of sockets) socket.end(generate({ cmd: 'disconnect' }));
    setTimeout(() => process.exit(0), 200).unref();
  };
  let idleTimer: NodeJS.Timeout | undefined;
  const noteTraffic = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(report, IDLE_LIMIT_MS);
  };
  for (let index = 0; index < connections; index++) {
    const socket = await open(port, `bench-sub-${process.pid}-${index}`);
    socket.removeAllListeners('data');
    sockets.push(socket);
    const subscribed = new Promise<void>((resolve) => {
      let acks: Buffer[] = [];
      readPackets(
        socket,
        (data, start) => {
          const type = (data[start] ?? 0) >> 4;
          if (type === SUBACK) resolve();
          if (type !== PUBLISH) return;
          const now = performance.now();
          if (firstAt === 0) {
            firstAt = now;
            cpuAtFirst = process.cpuUsage();
          }
          lastAt = now;
          if (qos === 1) {
            // Fixed header, then topic length and topic, then the packet identifier.
            let topicAt = start + 1;
            while ((data[topicAt++] ?? 0) & 0x80);
            const idAt = topicAt + 2 + data.readUInt16BE(topicAt);
            acks.push(Buffer.from([PUBACK << 4, 2, data[idAt] ?? 0, data[idAt + 1] ?? 0]));
          }
          counts[index] = (counts[index] ?? 0) + 1;
          if (counts[index] === expected && ++finished === connections) {
            clearTimeout(idleTimer);
            setImmediate(report);
          }
        },
        () => {
          if (acks.length > 0) {
            socket.write(Buffer.concat(acks));
            acks = [];
          }
          if (firstAt !== 0) noteTraffic();
        },
      );
    });
    socket.write(generate({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: BENCH_TOPIC, qos }] }));
    await subscribed;
  }
  process.stdout.write('ready\n');
  noteTraffic();
}

async function publish(port: number, qos: 0 | 1, count: number): Promise<void> {
  const socket = await open(port, `bench-pub-${process.pid}`);
  socket.removeAllListeners('data');
  const template = generate({ cmd: 'publish', topic: BENCH_TOPIC, payload: PAYLOAD, qos, messageId: qos === 1 ? 1 : undefined, retain: false, dup: false });
  if (qos === 0) {
    const block = Buffer.concat(new Array<Buffer>(1000).fill(template));
    let sent = 0;
    await new Promise<void>((resolve) => {
      const more = () => {
        while (sent < count) {
          const batch = Math.min(1000, count - sent);
          sent += batch;
          if (!socket.write(batch === 1000 ? block : block.subarray(0, batch * template.length))) return void socket.once('drain', more);
        }
        resolve();
      };
      more();
    });
  } else {
    // The identifier is the last two bytes before the payload.
    const idAt = template.length - PAYLOAD.length - 2;
    let sent = 0;
    let acked = 0;
    await new Promise<void>((resolve) => {
      const sendUpTo = (limit: number) => {
        const batch: Buffer[] = [];
        while (sent < limit) {
          const packet = Buffer.from(template);
          packet.writeUInt16BE((sent % 65535) + 1, idAt);
          batch.push(packet);
          sent++;
        }
        if (batch.length > 0) socket.write(Buffer.concat(batch));
      };
      readPackets(
        socket,
        (data, start) => {
          if ((data[start] ?? 0) >> 4 === PUBACK) acked++;
        },
        () => {
          if (acked === count) resolve();
          else sendUpTo(Math.min(count, acked + PUBLISH_WINDOW));
        },
      );
      sendUpTo(Math.min(count, PUBLISH_WINDOW));
    });
  }
  await new Promise<void>((resolve) => socket.end(generate({ cmd: 'disconnect' }), resolve));
  socket.destroy();
}

const [mode, portText, ...rest] = process.argv.slice(2);
const port = Number(portText);
const run = mode === 'sub' ? subscribe(port, Number(rest[0]), Number(rest[1]) === 1 ? 1 : 0, Number(rest[2])) : mode === 'pub' ? publish(port, Number(rest[0]) === 1 ? 1 : 0, Number(rest[1])) : Promise.reject(new Error(`usage: broker-load-client sub PORT CONNECTIONS QOS EXPECTED | pub PORT QOS COUNT (not ${mode})`));
run.catch((error: unknown) => {
  process.stderr.write(`broker-load-client: ${(error as Error).message}\n`);
  process.exit(1);
});
