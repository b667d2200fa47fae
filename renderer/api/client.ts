import type {
  ContractError,
  EventName,
  EventPayload,
  RequestInput,
  RequestName,
  RequestOutput,
} from '../../shared/contract';
import type { LinkState, Transport } from './transport';

/** A failed request, with the contract's error code and, for invalid input, the field it concerns. */
export class ApiError extends Error {
  readonly code: ContractError['code'];
  readonly field: string | undefined;
  /** The sentence as a catalogue key, to word in the language on screen (see describeError). */
  readonly text: ContractError['text'];
  constructor(error: ContractError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.field = error.field;
    this.text = error.text;
  }
}

export interface ApiClient {
  invoke<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  onLinkChange(listener: (link: LinkState) => void): () => void;
  pathOfFile: Transport['pathOfFile'];
}

/** The typed surface of the contract, the same over either transport. */
export function createApiClient(transport: Transport): ApiClient {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  transport.onEvent((envelope) => {
    for (const listener of listeners.get(envelope.name) ?? []) listener(envelope.payload);
  });
  return {
    async invoke(name, input) {
      const result = await transport.request(name, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value as RequestOutput<typeof name>;
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    pathOfFile: (file, onProgress) => transport.pathOfFile(file, onProgress),
    onLinkChange(listener) {
      if (transport.onLinkChange) return transport.onLinkChange(listener);
      listener({ state: 'open' });
      return () => undefined;
    },
  };
}
