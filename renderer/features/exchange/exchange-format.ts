import type { RequestExchange } from '../../../shared/domain/exchange';

export function roundTripText(ms: number): string {
  return ms < 1000 ? `${ms.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms` : `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} s`;
}

/** The state of a request in words, with the round trip when there is one. */
export function requestStatusText(request: RequestExchange): string {
  switch (request.state) {
    case 'sending':
      return 'sending…';
    case 'waiting':
      return `waiting for the response (timeout ${roundTripText(request.timeoutMs)})`;
    case 'answered':
      return `answered in ${roundTripText(request.roundTripMs ?? 0)}`;
    case 'timed-out':
      return `no response within ${roundTripText(request.timeoutMs)}`;
    case 'late':
      return `late: answered after ${roundTripText(request.roundTripMs ?? 0)}, past the ${roundTripText(request.timeoutMs)} timeout`;
    case 'failed':
      return `failed: ${request.failure ?? 'not sent'}`;
  }
}

export function requestTone(request: RequestExchange): 'ok' | 'waiting' | 'warning' | 'failed' {
  if (request.state === 'answered') return 'ok';
  if (request.state === 'sending' || request.state === 'waiting') return 'waiting';
  if (request.state === 'late') return 'warning';
  return 'failed';
}
