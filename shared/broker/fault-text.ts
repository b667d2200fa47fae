import type { FaultInput, FaultView } from '../domain/broker';

export const connackCodes: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};

function who(target: string): string {
  return target === '*' ? 'all clients' : `client ${target}`;
}

/** A fault in plain words, for the list of active faults and the log. */
export function describeFault(fault: FaultInput | FaultView): string {
  switch (fault.kind) {
    case 'drop-acks':
      return `Drop the next ${fault.count} ${fault.ack.toUpperCase()} ${fault.direction === 'to-client' ? 'to' : 'from'} ${who(fault.target)}`;
    case 'delay':
      return `Delay ${fault.what === 'acks' ? 'acknowledgements' : 'deliveries'} to ${who(fault.target)} by ${fault.ms} ms`;
    case 'drop-qos0':
      return `Drop ${fault.percent}% of QoS 0 deliveries to ${who(fault.target)}`;
    case 'refuse-connections':
      return `Refuse new connections${fault.target === '*' ? '' : ` of ${who(fault.target)}`} with CONNACK ${fault.code} (${connackCodes[fault.code] ?? 'unknown'})`;
    case 'pause-delivery':
      return fault.target === '*' ? 'Pause all delivery' : `Pause delivery to ${who(fault.target)}`;
  }
}
