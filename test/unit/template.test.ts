import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate } from '../../shared/templates/template';
import type { RenderContext, Template } from '../../shared/templates/template';
import { TemplateRun, compileMessage } from '../../shared/templates/template-run';
import { seededRandom } from '../helpers/seeded-random';

function compiled(text: string): Template {
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.template;
}

function context(overrides: Partial<RenderContext> = {}): RenderContext {
  return { seq: 7, device: 3, random: seededRandom(1), nowMs: () => Date.UTC(2026, 11, 7, 6, 30, 0, 250), uuid: () => '00000000-0000-4000-8000-000000000001', ...overrides };
}

const render = (text: string, overrides: Partial<RenderContext> = {}) => renderTemplate(compiled(text), context(overrides)).text;

describe('template rendering', () => {
  it('fills seq, device, now (ISO and ms) and uuid', () => {
    expect(render('n={{seq}} d={{ device }}')).toBe('n=7 d=3');
    expect(render('{{now}}')).toBe('2026-12-07T06:30:00.250Z');
    expect(render('{{now ms}}')).toBe(String(Date.UTC(2026, 11, 7, 6, 30, 0, 250)));
    expect(render('{{uuid}}')).toBe('00000000-0000-4000-8000-000000000001');
  });

  it('draws random whole numbers within both bounds, and with the decimals asked for', () => {
    const seen = new Set<string>();
    const random = seededRandom(42);
    for (let index = 0; index < 2000; index++) seen.add(render('{{random 20 22}}', { random }));
    expect([...seen].sort()).toEqual(['20', '21', '22']);
    for (let index = 0; index < 200; index++) {
      const text = render('{{random 20 30 1}}', { random });
      expect(text).toMatch(/^\d\d\.\d$/);
      expect(Number(text)).toBeGreaterThanOrEqual(20);
      expect(Number(text)).toBeLessThanOrEqual(30);
    }
    expect(render('{{random 20 30}}', { random: () => 0.999999 })).toBe('30');
  });

  it('picks among quoted choices, which may hold spaces, quotes and }}', () => {
    expect(render('{{pick "on" "off"}}', { random: () => 0 })).toBe('on');
    expect(render('{{pick "on" "off"}}', { random: () => 0.99 })).toBe('off');
    expect(render('{{pick "a }} b" "say \\"hi\\""}}', { random: () => 0.6 })).toBe('say "hi"');
    expect(render('{{pick "a }} b"}}', { random: () => 0 })).toBe('a }} b');
  });

  it('walks from its start by at most its step per send, keeping state per walk', () => {
    const template = compiled('{"t":{{walk 21.5 0.2}},"h":{{walk 40 1}}}');
    const random = seededRandom(9);
    let state = {};
    let previous: number[] = [];
    for (let seq = 1; seq <= 100; seq++) {
      const rendered = renderTemplate(template, context({ seq, random }), state);
      state = rendered.state;
      const values = Object.values(JSON.parse(rendered.text) as Record<string, number>);
      if (seq === 1) expect(values).toEqual([21.5, 40]);
      else {
        expect(Math.abs((values[0] ?? 0) - (previous[0] ?? 0))).toBeLessThanOrEqual(0.2 + 0.05 + 1e-9);
        expect(Math.abs((values[1] ?? 0) - (previous[1] ?? 0))).toBeLessThanOrEqual(1 + 0.5 + 1e-9);
      }
      expect(rendered.text).toMatch(/^\{"t":-?\d+\.\d,"h":-?\d+\}$/);
      previous = values;
    }
  });

  it('leaves text without placeholders, and single braces, as they are', () => {
    expect(render('{"a":{"b":1}} } { }')).toBe('{"a":{"b":1}} } { }');
    expect(compiled('plain').dynamic).toBe(false);
    expect(compiled('{{seq}}').dynamic).toBe(true);
  });
});

describe('template errors name the placeholder and its position', () => {
  const cases: [string, string][] = [
    ['{"t":{{random 20}}}', '{{random 20}} at 6: random needs a low and a high'],
    ['{{random 20 30 1 2}}', '{{random 20 30 1 2}} at 1: random takes a low, a high and at most a number of decimals'],
    ['{{random a 30}}', '{{random a 30}} at 1: random needs a low and a high that are numbers'],
    ['{{random 30 20}}', "{{random 30 20}} at 1: random's low (30) is above its high (20)"],
    ['{{random 20 30 -1}}', "{{random 20 30 -1}} at 1: random's decimals must be a whole number from 0 to 10"],
    ['{{random 20.2 20.7}}', '{{random 20.2 20.7}} at 1: random has no whole number from 20.2 to 20.7; give a number of decimals'],
    ['x {{pick}}', '{{pick}} at 3: pick needs at least one quoted choice, as in pick "on" "off"'],
    ['{{pick on "off"}}', '{{pick on "off"}} at 1: pick\'s choices are quoted: write "on"'],
    ['{{pick "on}}', '{{pick "on}} at 1: no closing }}'],
    ['{{walk 21}}', '{{walk 21}} at 1: walk needs a start and a step, as in walk 21.5 0.2'],
    ['{{walk a b}}', '{{walk a b}} at 1: walk needs a start and a step that are numbers'],
    ['{{walk 1 -1}}', "{{walk 1 -1}} at 1: walk's step must not be negative"],
    ['{{now s}}', '{{now s}} at 1: now takes nothing (ISO time) or ms (epoch milliseconds)'],
    ['{{seq 1}}', '{{seq 1}} at 1: seq takes nothing after its name'],
    ['{{uuid x}}', '{{uuid x}} at 1: uuid takes nothing after its name'],
    ['{{device 2}}', '{{device 2}} at 1: device takes nothing after its name'],
    ['ab{{sequence}}', '{{sequence}} at 3: unknown placeholder "sequence"; use one of seq, now, uuid, random, pick, walk, device'],
    ['{{ }}', '{{ }} at 1: an empty placeholder; use one of seq, now, uuid, random, pick, walk, device'],
    ['{{"x"}}', '{{"x"}} at 1: a placeholder starts with its name (seq, now, uuid, random, pick, walk, device), not with quoted text'],
    ['{"n": {{seq}', '{{seq} at 7: no closing }}'],
  ];
  for (const [text, message] of cases) {
    it(`refuses ${text}`, () => {
      const parsed = parseTemplate(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toBe(message);
    });
  }

  it('says which field the error is in', () => {
    expect(compileMessage('a/{{bad}}', '{}')).toMatchObject({ ok: false, field: 'topic', message: expect.stringMatching(/^Topic: \{\{bad\}\} at 3: unknown placeholder/) });
    expect(compileMessage('a', '{{seq')).toMatchObject({ ok: false, field: 'payload', message: 'Payload: {{seq at 1: no closing }}' });
  });
});

describe('a run of sends', () => {
  it('sends exactly what the preview showed, then numbers on', () => {
    const message = compileMessage('dev/{{device}}/{{seq}}', '{"v":{{random 0 1000}},"t":{{walk 20 1}},"id":"{{uuid}}"}');
    if (!message.ok) throw new Error(message.message);
    let uuids = 0;
    const run = new TemplateRun(message, { random: seededRandom(5), nowMs: () => 0, uuid: () => `u${++uuids}` }, 4);
    const shown = run.peek();
    expect(run.take()).toEqual(shown);
    expect(shown.topic).toBe('dev/4/1');
    const nextShown = run.peek();
    const nextSent = run.take();
    expect(nextSent).toEqual(nextShown);
    expect(nextSent.topic).toBe('dev/4/2');
    expect(run.take().topic).toBe('dev/4/3');
  });
});
