import type { RequestExchange } from '../../../shared/domain/exchange';
import type { Translator } from '../../../shared/i18n';

export function roundTripText(t: Translator, ms: number): string {
  return ms < 1000 ? t('exchange.time.ms', { value: ms }) : t('exchange.time.s', { value: ms / 1000 });
}

/** The state of a request in words, with the round trip when there is one. */
export function requestStatusText(t: Translator, request: RequestExchange): string {
  switch (request.state) {
    case 'sending':
      return t('exchange.status.sending');
    case 'waiting':
      return t('exchange.status.waiting', { timeout: roundTripText(t, request.timeoutMs) });
    case 'answered':
      return t('exchange.status.answered', { roundTrip: roundTripText(t, request.roundTripMs ?? 0) });
    case 'timed-out':
      return t('exchange.status.timedOut', { timeout: roundTripText(t, request.timeoutMs) });
    case 'late':
      return t('exchange.status.late', { roundTrip: roundTripText(t, request.roundTripMs ?? 0), timeout: roundTripText(t, request.timeoutMs) });
    case 'failed':
      return t('exchange.status.failed', { reason: request.failureText ? t.msg(request.failureText, request.failure) : (request.failure ?? t('exchange.status.notSent')) });
  }
}

export function requestTone(request: RequestExchange): 'ok' | 'waiting' | 'warning' | 'failed' {
  if (request.state === 'answered') return 'ok';
  if (request.state === 'sending' || request.state === 'waiting') return 'waiting';
  if (request.state === 'late') return 'warning';
  return 'failed';
}
