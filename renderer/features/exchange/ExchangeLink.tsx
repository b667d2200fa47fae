import type { ExchangePair, ExchangeSnapshot } from '../../../shared/domain/exchange';
import type { FlowView } from '../../../shared/domain/flow';
import { roundTripText } from './exchange-format';
import { useT } from '../../i18n/use-t';
import type { Translator } from '../../../shared/i18n';
import './exchange.css';

/** One half of a request/response pair, as the timeline marks a flow. */
export interface FlowExchangeLink {
  role: 'request' | 'response';
  pair: ExchangePair;
  /** The tap sequence number of the other half's PUBLISH, when it was seen. */
  partnerSeq: number | undefined;
}

/** The pairs of a connection by the sequence number of each PUBLISH, for the flows that start with one. */
export function exchangeLinks(snapshot: ExchangeSnapshot | undefined): Map<number, FlowExchangeLink> {
  const links = new Map<number, FlowExchangeLink>();
  for (const pair of snapshot?.pairs ?? []) {
    links.set(pair.requestSeq, { role: 'request', pair, partnerSeq: pair.responseSeq });
    if (pair.responseSeq !== undefined) links.set(pair.responseSeq, { role: 'response', pair, partnerSeq: pair.requestSeq });
  }
  return links;
}

export function linkOfFlow(links: Map<number, FlowExchangeLink>, flow: FlowView): FlowExchangeLink | undefined {
  if (flow.kind !== 'publish' || links.size === 0) return undefined;
  const first = flow.steps[0];
  return first ? links.get(first.seq) : undefined;
}

/** The pair's label in the language on screen; the English one from an older core as it came. */
export function pairLabelText(t: Translator, pair: ExchangePair): string {
  return pair.labelText ? t.msg(pair.labelText, pair.label) : pair.label;
}

/** The short mark in the flow list: the pair's label, shared by both halves. */
export function linkTag(t: Translator, link: FlowExchangeLink): string {
  return `${link.role === 'request' ? '→' : '←'} ${pairLabelText(t, link.pair)}`;
}

/** Above the drawn flow: which half it is, the round trip, and a way to the other half. */
export function ExchangeLink({ link, flows, onShow }: { link: FlowExchangeLink; flows: FlowView[]; onShow(flow: FlowView): void }) {
  const t = useT();
  const partner = link.partnerSeq === undefined ? undefined : flows.find((flow) => flow.steps[0]?.seq === link.partnerSeq);
  const roundTrip = link.pair.roundTripMs === undefined ? (link.role === 'request' ? t('exchange.link.noResponse') : '') : t('exchange.link.roundTrip', { roundTrip: roundTripText(t, link.pair.roundTripMs) });
  return (
    <span className="exchange-link" role="note" aria-label={t('exchange.link.label')}>
      <span>
        {t('exchange.link.pair', { role: link.role, label: pairLabelText(t, link.pair) })}
        {roundTrip}
      </span>
      {partner && (
        <button type="button" onClick={() => onShow(partner)}>
          {t('exchange.link.show', { role: link.role })}
        </button>
      )}
    </span>
  );
}
