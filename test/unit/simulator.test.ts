import { describe, expect, it } from 'vitest';
import { compilePatterns, deviceIdentity, deviceRun, namesEachDevice } from '../../electron/core/simulator/device-patterns';
import { errorReason, MAX_REASONS, SimulatorCounts } from '../../electron/core/simulator/simulator-status';
import { SparkplugEdge, readMetricValues } from '../../electron/core/simulator/sparkplug-edge';
import { decodeSparkplug, sparkplugJson } from '../../shared/payload/sparkplug';
import { SparkplugAliasBook } from '../../shared/payload/sparkplug-aliases';

const fixedChance = { random: () => 0.5, nowMs: () => 0, uuid: () => 'uuid' };

describe('simulator device patterns', () => {
  const patterns = { clientId: 'dev-{{device}}', topic: 'site/{{device}}/temp', payload: '{"t":{{walk 21 0.5}},"n":{{seq}},"d":{{device}}}', willTopic: 'site/{{device}}/status', willPayload: 'lost {{device}}' };

  it('names each device from its index, from 1, in the client id, the topic and the will', () => {
    expect(deviceIdentity(patterns, 1, fixedChance)).toEqual({ clientId: 'dev-1', will: { topic: 'site/1/status', payload: 'lost 1' }, birth: undefined });
    expect(deviceIdentity(patterns, 250, fixedChance).clientId).toBe('dev-250');
  });

  it('gives each device its own series: seq and walks per device, not shared', () => {
    const first = deviceRun(patterns, 1, fixedChance);
    const second = deviceRun(patterns, 2, fixedChance);
    expect(first.take()).toEqual({ topic: 'site/1/temp', payload: '{"t":21.0,"n":1,"d":1}' });
    expect(first.take().payload).toBe('{"t":21.0,"n":2,"d":1}');
    expect(second.take()).toEqual({ topic: 'site/2/temp', payload: '{"t":21.0,"n":1,"d":2}' });
  });

  it('refuses a bad placeholder before any device starts, naming the field and the position', () => {
    const compiled = compilePatterns({ ...patterns, clientId: 'dev-{{devce}}' });
    expect(compiled).toMatchObject({ ok: false });
    expect(!compiled.ok && compiled.message).toMatch(/^Client id: \{\{devce\}\} at 5/);
    expect(compilePatterns({ ...patterns, payload: '{{random 1}}' })).toMatchObject({ ok: false, message: expect.stringMatching(/^Payload: /) });
  });

  it('tells a client id that names each device from one that every device would share', () => {
    expect(namesEachDevice('dev-{{device}}')).toBe(true);
    expect(namesEachDevice('dev-{{uuid}}')).toBe(true);
    expect(namesEachDevice('dev-{{seq}}')).toBe(false);
    expect(namesEachDevice('dev')).toBe(false);
  });
});

describe('simulator counts', () => {
  it('counts devices by state and the sends, and measures the rate over its window', () => {
    let now = 0;
    const counts = new SimulatorCounts(5, () => now);
    counts.setState(1, 'connected');
    counts.setState(2, 'connected');
    counts.setState(3, 'failed');
    counts.setState(4, 'reconnecting');
    counts.sample();
    now = 2000;
    counts.sent = 400;
    expect(counts.status(true)).toMatchObject({ running: true, devices: 5, waiting: 1, connected: 2, failed: 1, reconnecting: 1, sent: 400, ratePerSecond: 200 });
  });

  it('groups errors by reason, with the client id taken out, most frequent first', () => {
    const counts = new SimulatorCounts(3, () => 0);
    for (const device of [1, 2, 3]) counts.error(device, errorReason(`Connection refused: Identifier rejected (dev-${device})`, `dev-${device}`));
    counts.error(1, errorReason('connect ECONNREFUSED 127.0.0.1:1', 'dev-1'));
    counts.error(1, errorReason('connect ECONNREFUSED 127.0.0.1:1', 'dev-1'));
    counts.error(2, errorReason('', 'dev-2'));
    expect(counts.status(true).errors).toEqual([
      { reason: 'Connection refused: Identifier rejected ({client id})', count: 3, devices: 3 },
      { reason: 'connect ECONNREFUSED 127.0.0.1:1', count: 2, devices: 1 },
      { reason: 'unknown error', count: 1, devices: 1 },
    ]);
  });

  it('keeps a bounded number of distinct reasons and counts the rest together', () => {
    const counts = new SimulatorCounts(1, () => 0);
    for (let index = 0; index < MAX_REASONS + 7; index++) counts.error(1, `reason ${index}`);
    const errors = counts.status(true).errors;
    expect(errors).toHaveLength(MAX_REASONS + 1);
    expect(errors.at(-1)).toMatchObject({ count: 7 });
  });
});

describe('simulated Sparkplug edge node', () => {
  it('sends NBIRTH with names and aliases, then NDATA by alias only that resolve to the names; seq wraps at 255', () => {
    const edge = new SparkplugEdge();
    const values = readMetricValues('{"temperature": 21.5, "on": true, "mode": "auto"}');
    const birth = sparkplugJson(decodeSparkplug(edge.birth(values)));
    expect(birth.seq).toBe(0);
    expect(birth.metrics).toEqual([
      expect.objectContaining({ name: 'bdSeq', datatype: 'UInt64', value: 0 }),
      expect.objectContaining({ name: 'Node Control/Rebirth', datatype: 'Boolean', value: false }),
      expect.objectContaining({ name: 'temperature', alias: 1, datatype: 'Double', value: 21.5 }),
      expect.objectContaining({ name: 'on', alias: 2, datatype: 'Boolean', value: true }),
      expect.objectContaining({ name: 'mode', alias: 3, datatype: 'String', value: 'auto' }),
    ]);
    const data = decodeSparkplug(edge.data({ temperature: 22, on: false, mode: 'manual' }));
    expect(data.seq).toBe(1n);
    expect(data.metrics.map((metric) => metric.name)).toEqual([undefined, undefined, undefined]);
    expect(data.metrics.map((metric) => metric.alias)).toEqual([1n, 2n, 3n]);
    // The app's own alias book, fed the pair as a host application would see it, names NDATA's metrics.
    const book = new SparkplugAliasBook();
    const birthBytes = new SparkplugEdge().birth(values);
    const edgeData = new SparkplugEdge();
    edgeData.birth(values);
    const dataBytes = edgeData.data(values);
    book.observe(1, 'spBv1.0/plant/NBIRTH/edge-1', birthBytes);
    book.observe(2, 'spBv1.0/plant/NDATA/edge-1', dataBytes);
    const described = book.describe(2, 'spBv1.0/plant/NDATA/edge-1', dataBytes);
    expect((described.json as { metrics: { name: string }[] }).metrics.map((metric) => metric.name)).toEqual(['temperature', 'on', 'mode']);
    expect(described.notes.join(' ')).not.toMatch(/seq gap/);
    let last = data;
    for (let index = 0; index < 255; index++) last = decodeSparkplug(edge.data(values));
    expect(last.seq).toBe(0n);
  });

  it('gives a new session the next bdSeq, in its death certificate and its birth', () => {
    const edge = new SparkplugEdge();
    edge.nextSession();
    expect(sparkplugJson(decodeSparkplug(edge.death())).metrics).toEqual([expect.objectContaining({ name: 'bdSeq', value: 1 })]);
    expect(sparkplugJson(decodeSparkplug(edge.birth({ t: 1 }))).metrics).toContainEqual(expect.objectContaining({ name: 'bdSeq', value: 1 }));
  });

  it('refuses a payload that is not a JSON object of metric values, saying what it needs', () => {
    expect(() => readMetricValues('21')).toThrow(/JSON object/);
    expect(() => readMetricValues('{"a": [1]}')).toThrow(/Metric "a"/);
    expect(() => readMetricValues('{"a": ')).toThrow(/JSON object payload/);
  });
});
