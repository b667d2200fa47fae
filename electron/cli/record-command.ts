import { resolve } from 'node:path';
import type { AppCore } from '../core/app-core';
import type { RecordingStatus } from '../../shared/domain/recording';
import type { RecordArgs } from './cli-args';
import { profileFromFlags } from './cli-args';
import { connectFailure, connectFromCli, invokeFrom } from './cli-core';
import { cliT, say, saidMessage, verbatim, type Said } from './cli-text';
import type { CliOutput } from './cli-core';

/** Exit codes: 0 recorded and stopped cleanly, 1 could not connect or record, 2 bad command line. */
export async function recordCommand(core: AppCore, args: RecordArgs, out: CliOutput, stopSignal: Promise<Said>): Promise<number> {
  const invoke = invokeFrom(core);
  const profile = profileFromFlags(args);
  const connected = await connectFromCli(core, profile, stopSignal);
  const connectionId = connected.connectionId;
  const address = `${profile.host}:${profile.port}`;
  if (connected.status.state !== 'connected') {
    const failure = connectFailure(connected);
    out.result({ ok: false, error: failure.json }, say('cli.connect.failedTo', { address, reason: failure.reason }).text);
    return 1;
  }
  for (const filter of args.topics) await invoke('subscription.add', { connectionId, filter, qos: args.qos });
  const path = resolve(args.output);
  await invoke('recording.start', { connectionIds: [connectionId], path });
  const t = cliT();
  out.progress(t('cli.record.recording', { topics: args.topics.join(', '), address, path }));

  const why = await new Promise<Said>((done) => {
    void stopSignal.then(done);
    if (args.seconds !== undefined) setTimeout(() => done(say('cli.stop.secondsPassed', { seconds: String(args.seconds) })), args.seconds * 1000).unref();
    const off = core.bus.subscribe((envelope) => {
      if (envelope.name === 'recording.updated') {
        const status = envelope.payload as RecordingStatus;
        out.progress(t('cli.record.progress', { seconds: (status.durationMs / 1000).toFixed(0), messages: t.number(status.counts.messages), megabytes: (status.bytes / 1024 / 1024).toFixed(1) }));
        if (status.failure) done(status.failureText ? saidMessage(status.failureText, status.failure) : verbatim(status.failure));
        if (args.count !== undefined && status.counts.messages >= args.count) done(say('cli.record.countReached', { count: String(args.count) }));
      }
      if (envelope.name === 'messages.appended' && args.count !== undefined) {
        const { lastId } = envelope.payload as { lastId: number };
        if (lastId >= args.count) done(say('cli.record.countReached', { count: String(args.count) }));
      }
    });
    void stopSignal.then(off);
  });
  const status = await invoke('recording.stop', {});
  const ok = status.failure === undefined;
  out.result(
    { ok, stoppedBecause: why.en, ...status },
    t('cli.record.stopped', { why: why.text, messages: t.number(status.counts.messages), packets: t.number(status.counts.packets), path }),
  );
  return ok ? 0 : 1;
}
