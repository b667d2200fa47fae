import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import type { RepeatedMessage, ScheduleStatus } from '../../shared/domain/schedule';
import { saveConnectAndSettle } from '../helpers/core-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

async function invoke<N extends RequestName>(core: AppCore, name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
  const result = await core.router.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as RequestOutput<N>;
}

function waitForSchedule(core: AppCore, scheduleId: number, predicate: (status: ScheduleStatus) => boolean, timeoutMs = 30_000): Promise<ScheduleStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`schedule ${scheduleId} did not reach the expected state in ${timeoutMs} ms`));
    }, timeoutMs);
    const off = core.bus.subscribe((envelope) => {
      if (envelope.name !== 'schedule.updated') return;
      const status = (envelope.payload as { schedules: ScheduleStatus[] }).schedules.find((schedule) => schedule.scheduleId === scheduleId);
      if (status && predicate(status)) {
        clearTimeout(timer);
        off();
        resolve(status);
      }
    });
  });
}

const message = (overrides: Partial<RepeatedMessage> = {}): RepeatedMessage => ({ topic: 'sched/a', qos: 1, retain: false, format: 'json', text: '{"n":{{seq}}}', template: true, ...overrides });

describe('timed publishing against a real mosquitto', () => {
  let broker: Broker;
  let core: AppCore;
  let peer: mqtt.MqttClient;

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker.stop();
  });
  beforeEach(async () => {
    core = createTempCore();
    peer = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`);
  });
  afterEach(async () => {
    await peer.endAsync();
    await core.close();
  });

  it('a schedule of 1,000 messages at 100 msg/s arrives complete and in order, each acknowledged', async () => {
    const received: number[] = [];
    await peer.subscribeAsync('sched/a', { qos: 1 });
    peer.on('message', (_topic, payload) => received.push((JSON.parse(payload.toString()) as { n: number }).n));
    const snapshot = await saveConnectAndSettle(core, profileFor(broker.port));
    const started = Date.now();
    const status = await invoke(core, 'schedule.start', { connectionId: snapshot.profile.id, message: message(), plan: { intervalMs: 10, count: 1000 } });
    const ended = await waitForSchedule(core, status.scheduleId, (current) => current.state === 'finished' && current.acknowledged === 1000);
    const elapsed = Date.now() - started;
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1000);
    expect(received).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
    expect(ended).toMatchObject({ sent: 1000, acknowledged: 1000, failed: 0 });
    // 999 intervals of 10 ms: drift-free timing ends close to 9.99 s, not later by the sum of the lateness.
    expect(elapsed).toBeGreaterThanOrEqual(9990);
    expect(elapsed).toBeLessThan(11_500);
    expect(ended.timing?.medianMs).toBeLessThan(2);
  }, 30_000);

  it('runs several schedules at once, each stoppable on its own, and stops them all when their connection goes', async () => {
    const first = await saveConnectAndSettle(core, profileFor(broker.port, { id: 'first', name: 'first' }));
    const second = await saveConnectAndSettle(core, profileFor(broker.port, { id: 'second', name: 'second' }));
    const a = await invoke(core, 'schedule.start', { connectionId: first.profile.id, message: message({ topic: 'sched/{{seq}}' }), plan: { intervalMs: 20 } });
    const b = await invoke(core, 'schedule.start', { connectionId: first.profile.id, message: message({ template: false, text: 'fixed', format: 'plaintext' }), plan: { intervalMs: 20, jitterMs: 5 } });
    const c = await invoke(core, 'schedule.start', { connectionId: second.profile.id, message: message(), plan: { intervalMs: 20 } });
    const rated = await waitForSchedule(core, c.scheduleId, (current) => current.rate > 0 && Date.now() - current.startedAt > 1200, 5000);
    expect(rated.rate).toBeGreaterThan(40);
    expect(rated.rate).toBeLessThan(60);

    const stopped = await invoke(core, 'schedule.stop', { scheduleId: a.scheduleId });
    expect(stopped).toMatchObject({ state: 'stopped', reason: 'stopped by the user' });
    expect((await invoke(core, 'schedule.list', {})).schedules.filter((status) => status.state === 'running').map((status) => status.scheduleId)).toEqual([b.scheduleId, c.scheduleId]);

    await invoke(core, 'connection.disconnect', { connectionId: first.profile.id });
    await expect.poll(async () => (await invoke(core, 'schedule.list', {})).schedules.find((status) => status.scheduleId === b.scheduleId)?.state).toBe('stopped');
    expect((await invoke(core, 'schedule.list', {})).schedules.find((status) => status.scheduleId === c.scheduleId)?.state).toBe('running');

    await invoke(core, 'connection.remove', { connectionId: second.profile.id });
    const gone = (await invoke(core, 'schedule.list', {})).schedules.find((status) => status.scheduleId === c.scheduleId);
    expect(gone).toMatchObject({ state: 'stopped', reason: expect.stringMatching(/^the connection (was removed|went)/) });
    const sentThen = gone?.sent ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await invoke(core, 'schedule.list', {})).schedules.find((status) => status.scheduleId === c.scheduleId)?.sent).toBe(sentThen);
  }, 20_000);

  it('counts a send whose filled-in topic cannot be sent as failed, saying why, and goes on', async () => {
    const snapshot = await saveConnectAndSettle(core, profileFor(broker.port));
    const status = await invoke(core, 'schedule.start', { connectionId: snapshot.profile.id, message: message({ topic: 'sched/{{pick "+"}}', qos: 0 }), plan: { intervalMs: 10, count: 3 } });
    const ended = await waitForSchedule(core, status.scheduleId, (current) => current.state === 'finished');
    expect(ended).toMatchObject({ sent: 3, failed: 3, acknowledged: 0 });
    expect(ended.lastError).toMatch(/^the filled-in topic "sched\/\+" cannot be sent: /);
  });

  it('refuses a template with an error, an interval under 10 ms and a schedule on a connection that is down', async () => {
    const snapshot = await saveConnectAndSettle(core, profileFor(broker.port));
    const bad = await core.router.dispatch('schedule.start', { connectionId: snapshot.profile.id, message: message({ text: '{{random 1}}' }), plan: { intervalMs: 100 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'message.text: Payload: {{random 1}} at 1: random needs a low and a high' } });
    const fast = await core.router.dispatch('schedule.start', { connectionId: snapshot.profile.id, message: message(), plan: { intervalMs: 5 } });
    expect(fast).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await invoke(core, 'connection.disconnect', { connectionId: snapshot.profile.id });
    const down = await core.router.dispatch('schedule.start', { connectionId: snapshot.profile.id, message: message(), plan: { intervalMs: 100 } });
    expect(down).toMatchObject({ ok: false, error: { code: 'not_connected' } });
  });
});
