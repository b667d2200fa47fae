import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FlowPath } from '../../shared/domain/flow';
import { saveAndConnect } from '../helpers/core-waits';
import { startFaultBroker, TestClients, waitFor } from '../helpers/broker-faults-harness';
import type { FaultBroker } from '../helpers/broker-faults-harness';
import { arrows, listFlows, waitForFlow } from '../helpers/flow-waits';
import { profileFor } from '../helpers/profiles';

let broker: FaultBroker;
const clients = new TestClients();

beforeAll(async () => {
  broker = await startFaultBroker();
});

afterEach(async () => {
  await broker.clearFaults();
  await clients.closeAll();
});

afterAll(async () => {
  await broker.close();
});

async function connectOurs(): Promise<{ connectionId: string; clientId: string }> {
  // A session that outlives the cut, so the broker expects the resend (MQTT 3.1.1, as aedes keeps it).
  const profile = profileFor(broker.port, { protocolVersion: 4, clean: false });
  const connectionId = await saveAndConnect(broker.core, profile);
  return { connectionId, clientId: profile.clientId };
}

async function droppedThenCut(clientId: string, ack: 'puback' | 'pubcomp'): Promise<void> {
  await waitFor(`the dropped ${ack.toUpperCase()}`, async () => ((await broker.packets()).some((row) => row.clientId === clientId && row.cmd === ack && row.fault !== undefined) ? true : undefined));
  await broker.invoke('broker.cut', { clientId });
}

describe('QoS flows under injected faults (in-process broker)', () => {
  it('draws a dropped PUBACK and a cut as one flow: the DUP resend and the reconnect inside it', async () => {
    const { connectionId, clientId } = await connectOurs();
    const topic = `faults/puback/${randomUUID().slice(0, 6)}`;
    await broker.addFault({ kind: 'drop-acks', target: clientId, ack: 'puback', direction: 'to-client', count: 1 });
    const published = broker.core.router.dispatch('message.publish', { connectionId, topic, qos: 1, retain: false, payload: 'again', encoding: 'utf8' });
    await droppedThenCut(clientId, 'puback');
    expect((await published).ok).toBe(true);
    const flow = await waitForFlow(broker.core, connectionId, 'the completed resent flow', (entry) => entry.state === 'complete', { topic });
    expect(arrows(flow)).toEqual(['→PUBLISH', '→PUBLISH dup', '←PUBACK']);
    expect(flow.marks.map((mark) => mark.kind)).toEqual(['lost', 'reconnected']);
    // aedes answers a publisher-only persistent session with sessionPresent 0 (see PROTOCOL-NOTES).
    expect(flow.marks[1]?.text).toMatch(/^reconnected, (new session|session present)$/);
    // The marks sit between the first send and the resend.
    const [first, resend] = flow.steps;
    expect(flow.marks.every((mark) => mark.monotonicMs > (first?.monotonicMs ?? 0) && mark.monotonicMs < (resend?.monotonicMs ?? 0))).toBe(true);
    expect(await listFlows(broker.core, connectionId, { topic })).toHaveLength(1);
  });

  it('draws a dropped PUBCOMP as one QoS 2 flow in which PUBREL is resent after the reconnect', async () => {
    const { connectionId, clientId } = await connectOurs();
    const topic = `faults/pubcomp/${randomUUID().slice(0, 6)}`;
    await broker.addFault({ kind: 'drop-acks', target: clientId, ack: 'pubcomp', direction: 'to-client', count: 1 });
    const published = broker.core.router.dispatch('message.publish', { connectionId, topic, qos: 2, retain: false, payload: 'release', encoding: 'utf8' });
    await droppedThenCut(clientId, 'pubcomp');
    await published;
    const flow = await waitForFlow(broker.core, connectionId, 'the completed QoS 2 flow', (entry) => entry.state === 'complete', { topic });
    expect(arrows(flow)).toEqual(['→PUBLISH', '←PUBREC', '→PUBREL', '→PUBREL', '←PUBCOMP']);
    expect(flow.marks.map((mark) => mark.kind)).toEqual(['lost', 'reconnected']);
  });

  it('shows a flow whose PUBCOMP never comes as waiting, then as a warning past the threshold', async () => {
    const { connectionId, clientId } = await connectOurs();
    const topic = `faults/stuck/${randomUUID().slice(0, 6)}`;
    await broker.addFault({ kind: 'drop-acks', target: clientId, ack: 'pubcomp', direction: 'to-client', count: 1 });
    void broker.core.router.dispatch('message.publish', { connectionId, topic, qos: 2, retain: false, payload: 'stuck', encoding: 'utf8' });
    const waiting = await waitForFlow(broker.core, connectionId, 'the flow waiting for PUBCOMP', (entry) => entry.steps.length === 3, { topic });
    expect(waiting).toMatchObject({ state: 'waiting', waitingFor: 'PUBCOMP from the broker', warning: false });
    // A short threshold instead of a long sleep.
    const warned = await waitFor('the warning', async () => (await listFlows(broker.core, connectionId, { topic }, 30)).find((entry) => entry.warning));
    expect(warned.waitingMs).toBeGreaterThanOrEqual(30);
    expect(await listFlows(broker.core, connectionId, { states: ['waiting'], topic })).toHaveLength(1);
    // A graceful disconnect would wait for the PUBCOMP; a cut makes the client resend PUBREL and finish.
    await broker.invoke('broker.cut', { clientId });
    const finished = await waitForFlow(broker.core, connectionId, 'the flow to finish after the reconnect', (entry) => entry.state === 'complete', { topic });
    expect(finished.warning).toBe(false);
  });

  it('follows a QoS 2 message from this client through the broker to each subscriber, as aedes orders it', async () => {
    const { connectionId, clientId } = await connectOurs();
    const topic = `faults/path/${randomUUID().slice(0, 6)}`;
    const first = await clients.connect(broker.url, { clientId: `sub-a-${randomUUID().slice(0, 6)}` });
    const second = await clients.connect(broker.url, { clientId: `sub-b-${randomUUID().slice(0, 6)}` });
    await first.client.subscribeAsync(topic, { qos: 2 });
    await second.client.subscribeAsync(topic, { qos: 1 });
    await broker.invoke('message.publish', { connectionId, topic, qos: 2, retain: false, payload: 'fan out', encoding: 'utf8' });
    await waitFor('both deliveries', () => (first.inbox.length === 1 && second.inbox.length === 1 ? true : undefined));
    const flow = await waitForFlow(broker.core, connectionId, 'the complete flow', (entry) => entry.state === 'complete', { topic });
    const path = await waitFor('the whole path', async () => {
      const result = await broker.core.router.dispatch('flows.path', { connectionId, flowId: flow.flowId });
      if (!result.ok) throw new Error(result.error.message);
      const value = result.value as FlowPath;
      return value.steps.filter((step) => step.type === 'PUBCOMP' || step.type === 'PUBACK').length === 3 ? value : undefined;
    });
    const laneIds = path.lanes.map((lane) => lane.id);
    expect(laneIds).toEqual([`client:${clientId}`, 'broker', expect.stringMatching(/^client:sub-/), expect.stringMatching(/^client:sub-/)]);
    expect(path.lanes[0]?.label).toBe(`${clientId} (this client)`);
    const label = (step: FlowPath['steps'][number]) => `${step.from === 'broker' ? 'broker' : step.from.replace(/^client:(sub-.).*$/, '$1').replace(`client:${clientId}`, 'us')}→${step.to === 'broker' ? 'broker' : step.to.replace(/^client:(sub-.).*$/, '$1').replace(`client:${clientId}`, 'us')} ${step.type}`;
    const sequence = path.steps.map(label);
    expect(sequence).toContain('us→broker PUBLISH');
    expect(sequence.filter((entry) => entry.startsWith('us') || entry.includes('→us'))).toEqual(['us→broker PUBLISH', 'broker→us PUBREC', 'us→broker PUBREL', 'broker→us PUBCOMP']);
    expect(sequence.filter((entry) => entry.includes('sub-a'))).toEqual(['broker→sub-a PUBLISH', 'sub-a→broker PUBREC', 'broker→sub-a PUBREL', 'sub-a→broker PUBCOMP']);
    expect(sequence.filter((entry) => entry.includes('sub-b'))).toEqual(['broker→sub-b PUBLISH', 'sub-b→broker PUBACK']);
    // aedes forwards when the PUBLISH arrives: both deliveries leave before the PUBREL comes in.
    const pubrel = sequence.indexOf('us→broker PUBREL');
    expect(sequence.indexOf('broker→sub-a PUBLISH')).toBeLessThan(pubrel);
    expect(sequence.indexOf('broker→sub-b PUBLISH')).toBeLessThan(pubrel);
    expect(path.steps.every((step) => step.ref.source === 'broker')).toBe(true);
  });

  it('follows a message this client received back to its publisher', async () => {
    const { connectionId, clientId } = await connectOurs();
    const topic = `faults/back/${randomUUID().slice(0, 6)}`;
    await broker.invoke('subscription.add', { connectionId, filter: topic, qos: 1 });
    const publisher = await clients.connect(broker.url, { clientId: `pub-${randomUUID().slice(0, 6)}` });
    await publisher.client.publishAsync(topic, 'hello', { qos: 1 });
    const flow = await waitForFlow(broker.core, connectionId, 'the inbound flow', (entry) => entry.state === 'complete' && entry.kind === 'publish', { topic });
    const path = await waitFor('the path', async () => {
      const result = await broker.core.router.dispatch('flows.path', { connectionId, flowId: flow.flowId });
      if (!result.ok) throw new Error(result.error.message);
      const value = result.value as FlowPath;
      return value.steps.length >= 4 ? value : undefined;
    });
    expect(path.lanes.map((lane) => lane.label)).toEqual([expect.stringMatching(/^pub-/), 'broker', `${clientId} (this client)`]);
    const [publisherLane, , ourLane] = path.lanes.map((lane) => lane.id);
    const between = (lane: string | undefined) => path.steps.filter((step) => step.from === lane || step.to === lane).map((step) => `${step.from === 'broker' ? '←' : '→'}${step.type}`);
    expect(between(publisherLane)).toEqual(['→PUBLISH', '←PUBACK']);
    expect(between(ourLane)).toEqual(['←PUBLISH', '→PUBACK']);
    // The delivery to this client is the one its own tap saw: same packet id.
    expect(path.steps.find((step) => step.to === ourLane)?.packetId).toBe(flow.packetId);
  });
});
