import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { describeOutcome } from '../../renderer/features/publish/publish-result';
import { requestStatusText } from '../../renderer/features/exchange/exchange-format';
import { checkTopicFilter, checkTopicName } from '../../shared/mqtt/topics';
import { readPublishOptions, EMPTY_PUBLISH_OPTIONS } from '../../shared/mqtt/publish-options';
import { describeMatched } from '../../shared/mqtt/matched-subscriptions';
import type { RequestExchange } from '../../shared/domain/exchange';

const en = translator('en');
const zh = translator('zh-CN');

describe('publish, subscription and request wording in both languages', () => {
  it('words a topic check in the language on screen, and keeps English for the core', () => {
    const check = checkTopicName('a/#');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toBe('Topic must not contain the wildcards + or # when publishing; wildcards belong in subscription filters.');
    expect(zh.msg(check.text)).toBe('发布时主题不能包含通配符 + 或 #；通配符只能用在订阅的主题过滤器中。');
    const shared = checkTopicFilter('$share');
    expect(shared.ok || en.msg(shared.text)).toBe('A shared subscription is $share/{group}/{filter}: the group name and the filter are missing.');
    expect(shared.ok || zh.msg(shared.text)).toBe('共享订阅的格式是 $share/{group}/{filter}：缺少组名和主题过滤器。');
  });

  it('words a field problem of the MQTT 5 properties in Chinese', () => {
    const read = readPublishOptions({ ...EMPTY_PUBLISH_OPTIONS, aliasMode: 'manual', alias: '11' }, 10);
    expect(read.ok).toBe(false);
    if (read.ok || !read.errors.alias) return;
    expect(zh.msg(read.errors.alias)).toBe('主题别名 11 超过了 Broker 的 Topic Alias Maximum 10（来自其 CONNACK）。');
  });

  it('keeps packet and reason-code names from the spec in the Chinese result line', () => {
    const line = describeOutcome(zh, { kind: 'acked', ack: 'PUBACK', reasonCode: 0x10, topicAlias: { alias: 2, form: 'alias-only', bytesSaved: 9 } }, 2);
    expect(line).toBe('2 毫秒后收到确认 PUBACK 0x10 no matching subscribers。主题仅以别名 2 发送，节省 9 字节。');
    expect(describeOutcome(zh, { kind: 'sent' }, 1)).toBe('已以 QoS 0 发送，用时 1 毫秒（QoS 0 没有确认）。');
  });

  it('words matched subscriptions and request states', () => {
    expect(describeMatched(zh, [{ filter: 'a/#', identifier: 7 }, { filter: 'b' }])).toBe('a/#（标识符 7），b');
    const request = { state: 'late', roundTripMs: 1500, timeoutMs: 1000 } as unknown as RequestExchange;
    expect(requestStatusText(en, request)).toBe('late: answered after 1.5 s, past the 1 s timeout');
    expect(requestStatusText(zh, request)).toBe('迟到：1.5 秒后才响应，超过了 1 秒的超时时间');
    const failed = { state: 'failed', failure: 'not sent: x', failureText: { key: 'exchange.core.notSent', params: { reason: 'x' } } } as unknown as RequestExchange;
    expect(requestStatusText(zh, failed)).toBe('失败：未发送：x');
  });
});
