import { describe, expect, it } from 'vitest';
import { englishText, text, wordText } from '../../shared/broker/broker-text';
import { describeFault } from '../../shared/broker/fault-text';
import { translator } from '../../shared/i18n';
import { configFromDraft, defaultDraft, DraftError } from '../../renderer/features/simulator/simulator-form';

const en = translator('en');
const zh = translator('zh-CN');

describe('broker sentences with sentences inside', () => {
  it('word a fault the same in English as before, and in Chinese', () => {
    const drop = describeFault({ kind: 'drop-acks', target: 'dev-1', ack: 'puback', direction: 'to-client', count: 2 });
    expect(wordText(en, drop)).toBe('Drop the next 2 PUBACK to client dev-1');
    expect(wordText(zh, drop)).toBe('丢弃发往客户端 dev-1 的接下来 2 个 PUBACK');
    const refuse = describeFault({ kind: 'refuse-connections', target: '*', code: 5 });
    expect(wordText(en, refuse)).toBe('Refuse new connections with CONNACK 5 (not authorized)');
    // The CONNACK name is the spec's, kept in every language.
    expect(wordText(zh, refuse)).toBe('以 CONNACK 5（not authorized）拒绝新连接');
    expect(wordText(en, describeFault({ kind: 'delay', target: '*', what: 'deliveries', ms: 600000 }))).toBe('Delay deliveries to all clients by 600000 ms');
    expect(wordText(en, describeFault({ kind: 'pause-delivery', target: '*' }))).toBe('Pause all delivery');
  });

  it('word a log line with its inner parts, in English for the CLI and in Chinese for the page', () => {
    const line = text('broker.log.faultAdded', { id: '3' }, { fault: describeFault({ kind: 'drop-qos0', target: '*', percent: 50 }) });
    expect(englishText(line)).toBe('Fault 3 added: Drop 50% of QoS 0 deliveries to all clients.');
    expect(wordText(zh, line)).toBe('已添加故障 3：丢弃发往所有客户端的 50% QoS 0 投递。');
    const session = text('broker.session.v5', { version: '5.0', keepalive: '60', clean: 1, expiry: '0', hasUser: 'yes', username: 'alice' });
    expect(englishText(session)).toBe('MQTT 5.0, keepalive 60 s, clean start 1, session expiry 0 s, user alice');
    const v3 = text('broker.session.v3', { version: '3.1.1', keepalive: '30', clean: 'no', hasUser: 'no', username: '' });
    expect(englishText(v3)).toBe('MQTT 3.1.1, keepalive 30 s, persistent session');
    expect(wordText(zh, v3)).toBe('MQTT 3.1.1，保活 30 秒，持久会话');
  });

  it('keep a port number as typed, without grouping', () => {
    expect(englishText(text('broker.error.listenFailed', { label: 'MQTT', address: '127.0.0.1', port: '18830', code: 'EINVAL' }))).toBe('The MQTT listener could not start on 127.0.0.1:18830 (EINVAL).');
  });
});

describe('the simulator form', () => {
  it('names the field that is not a whole number, in either language', () => {
    let failure: unknown;
    try {
      configFromDraft({ ...defaultDraft, devices: 'ten' }, undefined);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(DraftError);
    const text = (failure as DraftError).text;
    expect(en.msg(text)).toBe('Devices must be a whole number, not "ten".');
    expect(zh.msg(text)).toBe('设备数必须是整数，而不是“ten”。');
  });
});

describe('the simulator core', () => {
  it('words a Sparkplug payload that is not metrics the same in English as before, and in Chinese', async () => {
    const { MetricsError, readMetricValues } = await import('../../electron/core/simulator/sparkplug-edge');
    let failure: unknown;
    try {
      readMetricValues('[1]');
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(MetricsError);
    expect((failure as Error).message).toBe('Sparkplug mode needs a JSON object payload: each field is a metric.');
    expect(zh.msg((failure as InstanceType<typeof MetricsError>).text)).toBe('Sparkplug 模式需要 JSON 对象载荷：每个字段是一个指标。');
    try {
      readMetricValues('{');
    } catch (error) {
      expect((error as Error).message).toMatch(/^Sparkplug mode needs a JSON object payload of metric values, such as \{"temperature": \{\{walk 21 0\.2\}\}\}: /);
    }
  });
});

describe('why the wire closed a client', () => {
  it('keeps the English reasons the broker log always had, and words them in Chinese inside a log line', async () => {
    const { packetOutOfTurn, propertiesProblem, topicViolation } = await import('../../electron/core/broker/wire/client-packet-problems');
    const { SharedSubscribeSplit } = await import('../../electron/core/broker/wire/shared-subscribe-split');
    const suback = packetOutOfTurn({ cmd: 'suback', messageId: 1, granted: [0] }, true);
    expect(suback && englishText(suback)).toBe('it sent SUBACK, which only a server sends');
    expect(suback && wordText(zh, suback)).toBe('它发送了 SUBACK，而该报文只能由服务端发送');
    const twice = propertiesProblem({ cmd: 'publish', topic: 'a', payload: '', qos: 0, dup: false, retain: false, properties: { contentType: ['a', 'b'] } } as never);
    expect(twice && englishText(twice)).toBe('its PUBLISH has the property contentType more than once (a protocol error)');
    const wildcard = topicViolation({ cmd: 'publish', topic: 'a/#', payload: '', qos: 0, dup: false, retain: false });
    expect(wildcard && englishText(wildcard.reason)).toBe('it published on a/#, a topic name with a wildcard (MQTT-3.3.2-2)');
    const split = new SharedSubscribeSplit({ subscribe: () => 0, unsubscribe: () => 0, acknowledged: () => undefined }, 5);
    const verdict = split.subscribe('c1', { cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: '$share/g+/a', qos: 0 }] });
    expect(verdict.action).toBe('close');
    if (verdict.action !== 'close') return;
    const line = text('broker.log.disconnected', { clientId: 'c1' }, { reason: verdict.reason });
    expect(englishText(line)).toBe('c1 disconnected: its SUBSCRIBE is malformed: the share name of $share/g+/a holds a wildcard.');
    expect(wordText(zh, line)).toBe('c1 已断开连接：它的 SUBSCRIBE 格式错误：$share/g+/a 的共享名含有通配符。');
  });

  it('names a malformed packet by its type, or by its number when it has no name', () => {
    const reserved = text('broker.wire.malformed', { kind: 'reserved', type: '0', name: '' }, { problem: text('broker.wire.unparsed') });
    expect(englishText(reserved)).toBe('it sent a malformed packet of type 0 (reserved) (it could not be parsed)');
    expect(wordText(zh, reserved)).toBe('它发送了格式错误的类型 0（保留）报文（无法解析）');
    const named = text('broker.wire.malformed', { kind: 'name', type: '3', name: 'PUBLISH', problem: 'Invalid header flag bits' });
    expect(englishText(named)).toBe('it sent a malformed PUBLISH (Invalid header flag bits)');
    expect(wordText(zh, named)).toBe('它发送了格式错误的 PUBLISH 报文（Invalid header flag bits）');
    const guarded = text('broker.wire.guarded', { code: 'EPIPE' }, { what: text('broker.wire.clientPacketFailed') });
    expect(englishText(guarded)).toBe('a packet from the client could not be handled (EPIPE)');
    expect(wordText(zh, guarded)).toBe('无法处理来自客户端的报文（EPIPE）');
  });
});

describe('the console lines about the broker', () => {
  it('say where it listens in the console’s language, English as before', async () => {
    const { listeningLines, brokerStartupReport } = await import('../../electron/core/broker/startup-report');
    const listeners = [{ kind: 'mqtt', urls: ['mqtt://127.0.0.1:1883'] }];
    const snapshot = { state: 'running', listeners, settings: { autoStart: true } } as never;
    expect(listeningLines(snapshot, en)).toEqual(['Listening (MQTT): mqtt://127.0.0.1:1883']);
    expect(listeningLines(snapshot, zh)).toEqual(['正在监听（MQTT）：mqtt://127.0.0.1:1883']);
    const notice = text('broker.file.empty', { path: '/data/broker.json' });
    const service = { startedWithApp: async () => undefined, snapshot: () => snapshot, noticeTexts: [notice] } as never;
    expect(await brokerStartupReport(service, en)).toEqual([
      'Built-in broker: /data/broker.json is damaged (it is empty)',
      'The built-in broker started with the app and listens on mqtt://127.0.0.1:1883',
    ]);
    const failed = { ...(snapshot as object), state: 'failed', reason: 'boom' };
    const failing = { startedWithApp: async () => undefined, snapshot: () => failed, noticeTexts: [] } as never;
    expect(await brokerStartupReport(failing, zh)).toEqual(['内置 Broker 设置为随应用启动，但未能启动：boom']);
    expect(await brokerStartupReport(failing, en)).toEqual(['The built-in broker is set to start with the app but did not start: boom']);
  });
});

describe('the broker settings checks with parameters', () => {
  it('name the port and the user in either language, English as before', async () => {
    const { BrokerSettingsInput, defaultBrokerSettings } = await import('../../shared/domain/broker');
    const { issueText } = await import('../../shared/i18n/issue-text');
    const { english } = await import('../../shared/i18n');
    const base = { ...defaultBrokerSettings(), users: [] };
    const clash = BrokerSettingsInput.safeParse({ ...base, websocket: { enabled: true, port: base.tcpPort } });
    const port = clash.success ? undefined : issueText(clash.error.issues[0]!);
    expect(port && english(port.key, port.params)).toBe(`Port ${base.tcpPort} is used by another listener of this broker.`);
    expect(port && zh.msg(port)).toBe(`端口 ${base.tcpPort} 已被此 Broker 的另一个监听器使用。`);
    const twice = BrokerSettingsInput.safeParse({ ...base, auth: 'users', users: [{ username: 'bob', password: '1' }, { username: 'bob', password: '2' }] });
    const user = twice.success ? undefined : issueText(twice.error.issues[0]!);
    expect(user && en.msg(user)).toBe('bob is listed twice.');
    expect(user && zh.msg(user)).toBe('bob 被列出了两次。');
    expect(issueText({ message: 'not a key' })).toBeUndefined();
  });
});
