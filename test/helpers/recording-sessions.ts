import type { AppCore } from '../../electron/core/app-core';
import type { RecordingSessionView } from '../../shared/domain/recording-session';
import { call } from './broker-core';

/** Opens a recording through the router and resolves once the whole file has been read. */
export async function openAndRead(core: AppCore, path: string, timeoutMs = 60_000): Promise<RecordingSessionView> {
  let done: (view: RecordingSessionView) => void = () => undefined;
  const finished = new Promise<RecordingSessionView>((resolve) => (done = resolve));
  let sessionId: string | undefined;
  const early: RecordingSessionView[] = [];
  const off = core.bus.subscribe((envelope) => {
    if (envelope.name !== 'recording.session.updated') return;
    const view = envelope.payload as RecordingSessionView;
    if (sessionId === undefined) early.push(view);
    else if (view.sessionId === sessionId && view.done) done(view);
  });
  try {
    const opened = await call(core, 'recording.open', { path });
    sessionId = opened.sessionId;
    const doneEarly = early.find((view) => view.sessionId === sessionId && view.done);
    if (doneEarly) return doneEarly;
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${path} was not read within ${timeoutMs} ms.`)), timeoutMs));
    return await Promise.race([finished, timeout]);
  } finally {
    off();
  }
}
