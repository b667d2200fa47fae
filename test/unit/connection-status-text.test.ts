import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { englishNested, wordNested } from '../../shared/i18n/nested';
import { describeConnectionError } from '../../electron/core/connections/socket-errors';
import { ownDisconnectText, unacknowledgedText } from '../../electron/core/connections/client-ending';
import { countdownText, statusLabel, statusReason } from '../../renderer/features/connections/status-text';

const en = translator('en');
const zh = translator('zh-CN');
const endpoint = { host: 'broker.example', port: 1883 };

describe('connection status words', () => {
  it('words a core reason in either language, its English the same as the reason field', () => {
    const refused = describeConnectionError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), endpoint);
    expect(refused.reason).toBe('connection refused: nothing is listening on broker.example:1883; check the port, and that the broker is running');
    expect(englishNested(refused.text)).toBe(refused.reason);
    expect(wordNested(zh, refused.text)).toBe('连接被拒绝：broker.example:1883 上没有服务在监听；请检查端口，并确认 Broker 正在运行');
  });

  it('words nested sentences: a disconnect with what was left unacknowledged', () => {
    const left = unacknowledgedText({ subscribes: 1, unsubscribes: 0, qos1: 3, qos2: 0 });
    expect(left && wordNested(en, left)).toBe('1 SUBSCRIBE and 3 QoS 1 messages were still unacknowledged');
    expect(left && wordNested(zh, left)).toBe('仍有 1 个 SUBSCRIBE 和 3 条 QoS 1 消息未得到确认');
    const said = ownDisconnectText({ sessionExpiryInterval: 60 });
    expect(wordNested(en, said)).toBe('disconnected by you with session expiry set to 60 s');
    expect(wordNested(zh, said)).toBe('已由你断开连接（会话过期间隔设为 60 秒）');
  });

  it('labels states and counts down in both languages, and shows an older core’s English reason as it is', () => {
    const status = { state: 'reconnecting' as const, since: 0, attempt: 3, nextAttemptAt: 4_000, reason: 'the connection was lost' };
    expect(statusLabel(en, status)).toBe('Reconnecting');
    expect(statusLabel(zh, status)).toBe('重连中');
    expect(countdownText(en, status, 0)).toBe('next attempt (#3) in 4 s');
    expect(countdownText(en, status, 0, true)).toBe('retry (#3) in 4 s');
    expect(countdownText(zh, status, 0)).toBe('第 3 次重试将在 4 秒后开始');
    expect(countdownText(en, { ...status, attempt: undefined }, 0)).toBe('next attempt in 4 s');
    expect(statusReason(zh, status)).toBe('the connection was lost');
    expect(statusReason(zh, { ...status, reasonText: { key: 'connections.error.lost' } })).toBe('连接已断开');
  });
});
