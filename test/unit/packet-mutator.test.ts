import { generate } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { mutatePacket, splitIntoWrites } from '../helpers/packet-mutator';
import { caseSeed, seededRandom } from '../helpers/seeded-random';

const publish = generate(
  { cmd: 'publish', topic: 'a/b', payload: Buffer.from('hello'), qos: 1, messageId: 5, dup: false, retain: false, properties: { contentType: 'text/plain' } },
  { protocolVersion: 5 },
);

describe('the seeded fuzzing helpers', () => {
  it('draw the same numbers in [0, 1) from the same seed, and other numbers from another', () => {
    const draw = (seed: number) => Array.from({ length: 100 }, seededRandom(seed));

    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
    expect(caseSeed(7, 1)).not.toBe(caseSeed(7, 2));
  });

  it('mutate a packet the same way from the same seed, with every kind of mutation in a few hundred draws', () => {
    const mutations = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 400 }, () => mutatePacket(publish, random));
    };
    const first = mutations(3);

    expect(mutations(3)).toEqual(first);
    const kinds = new Set(first.map(({ how }) => how.replace(/ .*/, '')));
    expect([...kinds].sort()).toEqual(['Remaining', 'flags', 'flipped', 'inserted', 'invalid', 'packet', 'property', 'random', 'truncated']);
    // Rarely a mutation undoes itself (the same bit flipped twice).
    expect(first.filter(({ bytes }) => bytes.equals(publish)).length).toBeLessThan(8);
  });

  it('split bytes into writes that add up to them, sometimes one byte each', () => {
    const random = seededRandom(11);
    const splits = Array.from({ length: 50 }, () => splitIntoWrites(publish, random));

    for (const pieces of splits) expect(Buffer.concat(pieces)).toEqual(publish);
    expect(splits.some((pieces) => pieces.length === publish.length)).toBe(true);
    expect(splits.some((pieces) => pieces.length === 1)).toBe(true);
  });
});
