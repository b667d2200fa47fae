import { describe, expect, it } from 'vitest';
import { BrokerPacketLog } from '../../electron/core/broker/wire/broker-packet-log';
import { caseSeed, fuzzScale, randomInt, seededRandom } from '../helpers/seeded-random';

/** A frame whose every byte says which packet it was, so bytes of another packet cannot pass for it. */
function frameOf(seq: number, size: number): Buffer {
  const bytes = Buffer.alloc(size, seq & 0xff);
  bytes[0] = 0x30;
  return bytes;
}

describe('BrokerPacketLog frame ring', () => {
  it('hands out a copy: the frame read before the ring overwrote it keeps its bytes', () => {
    const log = new BrokerPacketLog(10, 64);
    log.record('c', 'in', frameOf(1, 40), undefined, undefined);
    const first = log.frame(1);
    log.record('c', 'in', frameOf(2, 40), undefined, undefined);
    expect(log.frame(1)).toBeUndefined();
    expect(first?.bytes).toEqual(new Uint8Array(frameOf(1, 40)));
    expect(log.frame(2)?.bytes).toEqual(new Uint8Array(frameOf(2, 40)));
  });

  it('keeps no frame larger than the whole budget, and loses none older for it', () => {
    const log = new BrokerPacketLog(10, 64);
    log.record('c', 'in', frameOf(1, 30), undefined, undefined);
    log.record('c', 'out', frameOf(2, 65), undefined, undefined);
    expect(log.frame(2)).toBeUndefined();
    expect(log.frame(1)?.bytes).toEqual(new Uint8Array(frameOf(1, 30)));
    log.record('c', 'in', frameOf(3, 20), undefined, undefined);
    expect([1, 2, 3].map((seq) => log.frame(seq)?.bytes.length)).toEqual([30, undefined, 20]);
    // The listing still has the large packet, with its size.
    expect(log.list(0, 10).packets.map((row) => row.size)).toEqual([30, 65, 20]);
  });

  it('always returns the exact bytes of the packet asked for, keeps the newest frames, and stays within its budget (seeded)', () => {
    const seed = Number(process.env.FUZZ_SEED ?? 0x5eed15);
    const cases = Math.round(200 * fuzzScale());
    for (let index = 0; index < cases; index++) {
      const random = seededRandom(caseSeed(seed, index));
      const capacity = 1 + randomInt(random, 40);
      const budget = 8 + randomInt(random, 400);
      const log = new BrokerPacketLog(capacity, budget);
      const sizes: number[] = [];
      const packets = 1 + randomInt(random, 200);
      for (let seq = 1; seq <= packets; seq++) {
        const size = 2 + randomInt(random, randomInt(random, 4) === 0 ? budget + 20 : Math.max(1, budget >> 3));
        sizes.push(size);
        log.record('c', 'in', frameOf(seq, size), undefined, undefined);
        const where = `seed ${seed}, case ${index}, after packet ${seq}`;
        // Plain checks, not expect(): this loop runs some hundred thousand times.
        const fail = (what: string) => expect.fail(`${where}: ${what}`);
        let keptBytes = 0;
        let keptFrom: number | undefined;
        for (let asked = Math.max(1, seq - capacity - 2); asked <= seq; asked++) {
          const frame = log.frame(asked);
          if (!frame) {
            if (keptFrom !== undefined && (sizes[asked - 1] ?? 0) <= budget) fail(`packet ${asked} was lost while an older one was kept`);
            continue;
          }
          keptFrom ??= asked;
          keptBytes += frame.bytes.length;
          if (!Buffer.from(frame.bytes).equals(frameOf(asked, sizes[asked - 1] ?? 0))) fail(`packet ${asked} read back other bytes`);
          if (asked <= seq - capacity) fail(`packet ${asked} outlived the ring of ${capacity}`);
        }
        if (keptBytes > budget) fail(`${keptBytes} bytes kept, above the budget of ${budget}`);
        if (size <= budget && !log.frame(seq)) fail('the newest frame was not kept');
      }
    }
  });
});
