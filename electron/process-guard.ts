/**
 * The last line of defence against a throw nobody caught. Each known path from a peer is fixed at
 * its cause; this only decides what an unknown one costs. The app (web mode and the Electron main
 * process) keeps serving every other connection and window, because one bad socket or packet must
 * not end a session the user is in. The CLI exits 1, because a pipeline waiting on it must learn it
 * failed rather than wait on a process in an unknown state.
 */

export type GuardPolicy = 'survive' | 'exit';

/** The part of `process` the guard needs, so a test can hand it an emitter of its own. */
export interface GuardedProcess {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export interface ProcessGuardOptions {
  /** Who is speaking, as the log line's prefix: "web mode", "main process", "mqtt-lab". */
  name: string;
  policy: GuardPolicy;
  target?: GuardedProcess;
  log?: (text: string) => void;
  exit?: (code: number) => never | void;
}

/** Installs the handlers; returns a function that removes them. */
export function installProcessGuard(options: ProcessGuardOptions): () => void {
  const target = options.target ?? process;
  const log = options.log ?? ((text: string) => console.error(text));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const handle = (kind: string, failure: unknown) => {
    const outcome = options.policy === 'exit' ? 'exiting with code 1' : 'kept running';
    try {
      log(`[${options.name}] ${kind} (${outcome}): ${describeFailure(failure)}`);
    } finally {
      if (options.policy === 'exit') exit(1);
    }
  };
  const onException = (error: Error) => handle('uncaught exception', error);
  const onRejection = (reason: unknown) => handle('unhandled promise rejection', reason);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}

/** The stack when there is one (it starts with the message), else whatever was thrown, as text. */
export function describeFailure(failure: unknown): string {
  if (failure instanceof Error) return failure.stack ?? `${failure.name}: ${failure.message}`;
  try {
    return typeof failure === 'string' ? failure : (JSON.stringify(failure) ?? String(failure));
  } catch {
    return String(failure);
  }
}
