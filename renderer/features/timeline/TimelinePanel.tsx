import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { PacketInspector } from '../packets/PacketInspector';
import type { KeyboardEvent, WheelEvent } from 'react';
import type { FlowState, FlowView } from '../../../shared/domain/flow';
import { checkTopicFilter } from '../../../shared/mqtt/topics';
import { isRecordingSessionId } from '../../../shared/domain/recording-session';
import { downloadText, fileStamp } from '../../components/download';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-t';
import type { MessageKey, Translator } from '../../../shared/i18n';
import { useNow } from '../../components/use-now';
import { selectMessage, useAppStore } from '../../store/app-store';
import { flowOriginText, flowStatus, flowTitle, formatDuration } from './format';
import { FlowDiagram } from './FlowDiagram';
import { timelineModel } from './timeline-model';
import { ExchangeLink, exchangeLinks, linkOfFlow, linkTag } from '../exchange/ExchangeLink';
import type { FlowExchangeLink } from '../exchange/ExchangeLink';
import { useExchange } from '../exchange/exchange-store';
import './timeline.css';

const MIN_ZOOM = 0.25;
const MAX_ZOOM = 8;

/**
 * The QoS flows of a connection as sequence diagrams: a filtered list of flows, newest first, and
 * the selected one drawn packet by packet. Selecting a flow selects its message in the history, and
 * selecting a message shows its flow.
 */
export function TimelinePanel({ connectionId }: { connectionId: string }) {
  const model = timelineModel(connectionId);
  useSyncExternalStore(model.subscribe, model.getVersion);
  useEffect(() => model.watch(), [model]);
  const t = useT();
  const selectedMessage = useAppStore((state) => state.selectedMessage[connectionId]);
  const [zoom, setZoom] = useState(1);
  /** The lower pane is small; expanded, the same view covers the window, as the Packets tab does. */
  const [large, setLarge] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  /** Kept as thrown and worded at render time, so a language switch rewords it. */
  const [exportError, setExportError] = useState<unknown>();
  const anyWaiting = model.flows.some((flow) => flow.state === 'waiting') || model.focused?.state === 'waiting';
  const now = useNow(anyWaiting, 250);
  const sinceFetch = Math.max(0, now - model.fetchedAt);
  const links = exchangeLinks(useExchange(connectionId));

  useEffect(() => {
    if (selectedMessage !== undefined) void model.showMessage(selectedMessage);
  }, [model, selectedMessage]);

  const choose = (flow: FlowView, extend: boolean) => {
    model.select(flow, extend);
    if (!extend && flow.messageId !== undefined) selectMessage(connectionId, flow.messageId);
  };

  const exportSelected = async () => {
    try {
      const flows = await model.selectedFlows();
      downloadText(`mqtt-lab-flows-${fileStamp()}.json`, `${JSON.stringify({ connectionId, exportedAt: new Date().toISOString(), flows }, null, 2)}\n`);
      setExportError(undefined);
    } catch (error) {
      setExportError(error ?? new Error(String(error)));
    }
  };

  useEffect(() => {
    if (!large) return undefined;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') {
        setLarge(false);
        setZoom(1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [large]);

  // A zoom chosen for the window is wrong for the pane, and the other way round.
  const toggleLarge = () => {
    setLarge(!large);
    setZoom(1);
  };

  /** The zoom at which the whole drawing shows in its box, rounded down so no scroll bar appears. */
  const fit = () => {
    const box = scrollRef.current;
    const drawing = box?.querySelector('svg')?.viewBox.baseVal;
    if (!box || !drawing || drawing.width === 0 || drawing.height === 0) return;
    setZoom(clampZoom(Math.floor(Math.min(box.clientWidth / drawing.width, box.clientHeight / drawing.height) * 100) / 100));
  };

  const onWheel = (event: WheelEvent) => {
    if (!event.ctrlKey) return;
    event.preventDefault();
    setZoom((value) => clampZoom(value * (event.deltaY < 0 ? 1.25 : 0.8)));
  };

  const { counts } = model;
  const focused = model.focused;
  return (
    <section
      className={`panel timeline-panel${large ? ' large' : ''}`}
      role={large ? 'dialog' : undefined}
      aria-modal={large ? true : undefined}
      aria-label={large ? t('timeline.panel.dialog') : t('timeline.panel.name')}
    >
      <div className="timeline-top">
        <TimelineFilters connectionId={connectionId} />
        <div className="timeline-bar">
          <span className="timeline-counts" role="status">
            {t('timeline.panel.counts', { total: counts.total, waiting: counts.waiting })}
            {counts.evicted > 0 && t('timeline.panel.countsDropped', { count: counts.evicted })}
            {model.more && t('timeline.panel.countsMore', { count: model.flows.length })}
          </span>
          <button type="button" disabled={model.selected.length === 0} onClick={() => void exportSelected()} title={t('timeline.panel.exportTitle')}>
            {t('timeline.panel.export', { count: model.selected.length })}
          </button>
          {!isRecordingSessionId(connectionId) && (
            <button type="button" disabled={counts.total === 0} onClick={() => void model.clear()}>
              {t('timeline.panel.clear')}
            </button>
          )}
          <button type="button" aria-pressed={large} onClick={toggleLarge} title={large ? t('timeline.panel.backTitle') : t('timeline.panel.largeTitle')}>
            {large ? t('timeline.panel.closeLargeView') : t('timeline.panel.largeView')}
          </button>
        </div>
      </div>
      {(model.error ?? exportError) !== undefined && (
        <p className="form-error" role="alert">
          {describeError(t, model.error ?? exportError)}
        </p>
      )}
      <div className="timeline-body">
        <FlowList flows={model.flows} selected={model.selected} focusedId={focused?.flowId} sinceFetch={sinceFetch} warnAfterMs={model.warnAfterMs} onChoose={choose} links={links} />
        <div className="timeline-view" onWheel={onWheel}>
          {focused ? (
            <>
              <div className="timeline-view-bar">
                <h3 className="timeline-title" title={t('timeline.panel.titleWithOrigin', { title: flowTitle(focused), origin: flowOriginText(focused, t) })}>
                  {flowTitle(focused)}
                </h3>
                <span className={`flow-status flow-${flowStatus(focused, sinceFetch, model.warnAfterMs, t).tone}`}>{flowStatus(focused, sinceFetch, model.warnAfterMs, t).text}</span>
                <span className="timeline-zoom" role="group" aria-label={t('timeline.panel.zoom')}>
                  <button type="button" onClick={() => setZoom((value) => clampZoom(value * 1.5))} aria-label={t('timeline.panel.zoomIn')} disabled={zoom >= MAX_ZOOM}>
                    +
                  </button>
                  {/* eslint-disable-next-line i18next/no-literal-string -- a symbol; the button is named by aria-label */}
                  <button type="button" onClick={() => setZoom((value) => clampZoom(value / 1.5))} aria-label={t('timeline.panel.zoomOut')} disabled={zoom <= MIN_ZOOM}>
                    −
                  </button>
                  <button type="button" onClick={() => setZoom(1)} disabled={zoom === 1} aria-label={t('timeline.panel.zoomReset')} title={t('timeline.panel.zoomReset')}>
                    1:1
                  </button>
                  <button type="button" onClick={fit} title={t('timeline.panel.fitTitle')}>
                    {t('timeline.panel.fit')}
                  </button>
                </span>
                {/* The built-in broker's log is of now, not of the recording's time. */}
                {focused.kind === 'publish' && !isRecordingSessionId(connectionId) && (
                  <button type="button" aria-pressed={model.path !== undefined} onClick={() => (model.path ? model.closePath() : void model.loadPath())} title={t('timeline.panel.throughBrokerTitle')}>
                    {t('timeline.panel.throughBroker')}
                  </button>
                )}
              </div>
              {linkOfFlow(links, focused) && <ExchangeLink link={linkOfFlow(links, focused)!} flows={model.flows} onShow={(flow) => choose(flow, false)} />}
              <FlowDiagram model={model} flow={focused} zoom={zoom} sinceFetch={sinceFetch} scrollRef={scrollRef} />
              {model.selectedPacket && (
                <section className="timeline-inspector" aria-label={t('timeline.panel.selectedPacket')}>
                  <PacketInspector source={model.selectedPacket} />
                </section>
              )}
            </>
          ) : (
            <p className="empty-note">{t('timeline.panel.selectPrompt')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

/** What fits beside the title in the list; the option's name carries the whole status. */
function shortStatus(flow: FlowView, tone: string, sinceFetch: number, t: Translator): string {
  if (flow.state === 'complete') return formatDuration(flow.durationMs);
  if (flow.state === 'failed') return t('timeline.short.failed');
  const duration = formatDuration((flow.waitingMs ?? 0) + sinceFetch);
  return t(tone === 'warning' ? 'timeline.short.warning' : 'timeline.short.waiting', { duration });
}

function clampZoom(value: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, value));
}

const stateOptions: { value: '' | FlowState; label: MessageKey }[] = [
  { value: '', label: 'timeline.filter.anyState' },
  { value: 'complete', label: 'timeline.filter.complete' },
  { value: 'waiting', label: 'timeline.filter.waiting' },
  { value: 'failed', label: 'timeline.filter.failed' },
];

function TimelineFilters({ connectionId }: { connectionId: string }) {
  const model = timelineModel(connectionId);
  const t = useT();
  const [topic, setTopic] = useState(model.filter.topic ?? '');
  const [warnSeconds, setWarnSeconds] = useState(String(model.warnAfterMs / 1000));
  const topicCheck = topic === '' ? { ok: true as const } : checkTopicFilter(topic);
  const warnValue = Number(warnSeconds);
  const warnProblem = warnSeconds.trim() === '' || !Number.isFinite(warnValue) || warnValue <= 0 || warnValue > 3600 ? t('timeline.filter.warnProblem') : undefined;

  useEffect(() => {
    const wanted = topic === '' ? undefined : topic;
    if (!topicCheck.ok || wanted === model.filter.topic) return;
    const timer = setTimeout(() => model.setFilter({ topic: topic }), 250);
    return () => clearTimeout(timer);
  }, [model, topic, topicCheck.ok]);

  useEffect(() => {
    if (warnProblem) return;
    const ms = Math.round(warnValue * 1000);
    if (ms !== model.warnAfterMs) model.setWarnAfter(ms);
  }, [model, warnProblem, warnValue]);

  const qos = model.filter.qos?.[0];
  const state = model.filter.states?.[0] ?? '';
  return (
    <form className="timeline-filters" role="search" aria-label={t('timeline.filter.name')} onSubmit={(event) => event.preventDefault()} noValidate>
      <label>
        QoS{' '}
        <select aria-label={t('timeline.filter.qos')} value={qos === undefined ? '' : String(qos)} onChange={(event) => model.setFilter({ qos: event.target.value === '' ? [] : [Number(event.target.value) as 0 | 1 | 2] })}>
          <option value="">{t('timeline.filter.anyQos')}</option>
          {/* eslint-disable-next-line i18next/no-literal-string -- QoS levels are the protocol's names */}
          <option value="0">QoS 0</option>
          {/* eslint-disable-next-line i18next/no-literal-string -- as above */}
          <option value="1">QoS 1</option>
          {/* eslint-disable-next-line i18next/no-literal-string -- as above */}
          <option value="2">QoS 2</option>
        </select>
      </label>
      <label>
        {t('timeline.filter.state')}{' '}
        <select aria-label={t('timeline.filter.stateName')} value={state} onChange={(event) => model.setFilter({ states: event.target.value === '' ? [] : [event.target.value as FlowState] })}>
          {stateOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {t(option.label)}
            </option>
          ))}
        </select>
      </label>
      <label className="timeline-topic">
        {t('timeline.filter.topic')}{' '}
        <input aria-label={t('timeline.filter.topicName')} value={topic} onChange={(event) => setTopic(event.target.value)} placeholder={t('timeline.filter.topicPlaceholder')} aria-invalid={!topicCheck.ok} aria-describedby={topicCheck.ok ? undefined : `flow-topic-error-${connectionId}`} />
      </label>
      <label>
        {t('timeline.filter.warnAfter')}{' '}
        <input aria-label={t('timeline.filter.warnAfterName')} className="timeline-warn" inputMode="decimal" value={warnSeconds} onChange={(event) => setWarnSeconds(event.target.value)} aria-invalid={warnProblem !== undefined} aria-describedby={warnProblem ? `flow-warn-error-${connectionId}` : undefined} /> {t('timeline.filter.seconds')}
      </label>
      {!topicCheck.ok && (
        <span className="form-error" id={`flow-topic-error-${connectionId}`}>
          {topicCheck.message}
        </span>
      )}
      {warnProblem && (
        <span className="form-error" id={`flow-warn-error-${connectionId}`}>
          {warnProblem}
        </span>
      )}
    </form>
  );
}

function FlowList({
  flows,
  selected,
  focusedId,
  sinceFetch,
  warnAfterMs,
  onChoose,
  links,
}: {
  flows: FlowView[];
  selected: number[];
  focusedId: number | undefined;
  sinceFetch: number;
  warnAfterMs: number;
  onChoose(flow: FlowView, extend: boolean): void;
  links: Map<number, FlowExchangeLink>;
}) {
  const t = useT();
  if (flows.length === 0) return <p className="empty-note timeline-list-empty">{t('timeline.list.empty')}</p>;
  const focusedIndex = Math.max(0, flows.findIndex((flow) => flow.flowId === focusedId));
  const keyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = flows[Math.min(flows.length - 1, Math.max(0, focusedIndex + step))];
    if (!next) return;
    onChoose(next, false);
    document.getElementById(`flow-option-${next.flowId}`)?.focus();
  };
  return (
    <ul className="flow-list" role="listbox" aria-label={t('timeline.list.name')} aria-multiselectable="true" onKeyDown={keyDown}>
      {flows.map((flow, index) => {
        const status = flowStatus(flow, sinceFetch, warnAfterMs, t);
        const link = linkOfFlow(links, flow);
        const title = link ? `${flowTitle(flow)} ${linkTag(t, link)}` : flowTitle(flow);
        return (
          <li
            key={flow.flowId}
            id={`flow-option-${flow.flowId}`}
            role="option"
            aria-selected={selected.includes(flow.flowId)}
            aria-label={t('timeline.list.option', { title, status: status.text })}
            tabIndex={index === focusedIndex ? 0 : -1}
            className={`flow-option${flow.flowId === focusedId ? ' flow-focused' : ''}`}
            onClick={(event) => onChoose(flow, event.ctrlKey || event.metaKey)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onChoose(flow, event.ctrlKey || event.metaKey);
              }
            }}
          >
            <span className={`flow-dot flow-${status.tone}`} aria-hidden="true" />
            <span className="flow-option-title" title={t('timeline.panel.titleWithOrigin', { title, origin: flowOriginText(flow, t) })}>
              {title}
            </span>
            <span className={`flow-option-status flow-${status.tone}`}>{shortStatus(flow, status.tone, sinceFetch, t)}</span>
          </li>
        );
      })}
    </ul>
  );
}
