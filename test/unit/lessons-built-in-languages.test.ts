import { describe, expect, test } from 'vitest';
import { builtInLessons } from '../../shared/lessons/built-in';
import { Expectation, type LessonInput } from '../../shared/lessons/lesson-format';
import { parseLesson } from '../../shared/lessons/lesson-validation';

/** A text field of a lesson, with where it is, so a failure names the field. */
interface Field {
  where: string;
  text: unknown;
  /** A claim template: its {placeholders} are filled from the trace, so both languages need the same ones. */
  template: boolean;
}

type Loose = Record<string, any>;

/**
 * Whether the schema takes a per-language `says` for this kind of expectation. Some group expectations
 * still take plain text only; their claims stay English until the schema allows more, and this test then
 * asks for both languages by itself.
 */
function saysMayBeLocalized(expectation: Loose): boolean {
  return Expectation.safeParse({ ...expectation, says: { en: 'x', 'zh-CN': 'x' } }).success;
}

function expectationFields(expectations: Loose[] | undefined, where: string): Field[] {
  return (expectations ?? []).flatMap((expectation, index) =>
    expectation.says === undefined || !saysMayBeLocalized(expectation) ? [] : [{ where: `${where}[${index}].says`, text: expectation.says, template: true }],
  );
}

function actionFields(actions: Loose[] | undefined, where: string): Field[] {
  return (actions ?? []).flatMap((action, index) => (action.do === 'wait-until' ? expectationFields([action.expect], `${where}[${index}].expect`) : []));
}

/** Every text a reader sees: lesson title and summary; step title, narration, side note; button labels; claims. */
function textFields(lesson: LessonInput): Field[] {
  const fields: Field[] = [
    { where: 'title', text: lesson.title, template: false },
    { where: 'summary', text: lesson.summary, template: false },
  ];
  (lesson.steps as Loose[]).forEach((step, index) => {
    const at = `steps[${index}]`;
    fields.push({ where: `${at}.title`, text: step.title, template: false }, { where: `${at}.narration`, text: step.narration, template: false });
    if (step.sideNote !== undefined) fields.push({ where: `${at}.sideNote`, text: step.sideNote, template: false });
    fields.push(...actionFields(step.actions, `${at}.actions`), ...expectationFields(step.expect, `${at}.expect`));
    (step.tryIt as Loose[] | undefined)?.forEach((tryIt, button) => {
      fields.push({ where: `${at}.tryIt[${button}].label`, text: tryIt.label, template: false });
      fields.push(...actionFields(tryIt.actions, `${at}.tryIt[${button}].actions`), ...expectationFields(tryIt.expect, `${at}.tryIt[${button}].expect`));
    });
  });
  return fields;
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))].sort();
}

/** What is wrong with one field, or nothing. */
function problemOf(field: Field): string | undefined {
  const { text } = field;
  if (typeof text !== 'object' || text === null) return `${field.where}: plain text, expected { en, 'zh-CN' }`;
  const texts = text as Record<string, unknown>;
  const en = texts.en;
  const zh = texts['zh-CN'];
  if (typeof en !== 'string' || en.trim() === '') return `${field.where}: no English`;
  if (typeof zh !== 'string' || zh.trim() === '') return `${field.where}: no Chinese`;
  if (field.template && placeholders(en).join() !== placeholders(zh).join()) return `${field.where}: placeholders differ, en {${placeholders(en).join('} {')}} / zh-CN {${placeholders(zh).join('} {')}}`;
  return undefined;
}

describe('built-in lessons speak English and Simplified Chinese', () => {
  test.each(builtInLessons.map((lesson) => [lesson.id, lesson] as const))('%s: every text field has en and zh-CN, claims keep their placeholders', (_id, lesson) => {
    const problems = textFields(lesson).map(problemOf).filter((problem) => problem !== undefined);
    expect(problems).toEqual([]);
    const parsed = parseLesson(lesson);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  test('a Chinese text is not left in English by mistake', () => {
    const untranslated = builtInLessons.flatMap((lesson) =>
      textFields(lesson).flatMap((field) => {
        const texts = field.text;
        if (typeof texts !== 'object' || texts === null) return [];
        const zh = (texts as Record<string, string>)['zh-CN'] ?? '';
        // Every text of ours is a sentence or a title with some Chinese in it, even around PUBLISH or QoS 1.
        return /[\u4e00-\u9fff]/.test(zh) ? [] : [`${lesson.id} ${field.where}: ${zh}`];
      }),
    );
    expect(untranslated).toEqual([]);
  });
});
