import { readFileSync } from 'node:fs';
import type { AppCore } from '../core/app-core';
import type { QoS } from '../../shared/domain/profile';
import type { ConnectionSnapshot, ConnectionStatus } from '../../shared/domain/connection';
import type { HistoryUpdate } from '../../shared/domain/message';
import { publishPacketSize } from '../core/messages/publish-packet-size';
import { UsageError, defaultConnectionFlags, integer, profileFromFlags, takeSubscribeFlag, walk } from './cli-args';
import type { ConnectionFlags, SubscribeFlags } from './cli-args';
import { connectFailure, connectFromCli, invokeFrom } from './cli-core';
import { cliT, joinSaid, say, saidError, verbatim, type Said } from './cli-text';
import type { CliOutput } from './cli-core';

export interface PubArgs extends ConnectionFlags {
  topic: string;
  payload: Buffer;
  qos: QoS;
  retain: boolean;
}

/** pub -t TOPIC (-m TEXT | -f FILE | -n | -s) [-q N] [-r]: mosquitto_pub's flags. */
export function parsePubArgs(argv: readonly string[]): PubArgs {
  const args: PubArgs = { ...defaultConnectionFlags('pub'), topic: '', payload: Buffer.alloc(0), qos: 0, retain: false };
  let sources = 0;
  walk(argv, args, (flag, value) => {
    switch (flag) {
      case '-t':
      case '--topic':
        args.topic = value();
        return true;
      case '-m':
      case '--message':
        args.payload = Buffer.from(value(), 'utf8');
        sources++;
        return true;
      case '-f':
      case '--file': {
        const path = value();
        try {
          args.payload = readFileSync(path);
        } catch (error) {
          throw new UsageError(say('cli.args.unreadable', { path, code: (error as { code?: string }).code ?? String(error) }));
        }
        sources++;
        return true;
      }
      case '-n':
      case '--null-message':
        args.payload = Buffer.alloc(0);
        sources++;
        return true;
      case '-s':
      case '--stdin-file':
        args.payload = readFileSync(0);
        sources++;
        return true;
      case '-q':
      case '--qos':
        args.qos = integer(flag, value(), 0, 2) as QoS;
        return true;
      case '-r':
      case '--retain':
        args.retain = true;
        return true;
      default:
        return false;
    }
  });
  if (args.topic === '') throw new UsageError(say('cli.pub.needTopic'));
  if (sources !== 1) throw new UsageError(say('cli.pub.onePayload'));
  return args;
}

export interface SubArgs extends ConnectionFlags, SubscribeFlags {
  seconds: number | undefined;
  verbose: boolean;
}

/** sub -t FILTER [-t …] [-q N] [-C COUNT] [-W SECONDS] [-v]: mosquitto_sub's flags. */
export function parseSubArgs(argv: readonly string[]): SubArgs {
  const args: SubArgs = { ...defaultConnectionFlags('sub'), topics: [], qos: 0, count: undefined, seconds: undefined, verbose: false };
  walk(argv, args, (flag, value) => {
    if (takeSubscribeFlag(args, flag, value)) return true;
    switch (flag) {
      case '-W':
      case '--timeout':
        args.seconds = integer(flag, value(), 1, 31 * 24 * 3600);
        return true;
      case '-v':
      case '--verbose':
        args.verbose = true;
        return true;
      default:
        return false;
    }
  });
  if (args.topics.length === 0) throw new UsageError(say('cli.sub.needTopic'));
  return args;
}

/**
 * Exit codes: 0 published (and acknowledged at QoS 1/2), 1 not: no connection, a PUBLISH larger
 * than the broker accepts, a failed publish, or a signal before the acknowledgement.
 */
export async function pubCommand(core: AppCore, args: PubArgs, out: CliOutput, stopSignal: Promise<Said>): Promise<number> {
  const invoke = invokeFrom(core);
  const t = cliT();
  const connected = await connectFromCli(core, profileFromFlags(args), stopSignal);
  if (connected.status.state !== 'connected') {
    const failure = connectFailure(connected);
    out.result({ ok: false, error: failure.json }, say('cli.connect.failed', { reason: failure.reason }).text);
    return 1;
  }
  const connectionId = connected.connectionId;
  // MQTT-3.2.2-15: a client must not send a packet above the Maximum Packet Size the server announced.
  const limit = connected.broker?.properties.maximumPacketSize;
  if (limit !== undefined) {
    const size = publishPacketSize({ topic: args.topic, payload: args.payload, qos: args.qos, retain: args.retain }, args.version);
    if (size > limit) {
      const error = say('cli.pub.tooLarge', { size: t.number(size), limit: t.number(limit) });
      out.result({ ok: false, error: error.en, packetSize: size, maximumPacketSize: limit }, `${args.topic}: ${error.text}`);
      return 1;
    }
  }
  const ends = watchConnectionEnds(core, connectionId);
  const publishing = invoke('message.publish', {
    connectionId,
    topic: args.topic,
    qos: args.qos,
    retain: args.retain,
    payload: args.payload.toString('base64'),
    encoding: 'base64',
  });
  let result: Awaited<typeof publishing> | { stoppedBecause: Said };
  try {
    result = await Promise.race([publishing, stopSignal.then((why) => ({ stoppedBecause: why }))]);
  } catch (error) {
    const because = await ends.explain(error);
    out.result({ ok: false, error: because.en }, `${args.topic}: ${because.text}`);
    return 1;
  } finally {
    ends.stop();
  }
  if ('stoppedBecause' in result) {
    const error = say('cli.pub.stoppedBeforeAck', { why: result.stoppedBecause });
    out.result({ ok: false, error: error.en }, `${args.topic}: ${error.text}`);
    return 1;
  }
  const { outcome, elapsedMs } = result;
  const acked = outcome.kind === 'acked' ? t('cli.pub.acked', { ack: outcome.ack, ms: elapsedMs.toFixed(1) }) : t('cli.pub.sentQos0');
  out.result({ ok: true, outcome, elapsedMs }, `${args.topic}: ${acked}`);
  return 0;
}

/** How long a failed publish waits for the connection's status to say what ended it. */
const STATUS_SETTLE_MS = 1000;

/**
 * A publish that fails because the connection ended only knows that it ended; the connection's
 * status knows why (the broker's DISCONNECT, a reset, a protocol error). The status may change just
 * after the publish fails, or the connection may already be back by then, so every status from the
 * moment of publishing is watched and the last one that was not "connected" is what is told.
 */
function watchConnectionEnds(core: AppCore, connectionId: string) {
  let ended: ConnectionStatus | undefined;
  let onEnded: (() => void) | undefined;
  const off = core.bus.subscribe((envelope) => {
    if (envelope.name !== 'connection.updated') return;
    const snapshot = envelope.payload as ConnectionSnapshot;
    if (snapshot.connectionId !== connectionId || snapshot.status.state === 'connected' || !snapshot.status.reason) return;
    // "attempt 2: connecting…" says nothing about why; keep the status that said what was lost.
    if (snapshot.status.state === 'reconnecting' && ended?.state === 'reconnecting' && snapshot.status.detail === ended.detail) return;
    ended = snapshot.status;
    onEnded?.();
  });
  return {
    stop: off,
    /** Explains `error` with the connection's status: the one seen, or one arriving soon after. */
    async explain(error: unknown): Promise<Said> {
      const said = saidError(error);
      if (!ended) {
        await new Promise<void>((settle) => {
          const timer = setTimeout(settle, STATUS_SETTLE_MS);
          onEnded = () => {
            clearTimeout(timer);
            settle();
          };
        });
      }
      off();
      if (!ended) return said;
      // The English pointer to the status is replaced by what the status says (the other wording has none).
      const trimmed = { en: said.en.replace(/;? ?the connection's status says why\.?$/, ''), text: said.text.replace(/;? ?the connection's status says why\.?$/, '') };
      return say('cli.pub.connectionEndedAfter', { error: trimmed, status: describeStatus(ended) });
    },
  };
}

/** The status's reason, with the raw error behind it when that says more (the connections area words both). */
function describeStatus(status: ConnectionStatus): Said {
  const reason = status.reason ?? status.state;
  return verbatim(status.detail && status.detail !== reason ? `${reason} (${status.detail})` : reason);
}

/**
 * Prints each message as it arrives, as mosquitto_sub does: the payload (with -v, the topic first),
 * or with --json one JSON line per message with the payload in Base64 and as text when it is UTF-8.
 * Ends at -C messages, after -W seconds, on the first SIGINT or SIGTERM (0), or when the connection
 * is lost for good or a subscription cannot be made (1); `note` then says why and how many arrived.
 */
export async function subCommand(core: AppCore, args: SubArgs, write: (line: string) => void, stopSignal: Promise<Said>, note: (text: string) => void): Promise<number> {
  const invoke = invokeFrom(core);
  const connected = await connectFromCli(core, profileFromFlags(args), stopSignal);
  if (connected.status.state !== 'connected') {
    write(JSON.stringify({ ok: false, error: connectFailure(connected).json }));
    return 1;
  }
  const connectionId = connected.connectionId;
  const { store } = core.connections.get(connectionId);
  let printedUpTo = store.newestId;
  let printed = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const unsubscribers: (() => void)[] = [];
  const ending = await new Promise<{ code: number; why: Said }>((done) => {
    void stopSignal.then((why) => done({ code: 0, why }));
    if (args.seconds !== undefined) {
      const timer = setTimeout(() => done({ code: 0, why: say('cli.stop.secondsPassed', { seconds: String(args.seconds) }) }), args.seconds * 1000);
      unsubscribers.push(() => clearTimeout(timer));
    }
    let finished = false;
    const fail = (why: Said) => {
      finished = true;
      done({ code: 1, why });
    };
    unsubscribers.push(
      core.bus.subscribe((envelope) => {
        if (finished) return;
        if (envelope.name === 'connection.updated') {
          const { connectionId: id, status } = envelope.payload as ConnectionSnapshot;
          // Reconnecting is not the end: the profile retries a few times before it fails.
          if (id === connectionId && (status.state === 'failed' || status.state === 'disconnected')) fail(say('cli.sub.connectionEnded', { status: describeStatus(status) }));
          return;
        }
        // Updates keep coming after the count is reached (the rate settling to 0): print nothing more.
        if (envelope.name !== 'messages.appended' || (envelope.payload as HistoryUpdate).connectionId !== connectionId) return;
        for (let id = printedUpTo + 1; id <= store.newestId; id++) {
          printedUpTo = id;
          const message = store.get(id);
          if (!message || message.row.direction !== 'in') continue;
          const bytes = Buffer.from(message.payload);
          if (args.json) {
            let text: string | undefined;
            try {
              text = decoder.decode(bytes);
            } catch {
              text = undefined;
            }
            write(JSON.stringify({ topic: message.row.topic, qos: message.row.qos, retain: message.row.retain, payloadBase64: bytes.toString('base64'), ...(text === undefined ? {} : { text }) }));
          } else {
            write(args.verbose ? `${message.row.topic} ${bytes.toString('utf8')}` : bytes.toString('utf8'));
          }
          printed++;
          if (args.count !== undefined && printed >= args.count) {
            finished = true;
            return done({ code: 0, why: say('cli.sub.countReached', { count: String(args.count) }) });
          }
        }
      }),
    );
    // As mosquitto_sub: the run ends only when every subscription failed; the others may still deliver.
    const refusals: Said[] = [];
    const refused = (why: Said) => {
      refusals.push(why);
      if (refusals.length === args.topics.length && !finished) fail(joinSaid(refusals, '; '));
    };
    for (const filter of args.topics) {
      invoke('subscription.add', { connectionId, filter, qos: args.qos }).then(
        (subscription) => {
          if (subscription.state === 'failed') refused(say('cli.sub.subscriptionFailed', { filter, reason: subscription.reason === undefined ? say('cli.connect.noReason') : verbatim(subscription.reason) }));
        },
        (error: unknown) => {
          // Refused because the connection ended first (a broker's violation right after CONNACK): its reason is the news.
          const { status } = core.connections.get(connectionId).snapshot();
          refused(
            status.state === 'failed' || status.state === 'disconnected'
              ? say('cli.sub.connectionEnded', { status: describeStatus(status) })
              : say('cli.sub.couldNotSubscribe', { filter, error: saidError(error) }),
          );
        },
      );
    }
  });
  for (const unsubscribe of unsubscribers) unsubscribe();
  if (ending.code !== 0 && args.json) write(JSON.stringify({ ok: false, error: ending.why.en, received: printed }));
  note(cliT()('cli.sub.stopped', { why: ending.why.text, count: printed }));
  return ending.code;
}
