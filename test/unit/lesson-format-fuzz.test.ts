import { expect, test } from 'vitest';
import { builtInLessons } from '../../shared/lessons/built-in';
import { parseLesson, parseLessonText } from '../../shared/lessons/lesson-validation';
import { caseSeed, seededRandom } from '../helpers/seeded-random';

/**
 * A lesson file is untrusted input: whatever a teacher (or anyone) hands over, reading it never
 * throws, and every problem names where it is. Mutates the built-in lessons at random places.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 16_016);
const CASES = Number(process.env.FUZZ_CASES ?? 3000);

const oddValues: unknown[] = [null, undefined, '', 'PUBAK', -1, 0, 1.5, 2 ** 40, true, [], {}, [1, 2], { kind: 'x' }, { do: 'x' }, 'broker', '*', '\u0000', 'x'.repeat(300), Number.NaN];

/** Every path to a value inside the data, objects and arrays included. */
function paths(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (data === null || typeof data !== 'object') return [prefix];
  const children = Array.isArray(data) ? data.map((_, index) => index) : Object.keys(data);
  return [prefix, ...children.flatMap((key) => paths((data as Record<string | number, unknown>)[key], [...prefix, key]))];
}

function mutate(data: unknown, random: () => number): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  const all = paths(copy).filter((path) => path.length > 0);
  const mutations = 1 + Math.floor(random() * 3);
  for (let index = 0; index < mutations; index++) {
    const path = all[Math.floor(random() * all.length)] ?? [];
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], copy) as Record<string | number, unknown> | undefined;
    const key = path.at(-1);
    if (!parent || typeof parent !== 'object' || key === undefined) continue;
    const choice = random();
    if (choice < 0.2) delete parent[key];
    else if (choice < 0.3) parent[`extra${index}`] = 1;
    else parent[key] = structuredClone(oddValues[Math.floor(random() * oddValues.length)]);
  }
  return copy;
}

test(`mutated lesson files never throw, and each problem names its place (seed ${SEED}, ${CASES} cases)`, () => {
  for (let index = 0; index < CASES; index++) {
    const random = seededRandom(caseSeed(SEED, index));
    const base = builtInLessons[Math.floor(random() * builtInLessons.length)];
    const mutated = mutate(base, random);
    const where = `seed ${SEED}, case ${index}`;
    let parsed;
    try {
      parsed = random() < 0.1 ? parseLessonText(JSON.stringify(mutated).slice(0, Math.floor(random() * 400))) : parseLesson(mutated);
    } catch (error) {
      throw new Error(`${where}: reading threw ${(error as Error).stack}`);
    }
    if (parsed.ok) continue;
    expect(parsed.problems.length, where).toBeGreaterThan(0);
    for (const problem of parsed.problems) expect(problem, where).toMatch(/^(The file is not JSON: |[a-zA-Z]+(\[\d+\])?( "[^"]*")?( → [^:]+)?: |[a-zA-Z.[\]0-9]+: )/);
  }
});
