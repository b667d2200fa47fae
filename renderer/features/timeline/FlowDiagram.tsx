import type { RefObject } from 'react';
import type { FlowView } from '../../../shared/domain/flow';
import { flowStatus, stepLabel } from './format';
import { SequenceDiagram } from './SequenceDiagram';
import type { DiagramArrow, DiagramPending } from './SequenceDiagram';
import type { TimelineModel } from './timeline-model';
import { useDragPan } from './use-drag-pan';

const clientLanes = [
  { id: 'client', label: 'this client' },
  { id: 'broker', label: 'broker' },
];

/** The drawn flow: as this client saw it, or, through the built-in broker, with every subscriber's lane. */
export function FlowDiagram({ model, flow, zoom, sinceFetch, scrollRef }: { model: TimelineModel; flow: FlowView; zoom: number; sinceFetch: number; scrollRef: RefObject<HTMLDivElement | null> }) {
  // A box that scrolls both ways takes the keyboard too, and is named for the picture it holds.
  const pan = { ...useDragPan(), ref: scrollRef, role: 'region', 'aria-label': 'Sequence diagram', tabIndex: 0 };
  const { path } = model;
  if (path) {
    const arrows: DiagramArrow[] = path.steps.map((step) => {
      const arrow: DiagramArrow = {
        key: `b${step.ref.seq}`,
        from: step.from,
        to: step.to,
        label: stepLabel(step),
        monotonicMs: step.monotonicMs,
        ref: step.ref,
      };
      if (step.fault) {
        arrow.detail = step.fault;
        arrow.failed = true;
      }
      if (step.dup) arrow.dup = true;
      return arrow;
    });
    return (
      <div className="timeline-scroll" {...pan}>
        {path.notes.map((note) => (
          <p key={note} className="form-note" role="note">
            {note}
          </p>
        ))}
        {path.steps.length > 0 && (
          <SequenceDiagram label={`Flow ${flow.flowId} through the broker`} lanes={path.lanes} arrows={arrows} marks={[]} zoom={zoom} selected={model.selectedPacket} onSelect={(ref) => model.selectPacket(ref)} />
        )}
      </div>
    );
  }
  const arrows: DiagramArrow[] = flow.steps.map((step) => {
    const arrow: DiagramArrow = {
      key: `c${step.seq}`,
      from: step.direction === 'sent' ? 'client' : 'broker',
      to: step.direction === 'sent' ? 'broker' : 'client',
      label: stepLabel(step),
      monotonicMs: step.monotonicMs,
      ref: { source: 'client', connectionId: model.connectionId, seq: step.seq },
    };
    if (step.reason) arrow.detail = step.reason;
    if (step.failed) arrow.failed = true;
    if (step.dup) arrow.dup = true;
    return arrow;
  });
  const marks = flow.marks.map((mark, index) => ({ key: `m${index}`, monotonicMs: mark.monotonicMs, text: mark.kind === 'lost' ? `connection lost: ${mark.text}` : mark.text }));
  let pending: DiagramPending | undefined;
  if (flow.state === 'waiting') {
    const status = flowStatus(flow, sinceFetch, model.warnAfterMs);
    const fromBroker = flow.waitingFor?.endsWith('the broker') ?? true;
    pending = { from: fromBroker ? 'broker' : 'client', to: fromBroker ? 'client' : 'broker', text: status.text, warning: status.tone === 'warning' };
  }
  return (
    <div className="timeline-scroll" {...pan}>
      <SequenceDiagram label={`Flow ${flow.flowId}`} lanes={clientLanes} arrows={arrows} marks={marks} pending={pending} zoom={zoom} selected={model.selectedPacket} onSelect={(ref) => model.selectPacket(ref)} />
    </div>
  );
}
