import { generate } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { describeOwnDisconnect, goodbyePacket } from '../../electron/core/connections/client-ending';
import { DisconnectOptions, clientDisconnectCodes, disconnectOptionsProblem as problemOf } from '../../shared/mqtt/disconnect-options';
import { english, isMessageKey, translator } from '../../shared/i18n';

const disconnectOptionsProblem = (...args: Parameters<typeof problemOf>) => {
  const problem = problemOf(...args);
  return problem && english(problem.key, problem.params);
};

describe('disconnect options', () => {
  it('offers exactly the reason codes §3.14.2.1 lets a client send', () => {
    expect(clientDisconnectCodes).toEqual([0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99]);
  });

  it.each([0x8e, 0x8b, 0x87, 0x01, 0x9c, 256])('refuses reason code %i, which only a server sends or none at all', (reasonCode) => {
    const result = DisconnectOptions.safeParse({ reasonCode });
    expect(result.success).toBe(false);
  });

  it('names the code it refuses', () => {
    const issue = DisconnectOptions.safeParse({ reasonCode: 0x8e }).error?.issues[0];
    // The issue is a catalogue key with the code as its params, worded where it is shown.
    expect(issue?.code === 'custom' && isMessageKey(issue.message) && english(issue.message, issue.params)).toBe('0x8E is not a reason code a client may send in DISCONNECT (MQTT 5 §3.14.2.1).');
    expect(issue?.code === 'custom' && isMessageKey(issue.message) && translator('zh-CN')(issue.message, issue.params)).toBe('0x8E 不是客户端可以在 DISCONNECT 中发送的原因码（MQTT 5 §3.14.2.1）。');
  });

  it('refuses a non-zero session expiry when the CONNECT had 0 or none (MQTT-3.14.2-2), and allows it otherwise', () => {
    expect(disconnectOptionsProblem({ sessionExpiryInterval: 60 }, 5, null)).toMatch(/MQTT-3.14.2-2/);
    expect(disconnectOptionsProblem({ sessionExpiryInterval: 60 }, 5, 0)).toMatch(/MQTT-3.14.2-2/);
    expect(disconnectOptionsProblem({ sessionExpiryInterval: 0 }, 5, null)).toBeUndefined();
    expect(disconnectOptionsProblem({ sessionExpiryInterval: 60 }, 5, 300)).toBeUndefined();
    expect(disconnectOptionsProblem({ sessionExpiryInterval: 0 }, 5, 300)).toBeUndefined();
  });

  it('refuses any reason on MQTT 3.1.1, and takes a plain disconnect everywhere', () => {
    expect(disconnectOptionsProblem({ reasonCode: 0x04 }, 4, null)).toMatch(/only in MQTT 5/);
    expect(disconnectOptionsProblem({}, 4, null)).toBeUndefined();
  });

  it('writes the same DISCONNECT as before for a normal disconnection, and the reason and property when chosen', () => {
    // mqtt-packet always writes the reason code and an empty property length in an MQTT 5 DISCONNECT.
    expect([...generate(goodbyePacket(5, {}), { protocolVersion: 5 })]).toEqual([0xe0, 2, 0, 0]);
    expect([...generate(goodbyePacket(5, { reasonCode: 0 }), { protocolVersion: 5 })]).toEqual([0xe0, 2, 0, 0]);
    expect([...generate(goodbyePacket(5, { reasonCode: 0x04 }), { protocolVersion: 5 })]).toEqual([0xe0, 2, 0x04, 0]);
    expect([...generate(goodbyePacket(5, { reasonCode: 0x04, sessionExpiryInterval: 300 }), { protocolVersion: 5 })]).toEqual([0xe0, 7, 0x04, 5, 0x11, 0, 0, 1, 0x2c]);
    expect([...generate(goodbyePacket(4, { reasonCode: 0x04 }), { protocolVersion: 4 })]).toEqual([0xe0, 0]);
  });

  it('says in the status which reason was sent', () => {
    expect(describeOwnDisconnect({})).toBe('disconnected by you');
    expect(describeOwnDisconnect({ reasonCode: 0x04 })).toBe('disconnected by you with 0x04 disconnect with will message');
    expect(describeOwnDisconnect({ reasonCode: 0x80, sessionExpiryInterval: 0 })).toBe('disconnected by you with 0x80 unspecified error, session expiry set to 0 s');
    expect(describeOwnDisconnect({ sessionExpiryInterval: 60 })).toBe('disconnected by you with session expiry set to 60 s');
  });
});
