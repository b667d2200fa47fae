import type { FaultInput, FaultView } from '../domain/broker';
import { text, type BrokerText } from './broker-text';

/** CONNACK return codes by their names in the MQTT 3.1.1 spec: protocol words, shown as they are. */
export const connackCodes: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};

function who(target: string): BrokerText {
  return target === '*' ? text('broker.fault.who.all') : text('broker.fault.who.client', { clientId: target });
}

/** A fault in plain words, for the list of active faults and the log; worded with wordText. */
export function describeFault(fault: FaultInput | FaultView): BrokerText {
  const parts = { who: who(fault.target) };
  switch (fault.kind) {
    case 'drop-acks':
      return text(fault.direction === 'to-client' ? 'broker.fault.dropAcks.toClient' : 'broker.fault.dropAcks.fromClient', { count: String(fault.count), ack: fault.ack.toUpperCase() }, parts);
    case 'delay':
      return text(fault.what === 'acks' ? 'broker.fault.delay.acks' : 'broker.fault.delay.deliveries', { ms: String(fault.ms) }, parts);
    case 'drop-qos0':
      return text('broker.fault.dropQos0', { percent: String(fault.percent) }, parts);
    case 'refuse-connections': {
      const params = { code: String(fault.code), name: connackCodes[fault.code] ?? 'unknown' };
      return fault.target === '*' ? text('broker.fault.refuse.all', params) : text('broker.fault.refuse.client', params, parts);
    }
    case 'pause-delivery':
      return fault.target === '*' ? text('broker.fault.pause.all') : text('broker.fault.pause.client', {}, parts);
  }
}
