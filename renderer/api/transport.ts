import type { EventEnvelope, RequestResult } from '../../shared/contract';

/** What the typed client needs from a transport: Electron IPC and the web-mode WebSocket both provide it. */
export interface Transport {
  request(channel: string, input: unknown): Promise<RequestResult<unknown>>;
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
  /** Transport health, shown when web mode loses its socket. */
  onLinkChange?(listener: (link: LinkState) => void): () => void;
}

export type LinkState = { state: 'open' } | { state: 'closed'; reason: string };
