import { describe, expect, it } from 'vitest';
import { describeJsonError, jsonProblem } from '../../renderer/features/publish/publish-result';
import { translator } from '../../shared/i18n';

const en = translator('en');

const positionCount = (text: string) => text.match(/position|line \d+/g)?.length ?? 0;

describe('the invalid-JSON message beside the Publish editor', () => {
  it('is undefined for valid JSON', () => {
    expect(jsonProblem(en, '{"a": [1, 2]}')).toBeUndefined();
  });

  it('gives the line and column once with this engine', () => {
    const problem = jsonProblem(en, '{\n  "a": 1\n  "b": 2\n}') ?? '';
    expect(problem).toMatch(/^The payload is not valid JSON \(line 3, column 3\): /);
    expect(positionCount(problem)).toBe(1);
  });

  // Chromium's V8 adds "(line L column C)" to the message; Node 20's does not, so the text is given here.
  it.each([
    ['Expected double-quoted property name in JSON at position 7 (line 1 column 8)', 'Expected double-quoted property name'],
    ['Expected double-quoted property name in JSON at position 7', 'Expected double-quoted property name'],
    ['Unexpected non-whitespace character after JSON at position 7 (line 1 column 8)', 'Unexpected non-whitespace character after JSON'],
    ['Unexpected non-whitespace character after JSON at position 7', 'Unexpected non-whitespace character after JSON'],
  ])('says the position once for "%s"', (message, reason) => {
    expect(describeJsonError(en, '{"a":1,}', message)).toBe(`The payload is not valid JSON (line 1, column 8): ${reason}. Fix it, or switch the format to plain text.`);
  });

  it('does not quote the payload back for an unexpected token', () => {
    const problem = describeJsonError(en, '{\n "a": x}', 'Unexpected token \'x\', "{\n "a": x}" is not valid JSON');
    expect(problem).toBe("The payload is not valid JSON: Unexpected token 'x'. Fix it, or switch the format to plain text.");
  });
});
