import type { EventEnvelope, RequestResult } from '../../shared/contract';
import type { MessageKey } from '../../shared/i18n';

/** What the typed client needs from a transport: Electron IPC and the web-mode WebSocket both provide it. */
export interface Transport {
  request(channel: string, input: unknown): Promise<RequestResult<unknown>>;
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
  /** Transport health, shown when web mode loses its socket. */
  onLinkChange?(listener: (link: LinkState) => void): () => void;
  /**
   * A path the core can open for a file the user chose or dropped: Electron knows where it lives; a
   * browser does not, so web mode sends the file to the server first.
   */
  pathOfFile(file: File, onProgress?: (sentBytes: number, totalBytes: number) => void): Promise<string>;
}

/** Why the link is down, as a catalogue key: the banner words it in the language on screen. */
export type LinkState = { state: 'open' } | { state: 'closed'; reason: MessageKey };
