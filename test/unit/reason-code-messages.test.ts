import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import {
  ackReasonMessage,
  ackReasonText,
  connackCodeMessage,
  describeConnack,
  describeConnackMessage,
  describeReasonCode,
  describeReasonCodeMessage,
  describeSubackFailure,
  describeSubackFailureMessage,
  reasonCodeName,
  reasonCodeNameMessage,
} from '../../shared/mqtt/reason-codes';
import { clientDisconnectReason, clientDisconnectReasonMessage, describeClientDisconnect, describeClientDisconnectMessage } from '../../shared/mqtt/disconnect-options';

const en = translator('en');
const zh = translator('zh-CN');

describe('reason codes as Messages', () => {
  it('keep the English strings byte-identical to the Message worded in English', () => {
    expect(describeConnack(4, 5)).toBe('not authorized (CONNACK 5)');
    expect(describeConnack(5, 0x87)).toBe('not authorized (CONNACK 135)');
    expect(describeConnack(5, 2)).toBe('client identifier rejected (CONNACK 2)');
    expect(describeConnack(4, 9)).toBe('unknown refusal (CONNACK 9)');
    expect(describeReasonCode(0x10, 'PUBACK')).toBe('no matching subscribers (PUBACK 0x10)');
    expect(describeReasonCode(0x07, 'PUBACK')).toBe('unknown reason (PUBACK 0x07)');
    expect(describeSubackFailure(4, 0x80)).toBe('the broker refused the subscription (SUBACK 0x80)');
    expect(describeSubackFailure(5, 0x8f)).toBe('topic filter invalid (SUBACK 0x8f)');
    expect(ackReasonText('PUBREC', 0x10)).toBe('PUBREC 0x10 no matching subscribers');
    expect(reasonCodeName(0x8e)).toBe('session taken over');
    expect(clientDisconnectReason(0x00)).toBe('normal disconnection: the will is not sent');
    expect(describeClientDisconnect(0x04)).toBe('0x04 disconnect with will message');
    expect(describeClientDisconnect(0x00)).toBe('0x00 normal disconnection');
    expect(en.msg(describeConnackMessage(5, 0x86))).toBe(describeConnack(5, 0x86));
    expect(en.msg(connackCodeMessage(5, 0))).toBe('accepted');
  });

  it('word in Chinese with the spec name kept and a Chinese explanation beside it, packet and number first', () => {
    expect(zh.msg(describeConnackMessage(4, 5))).toBe('CONNACK 5 not authorized（未授权）');
    expect(zh.msg(describeConnackMessage(5, 0x86))).toBe('CONNACK 134 bad user name or password（用户名或密码错误）');
    expect(zh.msg(describeReasonCodeMessage(0x10, 'PUBACK'))).toBe('PUBACK 0x10 no matching subscribers（没有匹配的订阅者）');
    expect(zh.msg(describeReasonCodeMessage(0x07, 'PUBACK'))).toBe('PUBACK 0x07 未知原因');
    expect(zh.msg(describeSubackFailureMessage(4, 0x80))).toBe('Broker 拒绝了此订阅（SUBACK 0x80）');
    expect(zh.msg(describeSubackFailureMessage(5, 0xa2))).toBe('SUBACK 0xa2 wildcard subscriptions not supported（不支持通配符订阅）');
    expect(zh.msg(ackReasonMessage('PUBACK', 0x97))).toBe('PUBACK 0x97 quota exceeded（超出配额）');
    expect(zh.msg(reasonCodeNameMessage(0x8e))).toBe('session taken over（会话被接管）');
    expect(zh.msg(connackCodeMessage(5, 0))).toBe('已接受');
    expect(zh.msg(clientDisconnectReasonMessage(0x04))).toBe('断开连接并发送遗嘱消息：Broker 会发布遗嘱消息');
    expect(zh.msg(describeClientDisconnectMessage(0x00))).toBe('0x00 正常断开连接');
    expect(zh.msg(describeClientDisconnectMessage(0x98))).toBe('0x98 administrative action（管理操作）');
  });

  it('nest inside a core sentence, worded whole in each language', () => {
    const refusal = { key: 'exchange.core.refused' as const, parts: { reason: describeReasonCodeMessage(0x87, 'PUBACK') } };
    expect(en.msg(refusal)).toContain('not authorized (PUBACK 0x87)');
    expect(zh.msg(refusal)).toContain('PUBACK 0x87 not authorized（未授权）');
  });
});
