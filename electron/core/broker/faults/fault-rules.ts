/**
 * Which packets a fault applies to. Pure functions, so the rules read in one place and the engine
 * only keeps state (hits, countdowns).
 */
import type { AckKind, FaultInput } from '../../../../shared/domain/broker';
import { englishText, text, type BrokerText } from '../../../../shared/broker/broker-text';
import type { FaultDirection } from './fault-decision';

const ackKinds: readonly string[] = ['puback', 'pubrec', 'pubrel', 'pubcomp'] satisfies readonly AckKind[];

/** The acknowledgement kind of an mqtt-packet `cmd`, or undefined for every other packet. */
export function ackKindOf(cmd: string): AckKind | undefined {
  return ackKinds.includes(cmd) ? (cmd as AckKind) : undefined;
}

/**
 * The client a fault is aimed at. refuse-connections and pause-delivery carry no target in the
 * contract (they act on the whole broker), so they read as '*'; should a target be added to them
 * later, it is honoured without touching the engine.
 */
export function targetOf(fault: FaultInput): string {
  return 'target' in fault && typeof fault.target === 'string' ? fault.target : '*';
}

/** '*' is every client, present and future; any other target is one exact client id. */
export function appliesTo(fault: FaultInput, clientId: string): boolean {
  const target = targetOf(fault);
  return target === '*' || target === clientId;
}

/** to-client acks are the broker's (out); from-client acks are the client's (in). */
export function wireDirectionOf(direction: 'to-client' | 'from-client'): FaultDirection {
  return direction === 'to-client' ? 'out' : 'in';
}

/**
 * Short text for the tap's `fault` column and the log, naming the fault by its id: the English
 * `reason` tests and the lesson traces read, and the sentence the Packets table words.
 */
export function faultLabel(faultId: number, what: BrokerText): { reason: string; text: BrokerText } {
  const label = text('broker.faultLabel.label', { id: String(faultId) }, { what });
  return { reason: englishText(label), text: label };
}
