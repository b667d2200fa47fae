import type { LifelineEvent, LifelineSlice } from '../../../shared/domain/lifeline';
import type { Translator } from '../../../shared/i18n';

export type SpanKind = 'connecting' | 'connected' | 'backoff' | 'down';

/** A stretch of time in one state, on the monotonic time line. */
export interface Span {
  kind: SpanKind;
  from: number;
  to: number;
  /** For a backoff: the delay the client chose. */
  delayMs?: number;
  attempt?: number;
}

/** The events held after a slice from `fromId`: older ones kept, those from fromId replaced, evicted ones dropped. */
export function mergeSlice(held: readonly LifelineEvent[], slice: LifelineSlice, fromId: number): LifelineEvent[] {
  const kept = held.filter((event) => event.id >= slice.oldestId && event.id < fromId);
  return kept.concat(slice.events);
}

/** Where "now" is on the main process's monotonic time line, estimated from the newest event's two clocks. */
export function monotonicNow(events: readonly LifelineEvent[], wallNow: number): number {
  const last = events.at(-1);
  return last ? last.monotonicMs + (wallNow - last.wallTime) : 0;
}

/** The connection's states over time, from its events; the last one runs to `now`. */
export function spansOf(events: readonly LifelineEvent[], now: number): Span[] {
  const spans: Span[] = [];
  let open: Span | undefined;
  const begin = (span: Span) => {
    if (open) {
      open.to = span.from;
      if (open.to > open.from) spans.push(open);
    }
    open = span;
  };
  for (const event of events) {
    const at = event.monotonicMs;
    switch (event.kind) {
      case 'connect-attempt':
        begin({ kind: 'connecting', from: at, to: at, attempt: event.attempt });
        break;
      case 'connack':
        begin({ kind: event.code === 0 ? 'connected' : 'down', from: at, to: at });
        break;
      case 'disconnect':
      case 'give-up':
        begin({ kind: 'down', from: at, to: at });
        break;
      case 'reconnect-scheduled':
        begin({ kind: 'backoff', from: at, to: at, delayMs: event.delayMs, attempt: event.attempt });
        break;
      default:
        break;
    }
  }
  if (open) {
    const last: Span = open;
    last.to = Math.max(last.from, now);
    spans.push(last);
  }
  return spans;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function hex(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** One line of plain words per event: the row's text and its accessible name. */
export function describeEvent(event: LifelineEvent, t: Translator): string {
  switch (event.kind) {
    case 'connect-attempt':
      return t('lifeline.event.connect', {
        target: event.target || t('lifeline.event.theBroker'),
        attempt: event.attempt === 0 ? t('lifeline.event.firstAttempt') : t('lifeline.event.reconnectAttempt', { attempt: event.attempt }),
        keepalive: event.keepaliveS,
      });
    case 'connack': {
      const after = event.sinceConnectMs === undefined ? '' : t('lifeline.event.after', { duration: formatDuration(event.sinceConnectMs) });
      // The refusal's words come from the reason code's description, as the core gave them.
      if (event.code !== 0) return t('lifeline.event.connackRefused', { after, code: event.codeText });
      const keepalive = event.serverKeepAliveS === undefined ? '' : t('lifeline.event.serverKeepalive', { keepalive: event.serverKeepAliveS });
      return t('lifeline.event.connackAccepted', { after, session: t(event.sessionPresent ? 'lifeline.event.sessionPresent' : 'lifeline.event.newSession'), keepalive });
    }
    case 'ping':
      if (event.state === 'answered' && event.rttMs !== undefined) return t('lifeline.event.pingRtt', { duration: formatDuration(event.rttMs) });
      if (event.state === 'waiting') return t('lifeline.event.pingWaiting');
      return t(event.missingBecause === 'timeout' ? 'lifeline.event.pingTimeout' : 'lifeline.event.pingClosed');
    case 'disconnect': {
      const said = event.code === undefined ? '' : t('lifeline.event.colon', { text: `${hex(event.code)} ${event.codeText ?? ''}`.trimEnd() });
      const reasonString = event.reasonString ? ` "${event.reasonString}"` : '';
      const error = event.errorMessage ? t.msg(event.errorMessage, event.error) : event.error;
      if (event.by === 'server') return t('lifeline.event.byServer', { said, reasonString });
      if (event.by === 'client') return t('lifeline.event.byClient', { said, error: error ? t('lifeline.event.colon', { text: error }) : '' });
      return t(event.wasConnected ? 'lifeline.event.lost' : 'lifeline.event.attemptFailed', { error: error ?? t('lifeline.event.socketClosed') });
    }
    case 'reconnect-scheduled':
      return t('lifeline.event.reconnectIn', { attempt: event.attempt, duration: formatDuration(event.delayMs) });
    case 'give-up':
      return t('lifeline.event.stopped', { reason: event.reasonMessage ? t.msg(event.reasonMessage, event.reason) : event.reason });
  }
}

/** A short label for the chart, where there is little room. */
export function markerLabel(event: LifelineEvent, t: Translator): string | undefined {
  switch (event.kind) {
    case 'connack':
      return event.code === 0 ? 'CONNACK' : `CONNACK ${hex(event.code)}`;
    case 'disconnect':
      if (event.by === 'server') return event.code === undefined ? t('lifeline.marker.server') : t('lifeline.marker.serverCode', { code: `${hex(event.code)} ${event.codeText ?? ''}`.trimEnd() });
      if (event.by === 'client') return t('lifeline.marker.clientDisconnect');
      return t(event.wasConnected ? 'lifeline.marker.lost' : 'lifeline.marker.failed');
    case 'give-up':
      return t('lifeline.marker.stopped');
    default:
      return undefined;
  }
}

export function clockTime(wallTime: number, withMs: boolean): string {
  const date = new Date(wallTime);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const base = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return withMs ? `${base}.${pad(date.getMilliseconds(), 3)}` : base;
}

const TICK_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

/** The tick interval that puts a tick about every `minPixels` at this scale. */
export function tickStep(msPerPixel: number, minPixels = 90): number {
  const wanted = msPerPixel * minPixels;
  return TICK_STEPS.find((step) => step >= wanted) ?? 3_600_000 * Math.ceil(wanted / 3_600_000);
}

/** A one-sentence summary for the chart's accessible name. */
export function summarize(events: readonly LifelineEvent[], spans: readonly Span[], t: Translator): string {
  if (events.length === 0) return t('lifeline.summary.empty');
  const pings = events.filter((event) => event.kind === 'ping');
  const rtts = pings.flatMap((ping) => (ping.rttMs === undefined ? [] : [ping.rttMs])).sort((a, b) => a - b);
  const missing = pings.filter((ping) => ping.state === 'missing').length;
  const disconnects = events.filter((event) => event.kind === 'disconnect').length;
  const attempts = events.filter((event) => event.kind === 'connect-attempt').length;
  const state = spans.at(-1)?.kind ?? 'idle';
  const median = rtts.length > 0 ? t('lifeline.summary.median', { duration: formatDuration(rtts[Math.floor(rtts.length / 2)] ?? 0) }) : '';
  return t('lifeline.summary.text', {
    state: t(`lifeline.state.${state}`),
    attempts,
    disconnects,
    pings: pings.length,
    median,
    missing: missing > 0 ? t('lifeline.summary.missing', { count: missing }) : '',
  });
}
