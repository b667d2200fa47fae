import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { saveAndConnect } from '../helpers/core-waits';
import { arrows, waitForFlow } from '../helpers/flow-waits';
import { startMosquitto } from '../helpers/mosquitto';
import type { Broker } from '../helpers/mosquitto';
import { profileFor } from '../helpers/profiles';
import { createTempCore } from '../helpers/temp-core';

let broker: Broker;
let core: AppCore;
let connectionId: string;

beforeAll(async () => {
  // Anonymous clients may write only under open/.
  broker = await startMosquitto({ acl: 'topic readwrite open/#\n' });
  core = createTempCore();
  connectionId = await saveAndConnect(core, profileFor(broker.port, { protocolVersion: 5 }));
});

afterAll(async () => {
  await core?.close();
  await broker?.stop();
});

describe('QoS flow reason codes from mosquitto (MQTT 5)', () => {
  it('shows PUBACK 0x10 as a completed flow that says no subscriber matched', async () => {
    const topic = `open/nobody/${randomUUID().slice(0, 6)}`;
    await core.router.dispatch('message.publish', { connectionId, topic, qos: 1, retain: false, payload: 'hello?', encoding: 'utf8' });
    const flow = await waitForFlow(core, connectionId, 'the acknowledged flow', (entry) => entry.steps.length === 2, { topic });
    expect(arrows(flow)).toEqual(['→PUBLISH', '←PUBACK']);
    expect(flow).toMatchObject({ state: 'complete', outcome: 'no matching subscribers (PUBACK 0x10)' });
    expect(flow.steps[1]).toMatchObject({ reasonCode: 0x10, reason: 'no matching subscribers (PUBACK 0x10)' });
  });

  it('shows PUBACK 0x87 as a failed flow', async () => {
    const topic = `closed/${randomUUID().slice(0, 6)}`;
    await core.router.dispatch('message.publish', { connectionId, topic, qos: 1, retain: false, payload: 'denied', encoding: 'utf8' });
    const flow = await waitForFlow(core, connectionId, 'the refused flow', (entry) => entry.steps.length === 2, { topic });
    expect(flow).toMatchObject({ state: 'failed', outcome: 'not authorized (PUBACK 0x87)' });
    expect(flow.steps[1]).toMatchObject({ reasonCode: 0x87, failed: true });
  });

});
