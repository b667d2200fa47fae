import { describe, expect, test } from 'vitest';
import { lastRequestTo } from '../../electron/core/lessons/lesson-actor-actions';
import type { TracePacket } from '../../shared/lessons/lesson-trace';

function publish(index: number, fields: Partial<TracePacket>): TracePacket {
  return { index, step: 0, time: index, wallTime: 0, tap: 'actors', actor: 'Lamp', from: 'broker', to: 'Lamp', type: 'PUBLISH', size: 10, ref: { source: 'client', connectionId: 'lamp', seq: index }, ...fields };
}

describe('the request a responder answers', () => {
  const colour = publish(0, { payload: 'colour?', properties: { responseTopic: 'app/replies', correlationData: 'req-18' } });
  const power = publish(1, { payload: 'power?', properties: { responseTopic: 'app/replies', correlationData: 'req-19' } });
  const plain = publish(2, { payload: 'news' });
  const atBroker = publish(3, { tap: 'broker', payload: 'power?', properties: { responseTopic: 'elsewhere' } });
  const toOther = publish(4, { to: 'App', actor: 'App', payload: 'hello', properties: { responseTopic: 'lamp/replies' } });

  test('is the newest PUBLISH the actor received with a Response Topic, or the newest with the payload named', () => {
    const trace = [colour, power, plain, atBroker, toOther];
    expect(lastRequestTo('Lamp', trace)).toMatchObject({ index: 1, responseTopic: 'app/replies' });
    expect(lastRequestTo('Lamp', trace, 'colour?')).toMatchObject({ index: 0, responseTopic: 'app/replies', properties: { correlationData: 'req-18' } });
  });

  test('is none when the actor got no message with a Response Topic', () => {
    expect(lastRequestTo('Lamp', [plain, atBroker, toOther])).toBeUndefined();
    expect(lastRequestTo('Lamp', [colour], 'power?')).toBeUndefined();
  });
});
