/**
 * mulberry32: a small, fast PRNG whose whole state is one 32-bit number, so a fuzz case is
 * reproduced from its seed alone. Not for anything that needs real randomness.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed of case `index` of a run seeded with `seed`: each case replays alone, whatever ran before it. */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(index + 1, 0x9e3779b9) ^ seed) >>> 0;
}

/** An integer in [0, below). */
export function randomInt(random: () => number, below: number): number {
  return Math.floor(random() * below);
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[randomInt(random, items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

/**
 * FUZZ_SCALE multiplies each fuzz test's default case count, so a soak runs every test longer in
 * proportion to what one case costs it (a hostile-broker case spawns sockets; a frame case does not).
 */
export function fuzzScale(): number {
  const scale = Number(process.env.FUZZ_SCALE ?? 1);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}
