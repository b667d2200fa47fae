import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { brokerSettings, call, startBroker, waitForBroker } from '../helpers/broker-core';
import { createTempCore } from '../helpers/temp-core';

// The contract's simulator channels on the app's core, against the built-in broker, as the page uses them.
describe('simulator.start / stop on the built-in broker', () => {
  let core: AppCore;

  beforeEach(() => {
    core = createTempCore();
  });
  afterEach(async () => {
    await core.close();
  });

  it('refuses to start on the built-in broker while it is stopped, saying what to do', async () => {
    const config = { broker: { kind: 'built-in' }, devices: 2, intervalMs: 1000, clientId: 'dev-{{device}}', topic: 't/{{device}}', payload: '1' } as const;
    const result = await core.router.dispatch('simulator.start', { config });
    expect(result).toMatchObject({ ok: false, error: { code: 'broker_error', message: expect.stringMatching(/not running/) } });
  });

  it("runs 5 devices that the broker lists as its clients dev-1..dev-5, and stops them so they leave its list", async () => {
    await startBroker(core, await brokerSettings());
    const updates: unknown[] = [];
    core.bus.subscribe((envelope) => {
      if (envelope.name === 'simulator.updated') updates.push(envelope.payload);
    });
    const started = await call(core, 'simulator.start', { config: { broker: { kind: 'built-in' }, devices: 5, intervalMs: 100, clientId: 'dev-{{device}}', topic: 'site/{{device}}', payload: '{{seq}}' } });
    expect(started.status?.running).toBe(true);
    const names = ['dev-1', 'dev-2', 'dev-3', 'dev-4', 'dev-5'];
    await waitForBroker(core, (snapshot) => names.every((name) => snapshot.clients.some((client) => client.clientId === name)), 'dev-1..dev-5 in the client list');
    const stopped = await call(core, 'simulator.stop', {});
    expect(stopped.status).toMatchObject({ running: false, stopped: 5, failedSends: 0, errors: [] });
    expect(stopped.status?.sent).toBeGreaterThan(0);
    await waitForBroker(core, (snapshot) => !snapshot.clients.some((client) => names.includes(client.clientId)), 'the devices gone from the client list');
    expect(updates.length).toBeGreaterThan(1);
    expect((await call(core, 'simulator.state', {})).status?.running).toBe(false);
  });

  it('refuses a config that would give every device the same client id, before anything connects', async () => {
    await startBroker(core, await brokerSettings());
    const result = await core.router.dispatch('simulator.start', { config: { broker: { kind: 'built-in' }, devices: 3, intervalMs: 1000, clientId: 'same', topic: 't', payload: '1' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/same for every device/) } });
  });
});
