import { describe, expect, it } from 'vitest';
import type { LifelineEvent } from '../../shared/domain/lifeline';
import { translator } from '../../shared/i18n';
import { describeEvent, mergeSlice, monotonicNow, spansOf } from '../../renderer/features/lifeline/lifeline-model';
import { pan, rangeOf, zoom } from '../../renderer/features/lifeline/lifeline-view';

const at = (id: number, monotonicMs: number) => ({ id, monotonicMs, wallTime: 1_700_000_000_000 + monotonicMs });

const events: LifelineEvent[] = [
  { ...at(1, 0), kind: 'connect-attempt', attempt: 0, target: 'mqtt://h:1883', protocolVersion: 5, keepaliveS: 1 },
  { ...at(2, 5), kind: 'connack', code: 0, codeText: 'accepted', sessionPresent: false, sinceConnectMs: 5 },
  { ...at(3, 1000), kind: 'ping', state: 'answered', rttMs: 1.3 },
  { ...at(4, 1500), kind: 'disconnect', by: 'server', code: 0x8e, codeText: 'session taken over', wasConnected: true },
  { ...at(5, 1500), kind: 'reconnect-scheduled', attempt: 2, delayMs: 2000, nextAttemptAt: 1_700_000_003_500 },
  { ...at(6, 3500), kind: 'connect-attempt', attempt: 2, target: 'mqtt://h:1883', protocolVersion: 5, keepaliveS: 1 },
];

describe('the lifeline as drawn', () => {
  it('turns events into spans: connecting, connected, a backoff with its delay, and the open attempt up to now', () => {
    expect(spansOf(events, 4000)).toEqual([
      { kind: 'connecting', from: 0, to: 5, attempt: 0 },
      { kind: 'connected', from: 5, to: 1500 },
      { kind: 'backoff', from: 1500, to: 3500, delayMs: 2000, attempt: 2 },
      { kind: 'connecting', from: 3500, to: 4000, attempt: 2 },
    ]);
  });

  it('names rows in plain words', () => {
    expect(events.map((event) => describeEvent(event, translator('en')))).toEqual([
      'CONNECT to mqtt://h:1883 (first attempt), keepalive 1 s',
      'CONNACK accepted after 5.0 ms, new session',
      'PINGRESP round trip 1.3 ms',
      'Disconnected by the server: 0x8E session taken over',
      'Reconnect attempt 2 in 2.0 s',
      'CONNECT to mqtt://h:1883 (reconnect attempt 2), keepalive 1 s',
    ]);
  });

  it('names rows in Chinese, keeping reason-code words and targets as they came', () => {
    expect(events.map((event) => describeEvent(event, translator('zh-CN')))).toEqual([
      'CONNECT 到 mqtt://h:1883（首次尝试），保活 1 秒',
      'CONNACK 接受，耗时 5.0 ms，新会话',
      'PINGRESP 往返 1.3 ms',
      '被服务端断开连接：0x8E session taken over',
      '2.0 s 后进行第 2 次重连尝试',
      'CONNECT 到 mqtt://h:1883（第 2 次重连尝试），保活 1 秒',
    ]);
    const lost: LifelineEvent = { ...at(7, 4000), kind: 'disconnect', by: 'network', wasConnected: true, error: 'closed to connect again', errorMessage: { key: 'lifeline.core.closedToConnect' } };
    expect(describeEvent(lost, translator('zh-CN'))).toBe('连接丢失：为重新连接而关闭');
    expect(describeEvent(lost, translator('en'))).toBe('Connection lost: closed to connect again');
  });

  it('merges a slice: keeps older events, replaces those from fromId, drops what the ring evicted', () => {
    const merged = mergeSlice(events.slice(0, 4), { events: [{ ...events[2]!, rttMs: 2 } as LifelineEvent, events[3]!, events[4]!], evicted: 1, oldestId: 2, nextId: 6 }, 3);
    expect(merged.map((event) => event.id)).toEqual([2, 3, 4, 5]);
    expect(merged[1]).toMatchObject({ rttMs: 2 });
    expect(monotonicNow(events, 1_700_000_004_000)).toBe(4000);
  });

  it('zooms about the pointer, follows live at the right edge, and stops following when panned back', () => {
    const range = rangeOf({ mode: 'follow', span: 10_000 }, 0, 20_000);
    expect(range[0]).toBe(10_000);
    expect(zoom({ mode: 'follow', span: 10_000 }, range, 20_000, 0.5, 1)).toEqual({ mode: 'follow', span: 5000 });
    expect(zoom({ mode: 'fixed', start: 0, end: 10_000 }, [0, 10_000], 20_000, 0.5, 0.2)).toEqual({ mode: 'fixed', start: 1000, end: 6000 });
    expect(pan([10_000, 20_000], 20_000, -3000)).toEqual({ mode: 'fixed', start: 7000, end: 17_000 });
    expect(pan([5000, 15_000], 20_000, 6000)).toEqual({ mode: 'follow', span: 10_000 });
  });
});
