import { describe, expect, it } from 'vitest';
import type { BrokerReport } from '../../shared/domain/connection';
import { publishWarnings, subscribeWarnings } from '../../shared/mqtt/capabilities';
import { english } from '../../shared/i18n';

const report = (properties: BrokerReport['properties']): BrokerReport => ({ protocolVersion: 5, sessionPresent: false, code: 0, codeText: 'accepted', properties, receivedAt: 0 });

describe('warnings from the broker capabilities', () => {
  it('warns before a publish above the maximum QoS, a retained publish without retain support, and an oversized payload', () => {
    const broker = report({ maximumQoS: 1, retainAvailable: false, maximumPacketSize: 100 });
    expect(publishWarnings(broker, { qos: 1, retain: false, size: 10 })).toEqual([]);
    const warnings = publishWarnings(broker, { qos: 2, retain: true, size: 500 }).map(({ key, params }) => english(key, params));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/at most QoS 1.*0x9B/);
    expect(warnings[1]).toMatch(/retained/);
    expect(warnings[2]).toMatch(/500 bytes.*100 bytes/);
  });

  it('says nothing when the broker did not announce a limit', () => {
    expect(publishWarnings(undefined, { qos: 2, retain: true, size: 1e9 })).toEqual([]);
    expect(publishWarnings(report({}), { qos: 2, retain: true, size: 1e9 })).toEqual([]);
  });

  it('warns about wildcard and shared subscriptions the broker does not support', () => {
    const broker = report({ wildcardSubscriptionAvailable: false, sharedSubscriptionAvailable: false });
    expect(subscribeWarnings(broker, 'a/b')).toEqual([]);
    expect(subscribeWarnings(broker, 'a/#')).toHaveLength(1);
    expect(subscribeWarnings(broker, '$share/g/a/+')).toHaveLength(2);
  });
});
