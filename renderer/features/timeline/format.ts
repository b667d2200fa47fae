import type { FlowStep, FlowView } from '../../../shared/domain/flow';
import type { Translator } from '../../../shared/i18n';
import { visibleName } from '../../../shared/text/invisible-characters';

/** Durations as people read them: "0.42 ms", "1.2 ms", "4.2 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The words on an arrow: type, packet id, QoS, DUP. */
export function stepLabel(step: Pick<FlowStep, 'type' | 'packetId' | 'qos' | 'dup'>): string {
  let label = step.type;
  if (step.packetId !== undefined && step.packetId > 0) label += ` id ${step.packetId}`;
  if (step.type === 'PUBLISH' && step.qos !== undefined) label += ` QoS ${step.qos}`;
  if (step.dup) label += ' DUP';
  return label;
}

const kindNames: Record<FlowView['kind'], string> = {
  connect: 'CONNECT',
  publish: 'PUBLISH',
  subscribe: 'SUBSCRIBE',
  unsubscribe: 'UNSUBSCRIBE',
  ping: 'PING',
  disconnect: 'DISCONNECT',
  auth: 'AUTH',
};

/**
 * What a flow is, in one line, most telling first so a cut name still says it: who started it
 * (→ this client, ← the broker), packet id and topic, then the QoS: "→ PUBLISH #12 sensors/a · QoS 2".
 */
export function flowTitle(flow: FlowView): string {
  const direction = flow.origin === 'client' ? '→' : '←';
  const id = flow.packetId ? ` #${flow.packetId}` : '';
  const topic = flow.topic ? ` ${visibleName(flow.topic)}` : '';
  const qos = flow.kind === 'publish' && flow.qos !== undefined ? ` · QoS ${flow.qos}` : '';
  return `${direction} ${kindNames[flow.kind]}${id}${topic}${qos}`;
}

/** The arrow of a flow's name in words, for a tooltip. */
export function flowOriginText(flow: FlowView, t: Translator): string {
  return t(flow.origin === 'client' ? 'timeline.origin.client' : 'timeline.origin.broker');
}

/** The flow's outcome in the language on screen; a reason code's description or a peer's reason shows as it came. */
export function flowOutcome(flow: FlowView, t: Translator): string | undefined {
  return flow.outcomeMessage ? t.msg(flow.outcomeMessage, flow.outcome) : flow.outcome;
}

/** Where it stands, aged by the time since it was fetched. */
export function flowStatus(flow: FlowView, sinceFetchMs: number, warnAfterMs: number, t: Translator): { text: string; tone: 'ok' | 'waiting' | 'warning' | 'failed' } {
  const outcome = flowOutcome(flow, t);
  if (flow.state === 'failed') return { text: outcome ? t('timeline.status.failedWith', { outcome }) : t('timeline.status.failed'), tone: 'failed' };
  if (flow.state === 'waiting') {
    const waited = (flow.waitingMs ?? 0) + sinceFetchMs;
    // A flow from a recording made before the Message was kept has only the English text.
    const what = flow.waitingForMessage ? t.msg(flow.waitingForMessage, flow.waitingFor) : (flow.waitingFor ?? t('timeline.status.nextPacket'));
    const text = t('timeline.status.waiting', { what, duration: formatDuration(waited) });
    return waited >= warnAfterMs ? { text: t('timeline.status.warning', { text }), tone: 'warning' } : { text, tone: 'waiting' };
  }
  const duration = formatDuration(flow.durationMs);
  return { text: outcome ? t('timeline.status.completeWith', { duration, outcome }) : t('timeline.status.complete', { duration }), tone: 'ok' };
}
