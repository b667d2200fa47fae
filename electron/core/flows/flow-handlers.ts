import type { BrokerPacketRow } from '../../../shared/domain/broker';
import type { FlowFilter } from '../../../shared/domain/flow';
import type { Router } from '../../ipc/router';
import { msg } from '../../../shared/i18n';
import { AppError } from '../app-error';
import type { BrokerService } from '../broker/broker-service';
import type { SessionDirectory } from '../sessions/session';
import { flowPath } from './flow-path';

const PAGE = 5000;

/** The QoS flow requests: listing flows, linking them to messages, and following one through the broker. */
export function registerFlowHandlers(router: Router, sessions: SessionDirectory, broker: BrokerService): void {
  router.handle('flows.list', ({ connectionId, filter, limit, beforeFlowId, warnAfterMs }) => {
    const { tracker } = sessions.get(connectionId).flows;
    const criteria: FlowFilter = {};
    if (filter.qos) criteria.qos = filter.qos;
    if (filter.states) criteria.states = filter.states;
    if (filter.topic !== undefined && filter.topic !== '') criteria.topic = filter.topic;
    const { flows, more } = tracker.list(criteria, limit, beforeFlowId ?? Infinity, warnAfterMs);
    return { flows, more, counts: tracker.counts };
  });
  router.handle('flows.get', ({ connectionId, flowIds, warnAfterMs }) => {
    const { tracker } = sessions.get(connectionId).flows;
    const flows = flowIds.flatMap((flowId) => tracker.view(flowId, warnAfterMs) ?? []);
    return { flows };
  });
  router.handle('flows.ofMessage', ({ connectionId, messageId }) => ({ flowId: sessions.get(connectionId).flows.tracker.flowOfMessage(messageId) ?? null }));
  router.handle('flows.path', ({ connectionId, flowId }) => {
    const connection = sessions.get(connectionId);
    const flow = connection.flows.tracker.view(flowId);
    if (!flow) throw new AppError('not_found', msg('timeline.flow.notHeld', { id: flowId }));
    const snapshot = connection.snapshot();
    const clientId = snapshot.broker?.properties?.assignedClientIdentifier ?? snapshot.profile.clientId;
    return flowPath(flow, brokerRows(broker), clientId);
  });
  router.handle('flows.clear', ({ connectionId }) => {
    sessions.live(connectionId).flows.tracker.clear();
    return {};
  });
}

function brokerRows(broker: BrokerService): BrokerPacketRow[] {
  const rows: BrokerPacketRow[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = broker.packetsAfter(afterSeq, PAGE);
    rows.push(...page.packets);
    if (page.packets.length < PAGE) return rows;
    afterSeq = page.lastSeq;
  }
}
