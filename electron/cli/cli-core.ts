import type { AppCore } from '../core/app-core';
import type { ConnectionSnapshot } from '../../shared/domain/connection';
import type { ProfileInput } from '../../shared/domain/profile';
import type { ContractError, RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import type { Message } from '../../shared/i18n';
import { say, verbatim, type Said } from './cli-text';

export interface CliOutput {
  /** Progress for a person: only when stderr is a terminal and --json was not given. */
  progress(text: string): void;
  result(value: unknown, text: string): void;
}

/** A request the core refused: `message` in English, `text` the same sentence for the CLI to word. */
export class RequestError extends Error {
  readonly text: Message | undefined;
  constructor(error: ContractError) {
    super(error.message);
    this.text = error.text;
  }
}

/** The core's requests as plain async calls that throw the contract's error (English message, and its Message). */
export function invokeFrom(core: AppCore) {
  return async <N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> => {
    const result = await core.router.dispatch(name, input);
    if (!result.ok) throw new RequestError(result.error);
    return result.value as RequestOutput<N>;
  };
}

/** A settled connection; `stopped` when a signal ended the attempt, in both wordings. */
export type CliConnection = ConnectionSnapshot & { stopped?: Said };

/**
 * Why a connection could not be made: the signal that stopped it, else the connection's own reason
 * (worded by the connections area, English for now), for the JSON `error` and the person's line.
 */
export function connectFailure(connection: CliConnection): { json: string; reason: Said } {
  if (connection.stopped) return { json: connection.stopped.en, reason: connection.stopped };
  const reason = connection.status.reason;
  return { json: reason ?? 'could not connect', reason: reason === undefined ? say('cli.connect.noReason') : verbatim(reason) };
}

/**
 * Saves the profile and connects, resolving with the first settled state: connected, or failed
 * with its reason. A signal while connecting settles it too, as not connected, saying so.
 */
export async function connectFromCli(core: AppCore, profile: ProfileInput, stopSignal?: Promise<Said>): Promise<CliConnection> {
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
      const stopped = say('cli.signal.whileConnecting', { why });
      done({ ...core.connections.get(connectionId).snapshot(), status: { state: 'disconnected', reason: stopped.en, since: Date.now() }, stopped });
    });
    invoke('connection.connect', { connectionId }).catch((error: unknown) => {
      off();
      fail(error);
    });
  });
}
