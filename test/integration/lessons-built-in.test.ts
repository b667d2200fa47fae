import { pickText } from '../../shared/lessons/localized-text';
import { afterEach, describe, expect, test } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { LessonState } from '../../shared/lessons/lesson-state';
import type { LessonUpdate } from '../../shared/lessons/lesson-state';
import { builtInLessons } from '../../shared/lessons/built-in';
import { call } from '../helpers/broker-core';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { createTempCore } from '../helpers/temp-core';
import { portIsClosed } from '../helpers/free-port';

let core: AppCore | undefined;
let mosquitto: Broker | undefined;

afterEach(async () => {
  await core?.close();
  core = undefined;
  await mosquitto?.stop();
  mosquitto = undefined;
});

/** Every result of every step, one a line, so a failure shows the whole lesson as it ran. */
function transcript(state: LessonState): string {
  return state.steps
    .map((step) => [`${step.index}. ${pickText(step.title, 'en')} [${step.status}]${step.skippedReason ? ` ${step.skippedReason}` : ''}`, ...step.results.map((result) => `   ${result.text}`), ...step.notes.map((note) => `   note: ${note}`)].join('\n'))
    .join('\n');
}

/** Notes a lesson sets out to cause: the refusal it shows. */
const expectedNotes: Record<string, RegExp[]> = {
  'reason-codes': [/^Intruder did not connect: the broker refused the connection: bad user name or password/],
};

function failures(state: LessonState): string[] {
  const expected = expectedNotes[state.lessonId] ?? [];
  const notes = (notes: string[]) => notes.filter((note) => !expected.some((pattern) => pattern.test(note)));
  return state.steps.flatMap((step) => [...step.results.filter((result) => !result.ok && !result.skipped).map((result) => result.text), ...notes(step.notes)]);
}

describe('built-in lessons, headless through the core', () => {
  for (const lesson of builtInLessons) {
    test(`"${pickText(lesson.title, 'en')}" runs against its own built-in broker and every check passes`, async () => {
      core = createTempCore();
      const updates: LessonUpdate[] = [];
      core.bus.subscribe((envelope) => {
        if (envelope.name === 'lesson.updated') updates.push(envelope.payload as LessonUpdate);
      });
      const { state: started } = await call(core, 'lesson.start', { source: { kind: 'built-in', lessonId: lesson.id } });
      expect(started.brokerUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
      const state = await call(core, 'lesson.play', {});
      const text = transcript(state);
      expect(failures(state), text).toEqual([]);
      expect(state.steps.every((step) => step.status === 'done'), text).toBe(true);
      expect(state.steps.flatMap((step) => step.results).length).toBeGreaterThan(0);
      expect(state.phase).toBe('finished');

      // The actors are never among the user's connections, and the user's broker was not touched.
      expect((await call(core, 'connection.list', {})).connections).toEqual([]);
      expect(core.broker.snapshot().state).toBe('stopped');

      // Any packet of the trace opens in the packet inspector: an actor's through packets.get, the broker's through lesson.packet.
      const trace = await call(core, 'lesson.trace', {});
      const actorPacket = trace.packets.find((packet) => packet.tap === 'actors' && packet.type === 'CONNECT');
      const brokerPacket = trace.packets.find((packet) => packet.tap === 'broker' && packet.type === 'CONNACK');
      if (actorPacket?.ref.source !== 'client' || !brokerPacket) throw new Error(`The trace lacks an actor CONNECT or a broker CONNACK:\n${text}`);
      const bytes = await call(core, 'packets.get', { source: 'client', connectionId: actorPacket.ref.connectionId, seq: actorPacket.ref.seq });
      expect(Buffer.from(bytes.bytesBase64, 'base64')[0]).toBe(0x10);
      const brokerBytes = await call(core, 'lesson.packet', { index: brokerPacket.index });
      expect(Buffer.from(brokerBytes.bytesBase64, 'base64')[0]).toBe(0x20);

      // The events carried the trace incrementally, without gaps.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const streamed = updates.filter((update) => update.state.runId === state.runId).flatMap((update) => update.packets);
      expect(streamed.map((packet) => packet.index)).toEqual(streamed.map((_, index) => index));

      // Closing leaves nothing running: the lesson broker's port is free again.
      const port = Number(new URL(state.brokerUrl).port);
      await call(core, 'lesson.stop', {});
      expect(await portIsClosed(port)).toBe(true);
    }, 60_000);
  }

  test('QoS 1: restarting from the step that loses the PUBACK plays it again on a fresh broker, and its try-it button checks the DUP resend', async () => {
    core = createTempCore();
    await call(core, 'lesson.start', { source: { kind: 'built-in', lessonId: 'qos1-at-least-once' } });
    const first = await call(core, 'lesson.play', {});
    const restarted = await call(core, 'lesson.restart', { step: 2 });
    expect(restarted.runId).not.toBe(first.runId);
    expect(restarted.nextStep).toBe(2);
    expect(restarted.steps.map((step) => step.status)).toEqual(['done', 'done', 'pending', 'pending']);
    const state = await call(core, 'lesson.play', {});
    expect(failures(state), transcript(state)).toEqual([]);
    const { results, state: afterTry } = await call(core, 'lesson.tryIt', { step: 3, button: 0 });
    // Its wait-until ("a PUBLISH with DUP") is met by the resend even though the first copy had none.
    expect(afterTry.steps[3]?.notes).toEqual([]);
    expect(results.map((result) => result.text)).toEqual([expect.stringMatching(/^✓ The Sensor sent PUBLISH "count=3" to the broker twice: packet id \d+ each time; QoS 1; DUP set on the second\.$/)]);
  }, 60_000);

  test('slow motion holds the broker\'s deliveries and acknowledgements, and the checks still pass', async () => {
    core = createTempCore();
    await call(core, 'lesson.start', { source: { kind: 'built-in', lessonId: 'qos1-at-least-once' }, speed: 'slow' });
    await call(core, 'lesson.next', {});
    const state = await call(core, 'lesson.next', {});
    expect(failures(state), transcript(state)).toEqual([]);
    const trace = await call(core, 'lesson.trace', {});
    const held = trace.packets.filter((packet) => packet.tap === 'broker' && packet.fault?.includes('delayed'));
    expect(held.map((packet) => packet.type)).toEqual(expect.arrayContaining(['PUBACK', 'PUBLISH']));
  }, 60_000);
});

describe('built-in lessons against mosquitto (any broker)', () => {
  test('"Publish/subscribe and topics" passes every check against mosquitto', async () => {
    mosquitto = await startMosquitto();
    core = createTempCore();
    await call(core, 'lesson.start', { source: { kind: 'built-in', lessonId: 'publish-subscribe' }, target: { kind: 'url', url: `mqtt://127.0.0.1:${mosquitto.port}` } });
    const state = await call(core, 'lesson.play', {});
    expect(failures(state), transcript(state)).toEqual([]);
    expect(state.steps.every((step) => step.status === 'done')).toBe(true);
  }, 60_000);

  test('"QoS 1, at least once" against mosquitto: the steps that need broker faults are skipped with the reason, the others pass', async () => {
    mosquitto = await startMosquitto();
    core = createTempCore();
    await call(core, 'lesson.start', { source: { kind: 'built-in', lessonId: 'qos1-at-least-once' }, target: { kind: 'url', url: `mqtt://127.0.0.1:${mosquitto.port}` } });
    const state = await call(core, 'lesson.play', {});
    expect(failures(state), transcript(state)).toEqual([]);
    expect(state.steps.map((step) => step.status)).toEqual(['done', 'done', 'skipped', 'skipped']);
    expect(state.claims).toEqual({ met: 6, notMet: 0, notChecked: 0 });
    expect(state.steps[2]?.skippedReason).toBe(`This step needs the built-in broker: it injects broker faults or reads the broker's side; the lesson runs against mqtt://127.0.0.1:${mosquitto.port}.`);
    await expect(call(core, 'lesson.tryIt', { step: 3, button: 0 })).rejects.toThrow('"Drop the next PUBACK and cut again" needs the built-in broker');
  }, 60_000);
});
