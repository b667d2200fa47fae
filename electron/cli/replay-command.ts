import { resolve } from 'node:path';
import type { AppCore } from '../core/app-core';
import type { ReplayStatus } from '../../shared/domain/replay';
import type { ReplayArgs } from './cli-args';
import { profileFromFlags } from './cli-args';
import { connectFailure, connectFromCli, invokeFrom } from './cli-core';
import { cliT, say, type Said } from './cli-text';
import type { CliOutput } from './cli-core';

/** Exit codes: 0 every message sent (and acknowledged at QoS 1/2), 1 failures or no connection, 2 bad command line. */
export async function replayCommand(core: AppCore, args: ReplayArgs, out: CliOutput, stopSignal: Promise<Said>): Promise<number> {
  const invoke = invokeFrom(core);
  const profile = profileFromFlags(args);
  const connected = await connectFromCli(core, profile, stopSignal);
  const address = `${profile.host}:${profile.port}`;
  const t = cliT();
  if (connected.status.state !== 'connected') {
    const failure = connectFailure(connected);
    out.result({ ok: false, error: failure.json }, say('cli.connect.failedTo', { address, reason: failure.reason }).text);
    return 1;
  }
  const connectionId = connected.connectionId;
  const path = resolve(args.file);
  const done = new Promise<ReplayStatus>((finish) => {
    const off = core.bus.subscribe((envelope) => {
      if (envelope.name !== 'replay.updated') return;
      const status = envelope.payload as ReplayStatus;
      const pass = status.passes > 0 ? t('cli.replay.pass', { pass: String(status.passes + 1) }) : '';
      out.progress(t('cli.replay.progress', { sent: t.number(status.sent), total: t.number(status.total), acked: t.number(status.acked), failed: String(status.failed), pass }));
      if ((status.state === 'finished' || status.state === 'stopped' || status.state === 'failed') && status.awaitingAck === 0) {
        off();
        finish(status);
      }
    });
  });
  const started = await invoke('replay.start', { connectionId, path, options: args.options });
  out.progress(t('cli.replay.starting', { total: t.number(started.total), path, address }));
  void stopSignal.then(() => invoke('replay.stop', {}));
  const status = await done;
  const ok = status.failed === 0 && status.state === 'finished';
  const timing = status.timing
    ? t('cli.replay.timing', { median: String(status.timing.medianMs), p99: String(status.timing.p99Ms), max: String(status.timing.maxMs) })
    : '';
  // A failure's reason is worded in the user's language when it is a sentence of ours (it has `text`), else the peer's own text.
  const failures = status.failures.map((failure) => `\n  ${t('cli.replay.failure', { count: String(failure.count), reason: failure.text ? t.msg(failure.text, failure.reason) : failure.reason })}`).join('');
  const counts = { sent: String(status.sent), acked: String(status.acked), failed: String(status.failed) };
  const queued = status.queued > 0 ? t('cli.replay.queued', { queued: String(status.queued) }) : '';
  const state = t(status.state === 'finished' ? 'cli.replay.replayed' : 'cli.replay.stopped');
  out.result({ ok, ...status }, t('cli.replay.result', { state, ...counts, queued, timing, failures }));
  return ok ? 0 : 1;
}
