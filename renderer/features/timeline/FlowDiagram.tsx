import type { RefObject } from 'react';
import type { FlowView } from '../../../shared/domain/flow';
import { useT } from '../../i18n/use-t';
import { flowStatus, stepLabel } from './format';
import { SequenceDiagram } from './SequenceDiagram';
import type { DiagramArrow, DiagramPending } from './SequenceDiagram';
import type { TimelineModel } from './timeline-model';
import { useDragPan } from './use-drag-pan';


/** The drawn flow: as this client saw it, or, through the built-in broker, with every subscriber's lane. */
export function FlowDiagram({ model, flow, zoom, sinceFetch, scrollRef }: { model: TimelineModel; flow: FlowView; zoom: number; sinceFetch: number; scrollRef: RefObject<HTMLDivElement | null> }) {
  const t = useT();
  // A box that scrolls both ways takes the keyboard too, and is named for the picture it holds.
  const pan = { ...useDragPan(), ref: scrollRef, role: 'region', 'aria-label': t('timeline.diagram.region'), tabIndex: 0 };
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
        {path.notes.map((note, index) => (
          <p key={note} className="form-note" role="note">
            {path.noteMessages?.[index] ? t.msg(path.noteMessages[index], note) : note}
          </p>
        ))}
        {path.steps.length > 0 && (
          <SequenceDiagram
            label={t('timeline.diagram.flowThroughBroker', { id: flow.flowId })}
            lanes={path.lanes.map((lane) => (lane.labelMessage ? { id: lane.id, label: t.msg(lane.labelMessage, lane.label) } : lane))} arrows={arrows} marks={[]} zoom={zoom} selected={model.selectedPacket} onSelect={(ref) => model.selectPacket(ref)} />
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
  const markText = (mark: FlowView['marks'][number]) => (mark.message ? t.msg(mark.message, mark.text) : mark.text);
  const marks = flow.marks.map((mark, index) => ({ key: `m${index}`, monotonicMs: mark.monotonicMs, text: mark.kind === 'lost' ? t('timeline.diagram.lost', { text: markText(mark) }) : markText(mark) }));
  let pending: DiagramPending | undefined;
  if (flow.state === 'waiting') {
    const status = flowStatus(flow, sinceFetch, model.warnAfterMs, t);
    const fromBroker = flow.waitingFor?.endsWith('the broker') ?? true;
    pending = { from: fromBroker ? 'broker' : 'client', to: fromBroker ? 'client' : 'broker', text: status.text, warning: status.tone === 'warning' };
  }
  return (
    <div className="timeline-scroll" {...pan}>
      <SequenceDiagram
        label={t('timeline.diagram.flow', { id: flow.flowId })}
        lanes={[
          { id: 'client', label: t('timeline.diagram.thisClient') },
          { id: 'broker', label: t('timeline.diagram.broker') },
        ]} arrows={arrows} marks={marks} pending={pending} zoom={zoom} selected={model.selectedPacket} onSelect={(ref) => model.selectPacket(ref)} />
    </div>
  );
}
