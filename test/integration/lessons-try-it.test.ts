import { pickText } from '../../shared/lessons/localized-text';
import { afterEach, describe, expect, test } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { builtInLessons } from '../../shared/lessons/built-in';
import { call } from '../helpers/broker-core';
import { createTempCore } from '../helpers/temp-core';

let core: AppCore | undefined;

afterEach(async () => {
  await core?.close();
  core = undefined;
});

const withButtons = builtInLessons.filter((lesson) => lesson.steps.some((step) => (step.tryIt ?? []).length > 0));

describe('"Try it yourself" buttons of the built-in lessons, on the built-in broker', () => {
  for (const lesson of withButtons) {
    test(`"${pickText(lesson.title, 'en')}": every button, pressed after the lesson played, does what it says and its checks pass`, async () => {
      core = createTempCore();
      await call(core, 'lesson.start', { source: { kind: 'built-in', lessonId: lesson.id } });
      await call(core, 'lesson.play', {});
      const said: string[] = [];
      for (const [stepIndex, step] of lesson.steps.entries()) {
        for (const [button, tryIt] of (step.tryIt ?? []).entries()) {
          const { results, state } = await call(core, 'lesson.tryIt', { step: stepIndex, button });
          said.push(`${tryIt.label}: ${results.map((result) => result.text).join(' | ')} ${state.steps[stepIndex]?.notes.join(' ') ?? ''}`);
          expect(results.length, said.join('\n')).toBe(tryIt.expect?.length ?? 0);
          expect(results.every((result) => result.ok), said.join('\n')).toBe(true);
          expect(state.steps[stepIndex]?.notes, said.join('\n')).toEqual([]);
          expect(state.steps[stepIndex]?.tryIt[button]?.presses).toBe(1);
        }
      }
    }, 60_000);
  }
});
