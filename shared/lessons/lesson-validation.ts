/**
 * Reads a lesson file and says what is wrong with it in words a teacher can act on: each problem
 * names the step (or actor) by index and title, then the field, then what was expected.
 */
import type { z } from 'zod';
import { locales, translator, type Translator } from '../i18n';
import { readSaid } from './format-messages';
import { Lesson, LESSON_FORMAT_VERSION } from './lesson-format';
import { pickText, type LocalizedText } from './localized-text';
import type { Action, Expectation, LessonInput } from './lesson-format';

/** problems: in English (logs, tests, the core's error); problemWording (when asked for): each problem in every language the app speaks. */
export type LessonParse = { ok: true; lesson: Lesson } | { ok: false; problems: string[]; problemWording?: Readonly<Record<string, string>>[] };

/** allLanguages: word the problems for the screen too (lesson.load); English alone otherwise, as wording costs time. */
export interface ParseOptions {
  allLanguages?: boolean;
}

/** The same problems worded in English for `problems` and, if asked, in every language for the screen. */
function failed(word: (t: Translator) => string[], options: ParseOptions): LessonParse {
  if (!options.allLanguages) return { ok: false, problems: word(translator('en')) };
  const byLocale = locales.map((locale) => [locale, word(translator(locale))] as const);
  const problems = byLocale.find(([locale]) => locale === 'en')?.[1] ?? [];
  return { ok: false, problems, problemWording: problems.map((_, index) => Object.fromEntries(byLocale.map(([locale, texts]) => [locale, texts[index] ?? '']))) };
}

export const MAX_LESSON_FILE_CHARS = 2 * 1024 * 1024;

export function parseLessonText(text: string, options: ParseOptions = {}): LessonParse {
  if (text.length > MAX_LESSON_FILE_CHARS) return failed((t) => [t('lessons.format.fileTooLong', { length: String(text.length), max: String(MAX_LESSON_FILE_CHARS) })], options);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // The parser's own words (not ours) follow the sentence as they are.
    return failed((t) => [t('lessons.format.notJson', { error: (error as Error).message })], options);
  }
  return parseLesson(data, options);
}

export function parseLesson(data: unknown, options: ParseOptions = {}): LessonParse {
  const parsed = Lesson.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const { issues } = parsed.error;
    return failed((t) => issues.flatMap((issue) => describeIssues(issue, data, t)), options);
  }
  const lesson = parsed.data;
  const problems = referenceProblems(lesson, translator('en'));
  if (problems.length > 0) return options.allLanguages ? failed((t) => referenceProblems(lesson, t), options) : { ok: false, problems };
  // The version the content needs, so a lesson reads back equal from its export whichever version its file said.
  return { ok: true, lesson: { ...lesson, version: lessonFileVersion(lesson) } };
}

/**
 * The file as written back by export: the same JSON, defaults filled in, so it reads back equal. Its
 * version is the lowest that holds it: 2 when any text is per language, else 1 (older apps read it too).
 * Every language tag is kept as written, also one this app does not speak.
 */
export function exportLesson(lesson: Lesson | LessonInput): string {
  return `${JSON.stringify({ ...lesson, version: lessonFileVersion(lesson) }, null, 2)}\n`;
}

/** 2 if any text of the lesson is an object of texts by language, else 1. */
export function lessonFileVersion(lesson: Lesson | LessonInput): 1 | 2 {
  return hasTextByLanguage(lesson) ? LESSON_FORMAT_VERSION : 1;
}

/** The text fields that may be per language: the lesson's, its steps', try-it labels and every `says`. */
const TEXT_FIELDS = new Set(['title', 'summary', 'narration', 'sideNote', 'label', 'says']);

function hasTextByLanguage(value: unknown, key?: string): boolean {
  if (Array.isArray(value)) return value.some((each) => hasTextByLanguage(each));
  if (value === null || typeof value !== 'object') return false;
  if (key !== undefined && TEXT_FIELDS.has(key)) return true;
  return Object.entries(value).some(([field, each]) => hasTextByLanguage(each, field));
}

/** One message per problem; a text given per language names the language of the problem (narration.zh-CN). */
function describeIssues(issue: z.core.$ZodIssue, data: unknown, t: Translator): string[] {
  if (issue.code === 'invalid_union' && TEXT_FIELDS.has(String(issue.path.at(-1))) && isTextsByLanguage(issue.input) && issue.errors.length === 2) {
    // A text field given as an object: the object branch's problems say which language is wrong.
    const objectBranch = issue.errors[1] ?? [];
    if (objectBranch.length > 0) return objectBranch.map((inner) => `${where([...issue.path, ...inner.path], data, t)}${plainMessage(inner, t)}`);
  }
  return [`${where(issue.path, data, t)}${plainMessage(issue, t)}`];
}

function isTextsByLanguage(input: unknown): boolean {
  return input !== null && typeof input === 'object' && !Array.isArray(input) && Object.values(input).every((each) => typeof each === 'string');
}

/** The schema's own sentences (keys), and zod's words for the mistakes it names itself, said like the rest. */
function plainMessage(issue: z.core.$ZodIssue, t: Translator): string {
  const ours = readSaid(issue.message);
  if (ours) return t.msg(ours, issue.message);
  if (issue.code === 'unrecognized_keys') return t('lessons.format.notFields', { keys: issue.keys.map((key) => JSON.stringify(key)).join(', '), count: issue.keys.length });
  if (issue.code === 'invalid_key') return t('lessons.format.notLanguageTag', { input: JSON.stringify(issue.input) });
  if (issue.code === 'invalid_type' && issue.input === undefined) return t('lessons.format.missing', { type: describeType(issue.expected) });
  if (issue.code === 'invalid_type') return t('lessons.format.notType', { input: JSON.stringify(issue.input), type: describeType(issue.expected) });
  // Any other of zod's own messages (numbers out of range) is English; it follows the field's name.
  return issue.message;
}

/** A JSON type in the select of lessons.format.missing / notType: text, a number, true or false, a list, an object. */
function describeType(expected: string): string {
  return ['string', 'number', 'boolean', 'array', 'object'].includes(expected) ? expected : 'other';
}

/** `steps[3] "Cut the sensor" → expect[0].type: ` for a path into a step; `title: ` at the top. */
function where(path: readonly PropertyKey[], data: unknown, t: Translator): string {
  if (path.length === 0) return 'lesson: ';
  const [head, index, ...rest] = path;
  if ((head === 'steps' || head === 'actors') && typeof index === 'number') {
    const item = (data as Record<string, unknown[] | undefined> | null)?.[head]?.[index] as Record<string, unknown> | undefined;
    const label = head === 'steps' ? item?.title : item?.name;
    const named = isText(label) ? ` ${JSON.stringify(pickText(label, t.locale))}` : '';
    return `${head}[${index}]${named}${rest.length > 0 ? ` → ${pathText(rest)}` : ''}: `;
  }
  return `${pathText(path)}: `;
}

function isText(value: unknown): value is LocalizedText {
  return typeof value === 'string' || isTextsByLanguage(value);
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((part, at) => (typeof part === 'number' ? `[${part}]` : `${at === 0 ? '' : '.'}${String(part)}`)).join('');
}

/** Names the schema cannot check alone: every actor named in a step must be in the cast. */
function referenceProblems(lesson: Lesson, t: Translator): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  lesson.actors.forEach((actor, index) => {
    if (names.has(actor.name)) problems.push(`actors[${index}] ${JSON.stringify(actor.name)} → name: ${t('lessons.format.sameName')}`);
    names.add(actor.name);
  });
  const cast = [...names].join(', ');
  const actorProblem = (name: string, field: string): string | undefined =>
    names.has(name) ? undefined : `${field}: ${t('lessons.format.notActor', { name: JSON.stringify(name), cast })}`;
  const partyProblem = (name: string, field: string): string | undefined =>
    name === 'broker' || names.has(name) ? undefined : `${field}: ${t('lessons.format.notParty', { name: JSON.stringify(name), cast })}`;

  let stepIndex = 0;
  const checkExpectation = (expectation: Expectation, field: string): (string | undefined)[] => {
    const since = 'since' in expectation ? expectation.since : undefined;
    const sinceProblem = since !== undefined && since > stepIndex ? `${field}.since: ${t('lessons.format.sinceLater', { since: String(since), step: String(stepIndex) })}` : undefined;
    if (sinceProblem) return [sinceProblem];
    if (expectation.kind === 'packet') {
      const found = [partyProblem(expectation.from, `${field}.from`), partyProblem(expectation.to, `${field}.to`)];
      if (expectation.from === 'broker' && expectation.to === 'broker') found.push(`${field}.to: ${t('lessons.format.brokerToBroker')}`);
      if (expectation.from !== 'broker' && expectation.to !== 'broker') found.push(`${field}.to: ${t('lessons.format.actorToActor')}`);
      if (expectation.dropped !== undefined && expectation.at !== 'broker') found.push(`${field}.dropped: ${t('lessons.format.droppedNeedsBroker')}`);
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
    if (usesBroker && !step.needsBuiltInBroker) found.push(`needsBuiltInBroker: ${t('lessons.format.needsBuiltIn')}`);
    for (const problem of found) if (problem) problems.push(`steps[${index}] ${JSON.stringify(pickText(step.title, t.locale))} → ${problem}`);
  });
  return problems;
}
