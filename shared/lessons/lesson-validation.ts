/**
 * Reads a lesson file and says what is wrong with it in words a teacher can act on: each problem
 * names the step (or actor) by index and title, then the field, then what was expected.
 */
import type { z } from 'zod';
import { Lesson } from './lesson-format';
import type { Action, Expectation, LessonInput } from './lesson-format';
import { pickText, type LocalizedText } from './localized-text';

export type LessonParse = { ok: true; lesson: Lesson } | { ok: false; problems: string[] };

export const MAX_LESSON_FILE_CHARS = 2 * 1024 * 1024;

export function parseLessonText(text: string): LessonParse {
  if (text.length > MAX_LESSON_FILE_CHARS) return { ok: false, problems: [`The file is ${text.length} characters long; a lesson file may have at most ${MAX_LESSON_FILE_CHARS}.`] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`The file is not JSON: ${(error as Error).message}`] };
  }
  return parseLesson(data);
}

export function parseLesson(data: unknown): LessonParse {
  const parsed = Lesson.safeParse(data, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => describeIssue(issue, data)) };
  const problems = referenceProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lesson: parsed.data };
}

/** The file as written back by export: the same JSON, defaults filled in, so it reads back equal. */
export function exportLesson(lesson: Lesson | LessonInput): string {
  return `${JSON.stringify(lesson, null, 2)}\n`;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  return `${where(issue.path, data)}${plainMessage(issue)}`;
}

/** zod's own words for the two mistakes it names itself, said like the rest. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `${issue.keys.map((key) => JSON.stringify(key)).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} of the format here; check the spelling`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `is missing; expected ${describeType(issue.expected)}`;
  if (issue.code === 'invalid_type') return `${JSON.stringify(issue.input)} is not ${describeType(issue.expected)}`;
  return issue.message;
}

function describeType(expected: string): string {
  const words: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object' };
  return words[expected] ?? expected;
}

/** `steps[3] "Cut the sensor" → expect[0].type: ` for a path into a step; `title: ` at the top. */
function where(path: readonly PropertyKey[], data: unknown): string {
  if (path.length === 0) return 'lesson: ';
  const [head, index, ...rest] = path;
  if ((head === 'steps' || head === 'actors') && typeof index === 'number') {
    const item = (data as Record<string, unknown[] | undefined> | null)?.[head]?.[index] as Record<string, unknown> | undefined;
    // A step's title may be given per language; problems are worded in English, so name it in English.
    const label = head === 'steps' ? namedIn(item?.title) : item?.name;
    const named = typeof label === 'string' ? ` ${JSON.stringify(label)}` : '';
    return `${head}[${index}]${named}${rest.length > 0 ? ` → ${pathText(rest)}` : ''}: `;
  }
  return `${pathText(path)}: `;
}

/** A title as English text, whether the file gives one language or several; anything else as it is. */
function namedIn(title: unknown): unknown {
  return title !== null && typeof title === 'object' ? pickText(title as LocalizedText, 'en') : title;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((part, at) => (typeof part === 'number' ? `[${part}]` : `${at === 0 ? '' : '.'}${String(part)}`)).join('');
}

/** Names the schema cannot check alone: every actor named in a step must be in the cast. */
function referenceProblems(lesson: Lesson): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  lesson.actors.forEach((actor, index) => {
    if (names.has(actor.name)) problems.push(`actors[${index}] ${JSON.stringify(actor.name)} → name: another actor has this name; names must differ`);
    names.add(actor.name);
  });
  const cast = [...names].join(', ');
  const actorProblem = (name: string, field: string): string | undefined =>
    names.has(name) ? undefined : `${field}: ${JSON.stringify(name)} is not an actor of this lesson; expected one of ${cast}`;
  const partyProblem = (name: string, field: string): string | undefined =>
    name === 'broker' || names.has(name) ? undefined : `${field}: ${JSON.stringify(name)} is not an actor of this lesson or "broker"; expected one of ${cast}, broker`;

  let stepIndex = 0;
  const checkExpectation = (expectation: Expectation, field: string): (string | undefined)[] => {
    const since = 'since' in expectation ? expectation.since : undefined;
    const sinceProblem = since !== undefined && since > stepIndex ? `${field}.since: step ${since} does not come before this step (${stepIndex}); since names an earlier step or this one` : undefined;
    if (sinceProblem) return [sinceProblem];
    if (expectation.kind === 'packet') {
      const found = [partyProblem(expectation.from, `${field}.from`), partyProblem(expectation.to, `${field}.to`)];
      if (expectation.from === 'broker' && expectation.to === 'broker') found.push(`${field}.to: a packet goes between an actor and the broker; from and to cannot both be "broker"`);
      if (expectation.from !== 'broker' && expectation.to !== 'broker') found.push(`${field}.to: actors talk only to the broker; one of from and to must be "broker"`);
      if (expectation.dropped !== undefined && expectation.at !== 'broker') found.push(`${field}.dropped: only the broker's tap sees dropped packets; add "at": "broker"`);
      return found;
    }
    if (expectation.kind === 'received-by-one') return expectation.actors.map((actor, index) => actorProblem(actor, `${field}.actors[${index}]`));
    return [actorProblem(expectation.actor, `${field}.actor`)];
  };
  const checkAction = (action: Action, field: string): (string | undefined)[] => {
    if (action.do === 'wait-until') return checkExpectation(action.expect, `${field}.expect`);
    if (action.do === 'fault') return action.fault.actor === '*' ? [] : [actorProblem(action.fault.actor, `${field}.fault.actor`)];
    if ('actor' in action) return [actorProblem(action.actor, `${field}.actor`)];
    return [];
  };
  lesson.steps.forEach((step, index) => {
    stepIndex = index;
    const found: (string | undefined)[] = [];
    step.actions.forEach((action, at) => found.push(...checkAction(action, `actions[${at}]`)));
    step.expect.forEach((expectation, at) => found.push(...checkExpectation(expectation, `expect[${at}]`)));
    step.tryIt.forEach((tryIt, button) => {
      tryIt.actions.forEach((action, at) => found.push(...checkAction(action, `tryIt[${button}].actions[${at}]`)));
      tryIt.expect.forEach((expectation, at) => found.push(...checkExpectation(expectation, `tryIt[${button}].expect[${at}]`)));
    });
    const usesBroker = [...step.actions, ...step.tryIt.flatMap((tryIt) => tryIt.actions)].some((action) => action.do === 'fault' || action.do === 'clear-faults');
    if (usesBroker && !step.needsBuiltInBroker) found.push('needsBuiltInBroker: the step injects broker faults; set it to true so the step is skipped against another broker');
    for (const problem of found) if (problem) problems.push(`steps[${index}] ${JSON.stringify(pickText(step.title, 'en'))} → ${problem}`);
  });
  return problems;
}
