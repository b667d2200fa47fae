import { resolve } from 'node:path';
import type { AppCore } from '../core/app-core';
import type { RecordingStatus } from '../../shared/domain/recording';
import type { RecordArgs } from './cli-args';
import { profileFromFlags } from './cli-args';
import { connectFromCli, invokeFrom } from './cli-core';
import type { CliOutput } from './cli-core';

/** Exit codes: 0 recorded and stopped cleanly, 1 could not connect or record, 2 bad command line. */
export async function recordCommand(core: AppCore, args: RecordArgs, out: CliOutput, stopSignal: Promise<string>): Promise<number> {
  const invoke = invokeFrom(core);
  const profile = profileFromFlags(args);
  const connected = await connectFromCli(core, profile, stopSignal);
  const connectionId = connected.connectionId;
  if (connected.status.state !== 'connected') {
    out.result({ ok: false, error: connected.status.reason ?? 'could not connect' }, `Could not connect to ${profile.host}:${profile.port}: ${connected.status.reason ?? 'no reason given'}`);
    return 1;
  }
  for (const filter of args.topics) await invoke('subscription.add', { connectionId, filter, qos: args.qos });
  const path = resolve(args.output);
  await invoke('recording.start', { connectionIds: [connectionId], path });
  out.progress(`Recording ${args.topics.join(', ')} from ${profile.host}:${profile.port} to ${path}. Ctrl+C stops.`);

  const why = await new Promise<string>((done) => {
    void stopSignal.then(done);
    if (args.seconds !== undefined) setTimeout(() => done(`${args.seconds} s passed`), args.seconds * 1000).unref();
    const off = core.bus.subscribe((envelope) => {
      if (envelope.name === 'recording.updated') {
        const status = envelope.payload as RecordingStatus;
        out.progress(`${(status.durationMs / 1000).toFixed(0)} s · ${status.counts.messages.toLocaleString('en')} messages · ${(status.bytes / 1024 / 1024).toFixed(1)} MB`);
        if (status.failure) done(status.failure);
        if (args.count !== undefined && status.counts.messages >= args.count) done(`${args.count} messages recorded`);
      }
      if (envelope.name === 'messages.appended' && args.count !== undefined) {
        const { lastId } = envelope.payload as { lastId: number };
        if (lastId >= args.count) done(`${args.count} messages recorded`);
      }
    });
    void stopSignal.then(off);
  });
  const status = await invoke('recording.stop', {});
  const ok = status.failure === undefined;
  out.result({ ok, stoppedBecause: why, ...status }, `Stopped (${why}): ${status.counts.messages.toLocaleString('en')} messages, ${status.counts.packets.toLocaleString('en')} packets in ${path}`);
  return ok ? 0 : 1;
}
