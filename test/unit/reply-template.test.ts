import { describe, expect, it } from 'vitest';
import { renderReplyTemplate, templateProblem as problemOf } from '../../shared/exchange/reply-template';
import { english } from '../../shared/i18n';

const templateProblem = (template: string) => {
  const problem = problemOf(template);
  return problem && english(problem.key, problem.params);
};
import type { TemplateRequest } from '../../shared/exchange/reply-template';

const request: TemplateRequest = {
  topic: 'service/temperature',
  payload: new TextEncoder().encode('say "hi"\n'),
  qos: 1,
  responseTopic: 'replies/me',
  correlationData: new Uint8Array([0xde, 0xad, 0x01]),
  contentType: 'text/plain',
  userProperties: [
    { key: 'unit', value: 'celsius' },
    { key: 'unit', value: 'kelvin' },
    { key: 'trace id', value: 'x-1' },
  ],
  receivedAt: Date.UTC(2026, 11, 7, 5, 0, 0),
};

describe('reply templates', () => {
  it('fills every field of the request', () => {
    const template = '{{topic}}|{{payloadHex}}|{{payloadBase64}}|{{payloadSize}}|{{qos}}|{{responseTopic}}|{{correlationHex}}|{{contentType}}|{{receivedAt}}';
    expect(renderReplyTemplate(template, request)).toBe('service/temperature|73617920226869220a|c2F5ICJoaSIK|9|1|replies/me|dead01|text/plain|2026-12-07T05:00:00.000Z');
    expect(renderReplyTemplate('got: {{ payload }}', request)).toBe('got: say "hi"\n');
  });

  it('reads the first value of a user property, by a name that may hold spaces, and an empty string for a missing one', () => {
    expect(renderReplyTemplate('{{userProperty.unit}} {{userProperty.trace id}} [{{userProperty.absent}}]', request)).toBe('celsius x-1 []');
  });

  it('writes a value as a JSON string with |json, so a JSON reply stays valid whatever the request carried', () => {
    const reply = renderReplyTemplate('{"echo": {{payload|json}}, "id": {{correlationHex | json}}}', request);
    expect(JSON.parse(reply)).toEqual({ echo: 'say "hi"\n', id: 'dead01' });
  });

  it('leaves text outside placeholders alone and empties absent optional fields', () => {
    const bare: TemplateRequest = { topic: 't', payload: new Uint8Array(), qos: 0, receivedAt: 0 };
    expect(renderReplyTemplate('{ not a field } {{correlationHex}}/{{contentType}}/{{responseTopic}} {{', bare)).toBe('{ not a field } // {{');
  });

  it('refuses an unknown field or a user property without a name, naming the placeholder', () => {
    expect(templateProblem('{{topic}} {{payload|json}} {{userProperty.a}}')).toBeUndefined();
    expect(templateProblem('hello {{topik}}')).toMatch(/\{\{topik\}\} is not a field of the request; the fields are \{\{topic\}\}/);
    expect(templateProblem('{{topic.sub}}')).toMatch(/is not a field/);
    expect(templateProblem('{{userProperty}}')).toMatch(/names no user property/);
  });
});
