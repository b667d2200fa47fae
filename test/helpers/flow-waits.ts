import type { AppCore } from '../../electron/core/app-core';
import type { FlowFilter, FlowView } from '../../shared/domain/flow';
import { waitFor } from './broker-faults-harness';

export async function listFlows(core: AppCore, connectionId: string, filter: FlowFilter = {}, warnAfterMs = 5000): Promise<FlowView[]> {
  const result = await core.router.dispatch('flows.list', { connectionId, filter, limit: 2000, warnAfterMs });
  if (!result.ok) throw new Error(`flows.list: ${result.error.message}`);
  return (result.value as { flows: FlowView[] }).flows;
}

/** The first flow (newest first) that passes `test`, waited for. */
export function waitForFlow(core: AppCore, connectionId: string, what: string, test: (flow: FlowView) => boolean, filter: FlowFilter = {}, timeoutMs = 10_000): Promise<FlowView> {
  return waitFor(what, async () => (await listFlows(core, connectionId, filter)).find(test), timeoutMs);
}

/** A flow's arrows as "→PUBLISH" (sent) and "←PUBACK" (received), to compare whole sequences. */
export function arrows(flow: FlowView): string[] {
  return flow.steps.map((step) => `${step.direction === 'sent' ? '→' : '←'}${step.type}${step.dup ? ' dup' : ''}`);
}
