import { resolve } from 'node:path';
import type { AppCore } from '../core/app-core';
import type { ReplayStatus } from '../../shared/domain/replay';
import type { ReplayArgs } from './cli-args';
import { profileFromFlags } from './cli-args';
import { connectFromCli, invokeFrom } from './cli-core';
import type { CliOutput } from './cli-core';

/** Exit codes: 0 every message sent (and acknowledged at QoS 1/2), 1 failures or no connection, 2 bad command line. */
export async function replayCommand(core: AppCore, args: ReplayArgs, out: CliOutput, stopSignal: Promise<string>): Promise<number> {
  const invoke = invokeFrom(core);
  const profile = profileFromFlags(args);
  const connected = await connectFromCli(core, profile, stopSignal);
  if (connected.status.state !== 'connected') {
    out.result({ ok: false, error: connected.status.reason ?? 'could not connect' }, `Could not connect to ${profile.host}:${profile.port}: ${connected.status.reason ?? 'no reason given'}`);
    return 1;
  }
  const connectionId = connected.connectionId;
  const path = resolve(args.file);
  const done = new Promise<ReplayStatus>((finish) => {
    const off = core.bus.subscribe((envelope) => {
      if (envelope.name !== 'replay.updated') return;
      const status = envelope.payload as ReplayStatus;
      const passes = status.passes > 0 ? ` · pass ${status.passes + 1}` : '';
      out.progress(`${status.sent.toLocaleString('en')} / ${status.total.toLocaleString('en')} sent · ${status.acked.toLocaleString('en')} acknowledged · ${status.failed} failed${passes}`);
      if ((status.state === 'finished' || status.state === 'stopped' || status.state === 'failed') && status.awaitingAck === 0) {
        off();
        finish(status);
      }
    });
  });
  const started = await invoke('replay.start', { connectionId, path, options: args.options });
  out.progress(`Replaying ${started.total.toLocaleString('en')} messages from ${path} to ${profile.host}:${profile.port}…`);
  void stopSignal.then(() => invoke('replay.stop', {}));
  const status = await done;
  const ok = status.failed === 0 && status.state === 'finished';
  const timing = status.timing ? `; timing error median ${status.timing.medianMs} ms, p99 ${status.timing.p99Ms} ms, max ${status.timing.maxMs} ms` : '';
  const failures = status.failures.map((failure) => `\n  ${failure.count} × ${failure.reason}`).join('');
  out.result({ ok, ...status }, `${status.state === 'finished' ? 'Replayed' : 'Stopped'}: ${status.sent} sent, ${status.acked} acknowledged, ${status.failed} failed${status.queued > 0 ? `, ${status.queued} queued while the connection was away` : ''}${timing}${failures}`);
  return ok ? 0 : 1;
}
