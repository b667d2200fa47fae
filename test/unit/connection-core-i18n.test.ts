import type { Packet } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkReceivedPacket, describeViolation, parserViolation, type ViolationContext } from '../../electron/core/connections/broker-violations';
import { issueMessage, issueText, listOf } from '../../electron/core/profiles/profile-file';
import { fallbackLabel, givenLabel } from '../../electron/core/profiles/mqttx-import';
import { AppError } from '../../electron/core/app-error';
import { msg, nested, translator } from '../../shared/i18n';
import { KeyValue } from '../../shared/domain/profile';

const en = translator('en');
const zh = translator('zh-CN');

const context: ViolationContext = {
  protocolVersion: 5,
  connackReceived: true,
  topicAliasMaximum: 0,
  knowsTopicAlias: () => false,
  subscribeFilterCount: () => undefined,
  topicBytes: () => undefined,
};

describe('the connection core words its sentences in both languages', () => {
  it('words a protocol violation, keeping the packet name, the rule and the English text as before', () => {
    const packet = { cmd: 'publish', topic: 'a/#', qos: 0, dup: false, retain: false, payload: Buffer.alloc(0), length: 5 } as unknown as Packet;
    const violation = checkReceivedPacket(packet, context);
    expect(violation?.what).toBe('has the wildcard \'#\' in its topic "a/#"; a Topic Name must not contain wildcards');
    if (!violation) return;
    const described = describeViolation(violation, undefined, 5);
    expect(described.mark.text).toBe('PUBLISH has the wildcard \'#\' in its topic "a/#"; a Topic Name must not contain wildcards (MQTT-3.3.2-2)');
    expect(en.msg(described.mark.textMessage ?? msg('connections.error.unknown'))).toBe(described.mark.text);
    expect(zh.msg(described.mark.textMessage ?? msg('connections.error.unknown'))).toBe('PUBLISH 的主题“a/#”中含有通配符“#”；主题名不得包含通配符（MQTT-3.3.2-2）');
    expect(en.msg(described.text)).toBe(described.reason);
    expect(zh.msg(described.text)).toContain('的主题“a/#”中含有通配符“#”');
  });

  it('words the fixed-header flag sentence with and without the flags found', () => {
    const found = parserViolation(new Error('Invalid header flag bits, must be 0x0 for pingreq packet'), 4, 0xc1);
    expect(found.what).toBe('has reserved flag bits set in its fixed header (0x1, must be 0x0)');
    expect(zh.msg(found.whatText)).toBe('的固定报头中设置了保留标志位（实际为 0x1，必须为 0x0）');
    const unknown = parserViolation(new Error('Invalid header flag bits, must be 0x0 for pingreq packet'), 4, undefined);
    expect(unknown.what).toBe('has reserved flag bits set in its fixed header (must be 0x0)');
  });

  it('words our own packet names, keeping the English one in the text', () => {
    const violation = parserViolation(new Error('Not supported'), 4, 0xf0);
    expect(violation.packetName).toBe('AUTH (or reserved type 15 before MQTT 5)');
    const { mark } = describeViolation(violation, undefined, 4);
    expect(mark.text.startsWith('AUTH (or reserved type 15 before MQTT 5) has a packet type')).toBe(true);
    expect(zh.msg(mark.textMessage ?? msg('connections.error.unknown'))).toBe('AUTH（MQTT 5 之前为保留类型 15） 的报文类型在此协议版本中不存在（MQTT 3.1.1 section 2.2.1）');
  });

  it('joins a list of skipped entries with each language’s separator', () => {
    const items = ['a', 'b', 'c'].map((text) => nested('connections.error.raw', { text }));
    expect(en.msg(listOf(items))).toBe('a; b; c');
    expect(zh.msg(listOf(items))).toBe('a；b；c');
  });

  it('words a schema problem and the labels of unnamed entries', () => {
    const parsed = z.object({ pairs: z.array(KeyValue) }).safeParse({ pairs: [{ key: '', value: 'x' }] });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(issueText(parsed.error)).toBe('pairs.0.key: A name is needed.');
    expect(zh.msg(issueMessage(parsed.error))).toBe(`pairs.0.key：${zh('mqtt.userProperty.nameNeeded')}`);
    expect(fallbackLabel('connections.import.connectionLabel', 2).label).toBe('connection 3');
    expect(zh.msg(fallbackLabel('connections.import.connectionLabel', 2).labelText)).toBe('第 3 个连接');
    expect(zh.msg(givenLabel('{odd} name').labelText)).toBe('{odd} name');
  });

  it('names the action in the "is not connected" sentence in both languages', () => {
    const error = new AppError('not_connected', msg('connections.error.notConnectedTo', { action: 'cutSocket', name: 'lab' }));
    expect(error.message).toBe('Cannot cut its socket: "lab" is not connected. Connect first.');
    expect(zh.msg(error.text ?? msg('connections.error.unknown'))).toBe('无法切断其套接字：“lab”未连接。请先连接。');
  });
});
