import type { AppCore } from '../core/app-core';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ProfileInput } from '../../shared/domain/profile';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';

export interface CliOutput {
  /** Progress for a person: only when stderr is a terminal and --json was not given. */
  progress(text: string): void;
  result(value: unknown, text: string): void;
}

/** The core's requests as plain async calls that throw the contract's error message. */
export function invokeFrom(core: AppCore) {
  return async <N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> => {
    const result = await core.router.dispatch(name, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as RequestOutput<N>;
  };
}

/**
 * Saves the profile and connects, resolving with the first settled state: connected, or failed
 * with its reason. A signal while connecting settles it too, as not connected, saying so.
 */
export async function connectFromCli(core: AppCore, profile: ProfileInput, stopSignal?: Promise<string>): Promise<ConnectionSnapshot> {
  const invoke = invokeFrom(core);
  const { connectionId } = await invoke('connection.save', { profile });
  return new Promise((done, fail) => {
    const off = core.bus.subscribe((envelope) => {
      if (envelope.name !== 'connection.updated') return;
      const snapshot = envelope.payload as ConnectionSnapshot;
      if (snapshot.connectionId !== connectionId) return;
      if (snapshot.status.state === 'connected' || snapshot.status.state === 'failed' || snapshot.status.state === 'disconnected') {
        off();
        done(snapshot);
      }
    });
    void stopSignal?.then((why) => {
      off();
      done({ ...core.connections.get(connectionId).snapshot(), status: { state: 'disconnected', reason: `${why} while connecting`, since: Date.now() } });
    });
    invoke('connection.connect', { connectionId }).catch((error: unknown) => {
      off();
      fail(error);
    });
  });
}
