import type { IConnackPacket, IDisconnectPacket } from 'mqtt';
import type { BrokerReport, ServerProperties } from '../../../shared/domain/connection';
import type { ProtocolVersion } from '../../../shared/domain/profile';
import { describeConnack, describeReasonCode } from '../../../shared/mqtt/reason-codes';

const reportedProperties = [
  'assignedClientIdentifier',
  'serverKeepAlive',
  'receiveMaximum',
  'maximumQoS',
  'retainAvailable',
  'maximumPacketSize',
  'topicAliasMaximum',
  'wildcardSubscriptionAvailable',
  'sharedSubscriptionAvailable',
  'subscriptionIdentifiersAvailable',
  'sessionExpiryInterval',
  'responseInformation',
  'serverReference',
  'reasonString',
  'userProperties',
] as const satisfies readonly (keyof ServerProperties)[];

/** What a CONNACK says, read off the tapped packet so it is exactly what the broker sent. */
export function reportFromConnack(packet: IConnackPacket, protocolVersion: ProtocolVersion, receivedAt: number): BrokerReport {
  const code = (protocolVersion === 5 ? packet.reasonCode : packet.returnCode) ?? 0;
  const properties: ServerProperties = {};
  const sent = (packet.properties ?? {}) as Record<string, unknown>;
  for (const name of reportedProperties) {
    if (sent[name] !== undefined) Object.assign(properties, { [name]: sent[name] });
  }
  return {
    protocolVersion,
    sessionPresent: packet.sessionPresent,
    code,
    codeText: code === 0 ? 'accepted' : describeConnack(protocolVersion, code),
    properties,
    receivedAt,
  };
}

export function disconnectFromServer(packet: IDisconnectPacket, receivedAt: number): NonNullable<BrokerReport['disconnect']> {
  const code = packet.reasonCode ?? 0;
  const reasonString = packet.properties?.reasonString;
  const result: NonNullable<BrokerReport['disconnect']> = { code, codeText: describeReasonCode(code, 'DISCONNECT'), receivedAt };
  if (reasonString) result.reasonString = reasonString;
  return result;
}
