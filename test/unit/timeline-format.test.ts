import { describe, expect, it } from 'vitest';
import type { FlowView } from '../../shared/domain/flow';
import { translator } from '../../shared/i18n';
import { flowStatus, flowTitle, formatDuration, stepLabel } from '../../renderer/features/timeline/format';

const en = translator('en');
const zh = translator('zh-CN');

const waiting: FlowView = {
  flowId: 3,
  kind: 'publish',
  origin: 'client',
  packetId: 7,
  epoch: 0,
  qos: 2,
  topic: 'lab/t',
  state: 'waiting',
  waitingFor: 'PUBCOMP from the broker',
  waitingMs: 4000,
  warning: false,
  durationMs: 1.5,
  steps: [],
  marks: [],
};

describe('timeline wording', () => {
  it('writes durations at the precision a reader needs', () => {
    expect(formatDuration(0.42)).toBe('0.42 ms');
    expect(formatDuration(1.23)).toBe('1.2 ms');
    expect(formatDuration(43.4)).toBe('43 ms');
    expect(formatDuration(4200)).toBe('4.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('labels an arrow with type, packet id, QoS and DUP', () => {
    expect(stepLabel({ type: 'PUBLISH', packetId: 7, qos: 1, dup: true })).toBe('PUBLISH id 7 QoS 1 DUP');
    expect(stepLabel({ type: 'PUBREC', packetId: 7, qos: 1 })).toBe('PUBREC id 7');
    expect(stepLabel({ type: 'PUBLISH', packetId: 0, qos: 0 })).toBe('PUBLISH QoS 0');
  });

  it('names a flow by direction, packet id and topic first, then QoS', () => {
    expect(flowTitle({ ...waiting, origin: 'broker', topic: 'sensors/a', packetId: 12 })).toBe('← PUBLISH #12 sensors/a · QoS 2');
    expect(flowTitle({ ...waiting, packetId: 0, qos: 0 })).toBe('→ PUBLISH lab/t · QoS 0');
    expect(flowTitle({ ...waiting, kind: 'subscribe', topic: 'lab/#', packetId: 3, qos: undefined })).toBe('→ SUBSCRIBE #3 lab/#');
    expect(flowTitle({ ...waiting, kind: 'disconnect', origin: 'broker', topic: undefined, packetId: undefined, qos: undefined })).toBe('← DISCONNECT');
  });

  it('ages a waiting flow between fetches and turns it into a warning at the threshold', () => {
    expect(flowTitle(waiting)).toBe('→ PUBLISH #7 lab/t · QoS 2');
    expect(flowStatus(waiting, 200, 5000, en)).toEqual({ text: 'waiting for PUBCOMP from the broker, 4.2 s', tone: 'waiting' });
    expect(flowStatus(waiting, 1000, 5000, en)).toEqual({ text: 'warning: waiting for PUBCOMP from the broker, 5.0 s', tone: 'warning' });
    expect(flowStatus({ ...waiting, state: 'failed', outcome: 'not authorized (PUBACK 0x87)' }, 0, 5000, en)).toEqual({ text: 'failed: not authorized (PUBACK 0x87)', tone: 'failed' });
  });

  it('words the status in Chinese from the Messages the core sent, and shows a reason code\'s text as it came', () => {
    const fromCore: FlowView = { ...waiting, waitingForMessage: { key: 'timeline.flow.waitingFromBroker', params: { packet: 'PUBCOMP' } } };
    expect(flowStatus(fromCore, 200, 5000, zh)).toEqual({ text: '等待 来自 Broker 的 PUBCOMP，已等待 4.2 s', tone: 'waiting' });
    expect(flowStatus(fromCore, 1000, 5000, zh).text).toBe('警告：等待 来自 Broker 的 PUBCOMP，已等待 5.0 s');
    const failed: FlowView = { ...waiting, state: 'failed', outcome: 'no PINGREQ was waiting for this PINGRESP', outcomeMessage: { key: 'timeline.flow.noPingreq' } };
    expect(flowStatus(failed, 0, 5000, zh).text).toBe('失败：没有 PINGREQ 在等待这个 PINGRESP');
    expect(flowStatus(failed, 0, 5000, en).text).toBe('failed: no PINGREQ was waiting for this PINGRESP');
    expect(flowStatus({ ...waiting, state: 'complete', outcome: 'no matching subscribers (PUBACK 0x10)' }, 0, 5000, zh).text).toBe('1.5 ms 内完成：no matching subscribers (PUBACK 0x10)');
  });
});
