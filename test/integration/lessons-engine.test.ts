import { afterEach, describe, expect, test } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { LessonInput } from '../../shared/lessons/lesson-format';
import { builtInLessons } from '../../shared/lessons/built-in';
import { call } from '../helpers/broker-core';
import { createTempCore } from '../helpers/temp-core';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { portIsClosed } from '../helpers/free-port';

let core: AppCore | undefined;
let mosquitto: Broker | undefined;

afterEach(async () => {
  await core?.close();
  core = undefined;
  await mosquitto?.stop();
  mosquitto = undefined;
});

/** A teacher's lesson file, loaded as text: keepalive, a will fired by a cut, and a try-it button. */
const keepaliveAndWill: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'keepalive-and-will',
  title: 'Keepalive and last will (test)',
  actors: [
    { name: 'Sensor', keepaliveSeconds: 2, will: { topic: 'status/sensor', payload: 'offline', qos: 1 } },
    { name: 'Phone', keepaliveSeconds: 30 },
  ],
  steps: [
    {
      title: 'Connect and listen for the will',
      narration: 'The Phone listens on status/#.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'connect', actor: 'Phone' },
        { do: 'subscribe', actor: 'Phone', filter: 'status/#', qos: 1 },
      ],
      expect: [{ kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBACK', count: 1 }],
    },
    {
      title: 'The Sensor falls silent',
      narration: 'No PINGREQ any more: the broker closes the connection after 1.5 × the keepalive, and publishes the will.',
      actions: [
        { do: 'stop-pinging', actor: 'Sensor' },
        { do: 'wait-until', expect: { kind: 'connected', actor: 'Sensor', connected: false }, timeoutSeconds: 8 },
      ],
      expect: [
        { kind: 'closed-by-broker', actor: 'Sensor', minKeepalives: 1.4, maxKeepalives: 2.2 },
        { kind: 'received', actor: 'Phone', topic: 'status/sensor', payload: 'offline', count: 1 },
      ],
      tryIt: [
        {
          label: 'Reconnect the Sensor and cut it',
          actions: [
            { do: 'connect', actor: 'Sensor' },
            { do: 'cut', actor: 'Sensor' },
            { do: 'wait-until', expect: { kind: 'received', actor: 'Phone', topic: 'status/sensor' }, timeoutSeconds: 5 },
          ],
          expect: [
            { kind: 'received', actor: 'Phone', topic: 'status/sensor', payload: 'offline', count: 1 },
            { kind: 'closed-by-broker', actor: 'Sensor' },
          ],
        },
      ],
    },
  ],
};

/** Payloads of 100, 200 and 20,000 bytes: Remaining Lengths of 1, 2 and 3 bytes, read off the real wire. */
const remainingLengths: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'remaining-lengths',
  title: 'Remaining Length sizes (test)',
  actors: [{ name: 'Sensor' }],
  steps: [
    {
      title: 'Three sizes',
      narration: 'The Remaining Length is a variable-byte integer: 7 bits a byte.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'publish', actor: 'Sensor', topic: 's/100', payloadBytes: 100 },
        { do: 'publish', actor: 'Sensor', topic: 's/200', payloadBytes: 200 },
        { do: 'publish', actor: 'Sensor', topic: 's/20000', payloadBytes: 20_000 },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', topic: 's/100', count: 1, remainingLengthBytes: 1 },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', topic: 's/200', count: 1, remainingLengthBytes: 2 },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', topic: 's/20000', count: 1, remainingLengthBytes: 3 },
      ],
    },
  ],
};

/** MQTT 5 topic alias, and the lesson broker's users (a wrong password is refused). */
const aliasAndUsers: LessonInput = {
  format: 'mqtt-lab-lesson',
  version: 1,
  id: 'alias-and-users',
  title: 'Topic alias and users (test)',
  broker: { users: [{ username: 'sensor', password: 'right' }] },
  actors: [
    { name: 'Sensor', protocolVersion: 5, username: 'sensor', password: 'right' },
    { name: 'Intruder', protocolVersion: 5, username: 'sensor', password: 'wrong' },
  ],
  steps: [
    {
      title: 'The second PUBLISH carries only the alias',
      narration: 'The topic goes once with alias 1; after that, the alias alone.',
      actions: [
        { do: 'connect', actor: 'Sensor' },
        { do: 'publish', actor: 'Sensor', topic: 'factory/hall-7/line-3/temperature', payload: '1', qos: 1, topicAlias: 'auto' },
        { do: 'wait-until', expect: { kind: 'packet', from: 'broker', to: 'Sensor', type: 'PUBACK' }, timeoutSeconds: 5 },
        { do: 'publish', actor: 'Sensor', topic: 'factory/hall-7/line-3/temperature', payload: '2', qos: 1, topicAlias: 'auto' },
      ],
      expect: [
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: '1', count: 1, topicAlias: 'topic-and-alias' },
        { kind: 'packet', from: 'Sensor', to: 'broker', type: 'PUBLISH', payload: '2', count: 1, topicAlias: 'alias-only' },
      ],
    },
    {
      title: 'A wrong password is refused',
      narration: 'CONNACK 0x86: bad user name or password.',
      actions: [{ do: 'connect', actor: 'Intruder' }],
      expect: [
        { kind: 'packet', from: 'broker', to: 'Intruder', type: 'CONNACK', count: 1, reasonCode: 0x86 },
        { kind: 'connected', actor: 'Intruder', connected: false },
      ],
    },
  ],
};

describe('the lesson engine', () => {
  test('a lesson file loaded as text: the broker closes a silent client after 1.5 × its keepalive, measured from the trace, and a cut fires the will', async () => {
    core = createTempCore();
    const text = JSON.stringify(keepaliveAndWill);
    const loaded = await call(core, 'lesson.load', { text });
    expect(loaded.ok).toBe(true);
    await call(core, 'lesson.start', { source: { kind: 'file', text } });
    const state = await call(core, 'lesson.play', {});
    const [closed, will] = state.steps[1]?.results ?? [];
    expect(closed?.text).toMatch(/^✓ The broker closed the Sensor's connection (\d+\.\d) s after its last packet: (1\.[4-9]\d|2\.[0-2]\d) × its keepalive of 2 s\.$/);
    expect(will?.text).toMatch(/^✓ The Phone received the message "offline" on status\/sensor once: packet id \d+; QoS 1\.$/);

    const { results } = await call(core, 'lesson.tryIt', { step: 1, button: 0 });
    expect(results[0]?.text).toMatch(/^✓ The Phone received the message "offline" on status\/sensor once/);
    // The lesson's own cut is not the broker's doing, and the check says so rather than pass.
    expect(results[1]?.text).toBe("✗ Expected the broker to close the Sensor's connection after its last packet; the Sensor closed it itself (its socket was cut by the lesson).");
  }, 60_000);

  test('the Remaining Length of 100, 200 and 20,000-byte payloads takes 1, 2 and 3 bytes on the wire', async () => {
    core = createTempCore();
    await call(core, 'lesson.start', { source: { kind: 'file', text: JSON.stringify(remainingLengths) } });
    const state = await call(core, 'lesson.next', {});
    expect(state.steps[0]?.results.map((result) => result.text)).toEqual([
      '✓ The Sensor sent PUBLISH on s/100 to the broker once: QoS 0; 1-byte Remaining Length (109 bytes in all).',
      '✓ The Sensor sent PUBLISH on s/200 to the broker once: QoS 0; 2-byte Remaining Length (210 bytes in all).',
      '✓ The Sensor sent PUBLISH on s/20000 to the broker once: QoS 0; 3-byte Remaining Length (20013 bytes in all).',
    ]);
  });

  test('a topic alias saves the topic\'s bytes on the second PUBLISH (mosquitto: the built-in broker announces no Topic Alias Maximum yet)', async () => {
    mosquitto = await startMosquitto();
    core = createTempCore();
    const aliasOnly: LessonInput = { ...aliasAndUsers, broker: undefined, actors: [{ name: 'Sensor', protocolVersion: 5 }], steps: aliasAndUsers.steps.slice(0, 1) };
    await call(core, 'lesson.start', { source: { kind: 'file', text: JSON.stringify(aliasOnly) }, target: { kind: 'url', url: `mqtt://127.0.0.1:${mosquitto.port}` } });
    const state = await call(core, 'lesson.play', {});
    const texts = state.steps.flatMap((step) => step.results.map((result) => result.text));
    expect(texts[0]).toMatch(/^✓ The Sensor sent PUBLISH "1" to the broker once: packet id \d+; QoS 1; the topic and topic alias 1, 3 bytes more \(\d+ bytes in all\)\.$/);
    expect(texts[1]).toMatch(/^✓ The Sensor sent PUBLISH "2" to the broker once: packet id \d+; QoS 1; only the topic alias 1, 30 bytes saved \(\d+ bytes in all\)\.$/);
  });

  test('the lesson broker\'s users refuse a wrong password with CONNACK 0x86', async () => {
    core = createTempCore();
    const usersOnly: LessonInput = { ...aliasAndUsers, steps: aliasAndUsers.steps.slice(1) };
    await call(core, 'lesson.start', { source: { kind: 'file', text: JSON.stringify(usersOnly) } });
    const state = await call(core, 'lesson.play', {});
    expect(state.steps[0]?.results.map((result) => result.text)).toEqual(['✓ The broker sent CONNACK to the Intruder once: reason code 0x86.', '✓ The Intruder is not connected.']);
  });

  test('stopping a lesson while it plays leaves nothing running', async () => {
    core = createTempCore();
    const { state } = await call(core, 'lesson.start', { source: { kind: 'built-in', lessonId: 'publish-subscribe' } });
    const playing = core.router.dispatch('lesson.play', {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    await call(core, 'lesson.stop', {});
    await playing;
    expect(await call(core, 'lesson.state', {})).toBeNull();
    const port = Number(new URL(state.brokerUrl).port);
    const refused = await portIsClosed(port);
    expect(refused).toBe(true);
  });

  test('a lesson file that does not validate is refused at start with every problem', async () => {
    core = createTempCore();
    const broken = { ...keepaliveAndWill, steps: [{ ...keepaliveAndWill.steps[0], expect: [{ kind: 'packet', from: 'broker', to: 'Phone', type: 'SUBAK' }] }] };
    const text = JSON.stringify(broken);
    expect(await call(core, 'lesson.load', { text })).toMatchObject({ ok: false, problems: [expect.stringMatching(/^steps\[0\] "Connect and listen for the will" → expect\[0\]\.type: "SUBAK" is not a packet type; expected one of CONNECT, /)] });
    await expect(call(core, 'lesson.start', { source: { kind: 'file', text } })).rejects.toThrow(/^The lesson file does not validate:\nsteps\[0\]/);
    expect(await call(core, 'lesson.state', {})).toBeNull();
  });

  test('export gives the same format back, and an unknown built-in lesson is named', async () => {
    core = createTempCore();
    const exported = await call(core, 'lesson.export', { source: { kind: 'built-in', lessonId: 'qos1-at-least-once' } });
    expect(exported.fileName).toBe('qos1-at-least-once.mqtt-lesson.json');
    expect(await call(core, 'lesson.load', { text: exported.content })).toEqual({ ok: true, lesson: exported.lesson });
    await expect(call(core, 'lesson.start', { source: { kind: 'built-in', lessonId: 'nope' } })).rejects.toThrow(`There is no built-in lesson "nope"; there are ${builtInLessons.map((lesson) => lesson.id).join(', ')}.`);
    expect((await call(core, 'lesson.list', {})).lessons.map((lesson) => [lesson.id, lesson.steps, lesson.stepsNeedingBuiltInBroker])).toEqual(expect.arrayContaining([['publish-subscribe', 6, 0], ['qos1-at-least-once', 4, 2]]));
  });
});
