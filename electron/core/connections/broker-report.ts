import type { IConnackPacket, IDisconnectPacket } from 'mqtt';
import type { BrokerReport, ConnectPhase, ServerProperties } from '../../../shared/domain/connection';
import type { ProtocolVersion } from '../../../shared/domain/profile';
import { connackAdvice, describeConnack, describeReasonCode, disconnectAdvice } from '../../../shared/mqtt/reason-codes';
import type { DescribedError } from './socket-errors';
import { englishNested, nested } from '../../../shared/i18n/nested';

/** Why the connection is down; `stayDown` when an automatic reconnect would only make it happen again. */
export interface ConnectionProblem extends DescribedError {
  stayDown?: boolean;
}

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
export function reportFromConnack(packet: IConnackPacket, protocolVersion: ProtocolVersion, receivedAt: number, phases?: ConnectPhase[]): BrokerReport {
  const code = (protocolVersion === 5 ? packet.reasonCode : packet.returnCode) ?? 0;
  const properties: ServerProperties = {};
  const sent = (packet.properties ?? {}) as Record<string, unknown>;
  for (const name of reportedProperties) {
    if (sent[name] !== undefined) Object.assign(properties, { [name]: sent[name] });
  }
  const report: BrokerReport = {
    protocolVersion,
    sessionPresent: packet.sessionPresent,
    code,
    codeText: code === 0 ? 'accepted' : describeConnack(protocolVersion, code),
    properties,
    receivedAt,
  };
  if (phases) report.phases = phases;
  return report;
}

export function disconnectFromServer(packet: IDisconnectPacket, receivedAt: number): NonNullable<BrokerReport['disconnect']> {
  const code = packet.reasonCode ?? 0;
  const reasonString = packet.properties?.reasonString;
  const result: NonNullable<BrokerReport['disconnect']> = { code, codeText: describeReasonCode(code, 'DISCONNECT'), receivedAt };
  if (reasonString) result.reasonString = reasonString;
  return result;
}

/** A CONNACK refusal in plain words, with what to do about it. */
export function connackRefusal(report: BrokerReport): DescribedError {
  const { protocolVersion, code, properties } = report;
  const reasonString = properties.reasonString ? ` "${properties.reasonString}"` : '';
  const moved = properties.serverReference ? ` (${properties.serverReference})` : '';
  // The refusal and advice come from the MQTT tables (shared/mqtt) and the reason string from the broker: passed in as they are.
  const text = nested('connections.error.connackRefused', { refusal: describeConnack(protocolVersion, code), said: reasonString, advice: connackAdvice(protocolVersion, code), moved });
  return { reason: englishNested(text), text, detail: `CONNACK code ${code}` };
}

/** What a DISCONNECT from the server means for the connection. */
export function disconnectProblem(packet: IDisconnectPacket, said: NonNullable<BrokerReport['disconnect']>): ConnectionProblem {
  const why = said.reasonString ? `${said.codeText}: "${said.reasonString}"` : said.codeText;
  const detail = `DISCONNECT reason code ${said.code}`;
  const advice = disconnectAdvice(said.code);
  if (!advice) {
    const text = nested('connections.error.brokerDisconnected', { why });
    return { reason: englishNested(text), text, detail };
  }
  const moved = packet.properties?.serverReference ? ` (${packet.properties.serverReference})` : '';
  const text = nested('connections.error.brokerDisconnectedAdvice', { why, advice, moved });
  return { reason: englishNested(text), text, detail, stayDown: true };
}
