import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../../renderer/features/publish/publish-result';
import { translator } from '../../shared/i18n';

const en = translator('en');

describe('the publish result line', () => {
  it('names the acknowledgement, its reason code in words and the broker reason string', () => {
    expect(describeOutcome(en, { kind: 'acked', ack: 'PUBACK', reasonCode: 0x10 }, 2.1)).toBe('Acknowledged with PUBACK 0x10 no matching subscribers after 2.1 ms.');
    expect(describeOutcome(en, { kind: 'acked', ack: 'PUBACK', reasonCode: 0x10, reasonString: 'nobody home' }, 3)).toBe('Acknowledged with PUBACK 0x10 no matching subscribers "nobody home" after 3 ms.');
    expect(describeOutcome(en, { kind: 'acked', ack: 'PUBCOMP', reasonCode: 0, pubrec: { reasonCode: 0x10, reasonString: 'none' } }, 4)).toBe(
      'Acknowledged with PUBCOMP 0x00 success after 4 ms (PUBREC 0x10 no matching subscribers "none").',
    );
    // MQTT 3.1.1 acknowledgements carry no reason code.
    expect(describeOutcome(en, { kind: 'acked', ack: 'PUBACK' }, 1)).toBe('Acknowledged with PUBACK after 1 ms.');
  });

  it('says how the topic travelled when an alias was used', () => {
    expect(describeOutcome(en, { kind: 'acked', ack: 'PUBACK', reasonCode: 0, topicAlias: { alias: 2, form: 'alias-only', bytesSaved: 9 } }, 1)).toBe(
      'Acknowledged with PUBACK 0x00 success after 1 ms. The topic went as alias 2 alone, 9 bytes saved.',
    );
    expect(describeOutcome(en, { kind: 'acked', ack: 'PUBACK', topicAlias: { alias: 2, form: 'topic-and-alias', bytesSaved: -3 } }, 1)).toContain('set up alias 2 (sent in full with it), 3 bytes more');
  });
});

describe('a PUBLISH with a topic alias in the packet list', () => {
  it('shows which form went on the wire, the topic it stands for, and the bytes saved', async () => {
    const { packetLabel } = await import('../../renderer/features/packets/packet-label');
    const { translator } = await import('../../shared/i18n');
    const en = translator('en');
    const base = { seq: 5, time: 0, monotonicMs: 0, direction: 'sent' as const, cmd: 'publish', qos: 1, packetId: 3, size: 20 };
    expect(packetLabel({ ...base, topic: '', topicAlias: { alias: 1, form: 'alias-only', bytesSaved: 7, topic: 'alias/auto' } }, en)).toBe('→ PUBLISH id 3 QoS 1 alias 1 only for alias/auto, 7 bytes saved');
    expect(packetLabel({ ...base, topic: 'alias/auto', topicAlias: { alias: 1, form: 'topic-and-alias', bytesSaved: -3, topic: 'alias/auto' } }, en)).toBe('→ PUBLISH id 3 QoS 1 alias/auto + alias 1, 3 bytes more');
    expect(packetLabel({ ...base, topic: '', topicAlias: { alias: 1, form: 'alias-only', bytesSaved: 7, topic: 'alias/auto' } }, translator('zh-CN'))).toBe('→ PUBLISH id 3 QoS 1 仅用别名 1 代表 alias/auto，节省 7 字节');
  });
});
