import { describe, expect, test } from 'vitest';
import { builtInLessons } from '../../shared/lessons/built-in';
import { publishSubscribeLesson } from '../../shared/lessons/built-in/publish-subscribe';
import type { LessonInput } from '../../shared/lessons/lesson-format';
import { exportLesson, parseLesson, parseLessonText } from '../../shared/lessons/lesson-validation';

/** The lesson 1 file with one change, as a teacher's edit would make it. */
function edited(change: (lesson: Record<string, any>) => void): unknown {
  const lesson = structuredClone(publishSubscribeLesson) as Record<string, any>;
  change(lesson);
  return lesson;
}

function problemsOf(data: unknown): string[] {
  const parsed = parseLesson(data);
  return parsed.ok ? [] : parsed.problems;
}

const STEP_2 = 'steps[2] "The Sensor publishes; the broker passes it on"';

describe('lesson files', () => {
  test('every built-in lesson validates, and export reads back to the same lesson', () => {
    for (const input of builtInLessons) {
      const parsed = parseLesson(input);
      if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
      const again = parseLessonText(exportLesson(parsed.lesson));
      expect(again).toEqual(parsed);
    }
  });

  test('a minimal file gets its defaults', () => {
    const minimal: LessonInput = { format: 'mqtt-lab-lesson', version: 1, id: 'minimal', title: 'Minimal', actors: [{ name: 'Sensor' }], steps: [{ title: 'Connect', narration: 'It connects.', actions: [{ do: 'connect', actor: 'Sensor' }] }] };
    const parsed = parseLesson(minimal);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(parsed.lesson.actors[0]).toEqual({ name: 'Sensor', properNoun: false, protocolVersion: 4, clean: true, keepaliveSeconds: 60 });
    expect(parsed.lesson.steps[0]).toMatchObject({ expect: [], tryIt: [], needsBuiltInBroker: false });
  });

  test.each([
    ['a misspelt packet type', (lesson: Record<string, any>) => { lesson.steps[2].expect[0].type = 'PUBAK'; }, `${STEP_2} → expect[0].type: "PUBAK" is not a packet type; expected one of CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT, AUTH`],
    ['an unknown kind of expectation', (lesson: Record<string, any>) => { lesson.steps[2].expect[0].kind = 'packets'; }, `${STEP_2} → expect[0].kind: "packets" is not a kind of expectation; expected one of packet, received, closed-by-broker, connected, in-flight, received-by-one`],
    ['an unknown action', (lesson: Record<string, any>) => { lesson.steps[2].actions[0].do = 'send'; }, `${STEP_2} → actions[0].do: "send" is not an action; expected one of connect, disconnect, subscribe, unsubscribe, publish, respond, send-auth, cut, fault, clear-faults, stop-pinging, wait, wait-until`],
    ['an actor not in the cast', (lesson: Record<string, any>) => { lesson.steps[2].actions[0].actor = 'Fridge'; }, `${STEP_2} → actions[0].actor: "Fridge" is not an actor of this lesson; expected one of Sensor, Phone, Dashboard`],
    ['a QoS of 3', (lesson: Record<string, any>) => { lesson.steps[2].actions[0].qos = 3; }, `${STEP_2} → actions[0].qos: 3 is not a QoS; expected 0, 1 or 2`],
    ['a field the format does not have', (lesson: Record<string, any>) => { lesson.steps[2].actions[0].colour = 'red'; }, `${STEP_2} → actions[0]: "colour" is not a field of the format here; check the spelling`],
    ['a step without a title', (lesson: Record<string, any>) => { delete lesson.steps[0].title; }, 'steps[0] → title: is missing; expected text'],
    ['a keepalive given as text', (lesson: Record<string, any>) => { lesson.actors[1].keepaliveSeconds = '30'; }, 'actors[1] "Phone" → keepaliveSeconds: "30" is not a number'],
    ['an unknown fault', (lesson: Record<string, any>) => { lesson.steps[1].needsBuiltInBroker = true; lesson.steps[1].actions.push({ do: 'fault', fault: { kind: 'drop-everything', actor: 'Sensor' } }); }, 'steps[1] "The Phone subscribes to one topic" → actions[1].fault.kind: "drop-everything" is not a fault kind; expected one of drop-acks, delay, drop-qos0, pause-delivery'],
    ['a fault in a step not marked as needing the built-in broker', (lesson: Record<string, any>) => { lesson.steps[1].actions.push({ do: 'fault', fault: { kind: 'drop-acks', actor: 'Sensor', ack: 'puback', direction: 'to-client' } }); }, 'steps[1] "The Phone subscribes to one topic" → needsBuiltInBroker: the step injects broker faults; set it to true so the step is skipped against another broker'],
    ['a packet from the broker to the broker', (lesson: Record<string, any>) => { lesson.steps[2].expect[0].from = 'broker'; lesson.steps[2].expect[0].to = 'broker'; }, `${STEP_2} → expect[0].to: a packet goes between an actor and the broker; from and to cannot both be "broker"`],
    ['a packet between two actors', (lesson: Record<string, any>) => { lesson.steps[2].expect[0].to = 'Phone'; }, `${STEP_2} → expect[0].to: actors talk only to the broker; one of from and to must be "broker"`],
    ['dropped without the broker tap', (lesson: Record<string, any>) => { lesson.steps[2].expect[0].dropped = true; }, `${STEP_2} → expect[0].dropped: only the broker's tap sees dropped packets; add "at": "broker"`],
    ['since naming a later step', (lesson: Record<string, any>) => { lesson.steps[2].expect[1].since = 4; }, `${STEP_2} → expect[1].since: step 4 does not come before this step (2); since names an earlier step or this one`],
    ['no steps', (lesson: Record<string, any>) => { lesson.steps = []; }, 'steps: a lesson needs at least one step'],
  ])('%s is named with its step and field', (_name, change, message) => {
    expect(problemsOf(edited(change))).toEqual([message]);
  });

  test('another format or version is refused, both said', () => {
    expect(problemsOf(edited((lesson) => {
      lesson.format = 'mqttx-lesson';
      lesson.version = 3;
    }))).toEqual(['format: "mqttx-lesson" is not this format; expected "mqtt-lab-lesson"', 'version: 3 is not a version this app reads; expected 1 or 2']);
  });

  test('two actors with one name are refused', () => {
    expect(problemsOf(edited((lesson) => { lesson.actors[2].name = 'Phone'; }))[0]).toBe('actors[2] "Phone" → name: another actor has this name; names must differ');
  });

  test('text that is not JSON says so', () => {
    expect(parseLessonText('{nope')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^The file is not JSON: /)] });
  });
});

describe('text per language (format version 2)', () => {
  const base = (title: unknown, narration: unknown, version = 2) => ({ format: 'mqtt-lab-lesson', version, id: 'languages', title, actors: [{ name: 'Sensor' }], steps: [{ title, narration, actions: [{ do: 'connect', actor: 'Sensor' }] }] });
  const roundTrip = (input: unknown) => {
    const parsed = parseLesson(input);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const file = exportLesson(parsed.lesson);
    expect(parseLessonText(file)).toEqual(parsed);
    return JSON.parse(file) as { version: number; title: unknown; steps: { narration: unknown }[] };
  };

  test('plain text stays version 1, so an older MQTT Lab still opens the export', () => {
    expect(roundTrip(base('Connect', 'It connects.', 1)).version).toBe(1);
  });

  test('a file with only Chinese text reads and exports as version 2', () => {
    const file = roundTrip(base({ 'zh-CN': '连接' }, { 'zh-CN': '它连接。' }));
    expect(file.version).toBe(2);
    expect(file.steps[0]?.narration).toEqual({ 'zh-CN': '它连接。' });
  });

  test('a file with only English given per language, or both languages, is version 2', () => {
    expect(roundTrip(base({ en: 'Connect' }, { en: 'It connects.' })).version).toBe(2);
    const both = roundTrip(base({ en: 'Connect', 'zh-CN': '连接' }, { en: 'It connects.', 'zh-CN': '它连接。' }));
    expect(both.title).toEqual({ en: 'Connect', 'zh-CN': '连接' });
  });

  test('a version 1 file that already gives text per language is read, and exported as version 2', () => {
    expect(roundTrip(base({ en: 'Connect', 'zh-CN': '连接' }, 'It connects.', 1)).version).toBe(2);
  });

  test('a language this app does not speak is kept and exported as written', () => {
    const file = roundTrip(base({ en: 'Connect', ja: '接続' }, { ja: '接続します。', 'fr-CA': 'Il se connecte.' }));
    expect(file.title).toEqual({ en: 'Connect', ja: '接続' });
    expect(file.steps[0]?.narration).toEqual({ ja: '接続します。', 'fr-CA': 'Il se connecte.' });
  });

  test('a problem in one language names the field and the language', () => {
    expect(problemsOf(base({ en: 'Connect' }, { en: 'ok', 'zh-CN': '长'.repeat(5001) }))).toEqual(['steps[0] "Connect" → narration.zh-CN: at most 5000 characters']);
    expect(problemsOf(base('Connect', { EN_us: 'It connects.' }))).toEqual(['steps[0] "Connect" → narration.EN_us: "EN_us" is not a language tag; use one such as "en" or "zh-CN"']);
    expect(problemsOf(base('Connect', {}))).toEqual(['steps[0] "Connect" → narration: give the text in at least one language']);
    expect(problemsOf(base({ 'zh-CN': ' ' }, 'x'))[0]).toBe('title.zh-CN: a title is needed');
  });
});

describe('problems in every language', () => {
  test('lesson.load words each problem in English and Chinese, naming the same place', () => {
    const parsed = parseLessonText(JSON.stringify({ format: 'mqtt-lab-lesson', version: 2, id: 'x', title: { 'zh-CN': '连接' }, actors: [{ name: 'Sensor' }], steps: [{ title: { en: 'Connect', 'zh-CN': '连接' }, narration: 'x', actions: [{ do: 'connect', actor: 'Sensor', qos: 1 }, { do: 'subscribe', actor: 'Fridge', filter: '#', qos: 3 }] }] }), { allLanguages: true });
    if (parsed.ok) throw new Error('expected problems');
    expect(parsed.problems).toEqual(['steps[0] "Connect" → actions[0]: "qos" is not a field of the format here; check the spelling', 'steps[0] "Connect" → actions[1].qos: 3 is not a QoS; expected 0, 1 or 2']);
    expect(parsed.problemWording?.map((each) => each['zh-CN'])).toEqual(['steps[0] "连接" → actions[0]: "qos" 不是此处格式中的字段；请检查拼写', 'steps[0] "连接" → actions[1].qos: 3 不是 QoS；应为 0、1 或 2']);
    expect(parsed.problemWording?.map((each) => each.en)).toEqual(parsed.problems);
  });

  test('an actor not in the cast, in Chinese', () => {
    const parsed = parseLesson({ format: 'mqtt-lab-lesson', version: 1, id: 'x', title: 'T', actors: [{ name: 'Sensor' }], steps: [{ title: 'S', narration: 'x', actions: [{ do: 'connect', actor: 'Fridge' }] }] }, { allLanguages: true });
    if (parsed.ok) throw new Error('expected problems');
    expect(parsed.problemWording?.[0]?.['zh-CN']).toBe('steps[0] "S" → actions[0].actor: "Fridge" 不是本课程的角色；应为以下之一：Sensor');
  });
});
