import type { Packet } from 'mqtt';
import { english, msg, type Message } from '../../../shared/i18n';
import type { ConnectPhase, ConnectionStatus } from '../../../shared/domain/connection';
import type { DisconnectEvent, DisconnectSide, LifelineEvent, LifelineSlice, PingEvent } from '../../../shared/domain/lifeline';
import { describeConnack, reasonCodeName } from '../../../shared/mqtt/reason-codes';
import { monotonicMs } from '../broker/wire/monotonic-clock';
import type { TappedPacket } from '../packets/packet-tap';

/** Enough for days of 1 s keepalive pings; older events go, and how many went is counted. */
export const LIFELINE_CAPACITY = 10_000;
/** A PINGREQ unanswered for this many keepalive intervals is missing; MQTT.js gives up on the connection about then. */
const PING_PATIENCE = 1.5;
/** What Connection.disconnect() writes in the status: the user's goodbye, not a loss (it may go on to say what was left unacknowledged). */
const BY_YOU = 'disconnected by you';

/** The user's own Disconnect, which may go on to name its reason code and say what it left unacknowledged. */
function byYou(status: ConnectionStatus): boolean {
  // "disconnected by you with 0x04 …" names the reason code the user chose on MQTT 5.
  return status.reason === BY_YOU || (status.reason?.startsWith(`${BY_YOU};`) ?? false) || (status.reason?.startsWith(`${BY_YOU} with `) ?? false);
}

export interface Stamp {
  monotonicMs: number;
  wallTime: number;
}

export interface LifelineOptions {
  capacity?: number;
  /** The connection's target as shown, such as mqtt://127.0.0.1:1883. */
  target?: () => string;
  /** Called with the lowest id added or changed by each change. */
  onChange?: (fromId: number) => void;
  clock?: () => Stamp;
  /** Where the time of the attempt went, for its CONNACK received at `connackAtMs`; none for a recording. */
  connectPhases?: (connackAtMs: number) => ConnectPhase[] | undefined;
}

type NewEvent = LifelineEvent extends infer E ? (E extends LifelineEvent ? Omit<E, 'id' | 'monotonicMs' | 'wallTime'> : never) : never;

interface OpenSession {
  connectMs: number;
  connected: boolean;
  refused: boolean;
  protocolVersion: number;
}

const systemClock = (): Stamp => ({ monotonicMs: monotonicMs(), wallTime: Date.now() });

/**
 * One connection's lifeline: its attempts, CONNACKs, pings with their round trips, disconnects with
 * who ended them and why, and the scheduled reconnects. Fed from the packet tap (what crossed the
 * wire, stamped there) and from the connection's status changes (what only the client knows: a
 * socket error, the backoff it chose). Held in a ring; what the ring drops is counted.
 */
export class Lifeline {
  private readonly capacity: number;
  private readonly ring: (LifelineEvent | undefined)[];
  private start = 0;
  private count = 0;
  private nextId = 1;
  private droppedCount = 0;
  private session: OpenSession | undefined;
  /** The attempt number the next CONNECT belongs to: 0 for a first connect. */
  private attempt = 0;
  private reconnectPending = false;
  private keepaliveS = 0;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly target: () => string;
  private readonly onChange: (fromId: number) => void;
  private readonly clock: () => Stamp;
  private readonly connectPhases: (connackAtMs: number) => ConnectPhase[] | undefined;

  constructor(options: LifelineOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? LIFELINE_CAPACITY);
    this.ring = new Array<LifelineEvent | undefined>(this.capacity);
    this.target = options.target ?? (() => '');
    this.onChange = options.onChange ?? (() => undefined);
    this.clock = options.clock ?? systemClock;
    this.connectPhases = options.connectPhases ?? (() => undefined);
  }

  get evicted(): number {
    return this.droppedCount;
  }

  get size(): number {
    return this.count;
  }

  /** Events with id ≥ fromId still held, oldest first. */
  slice(fromId = 0): LifelineSlice {
    const oldestId = this.nextId - this.count;
    const events: LifelineEvent[] = [];
    for (let position = Math.max(0, fromId - oldestId); position < this.count; position++) {
      const event = this.ring[(this.start + position) % this.capacity];
      if (event) events.push({ ...event });
    }
    return { events, evicted: this.droppedCount, oldestId, nextId: this.nextId };
  }

  onPacket({ direction, packet, monotonicMs: time, wallTime }: TappedPacket): void {
    const stamp = { monotonicMs: time, wallTime };
    if (direction === 'sent') this.onSent(packet, stamp);
    else this.onReceived(packet, stamp);
  }

  onStatus(status: ConnectionStatus): void {
    switch (status.state) {
      case 'connecting':
        this.attempt = 0;
        this.reconnectPending = false;
        this.closeSession('client', said(msg('lifeline.core.closedToConnect')));
        break;
      case 'reconnecting':
        if (status.attempt !== undefined) this.attempt = status.attempt;
        if (status.nextAttemptAt === undefined) break;
        this.closeSession('network', problem(status));
        this.reconnectPending = true;
        this.add({
          kind: 'reconnect-scheduled',
          attempt: status.attempt ?? this.attempt,
          delayMs: Math.max(0, status.nextAttemptAt - status.since),
          nextAttemptAt: status.nextAttemptAt,
        });
        break;
      case 'disconnected':
        if (this.session) {
          this.closeSession(byYou(status) ? 'client' : 'network', byYou(status) ? {} : problem(status));
        } else if (this.reconnectPending) {
          this.add(giveUp(status.reason, msg('lifeline.core.stoppedReconnecting')));
        }
        this.reconnectPending = false;
        break;
      case 'failed':
        // A refusal in CONNACK is already on the line with its code; the socket closing after it is no news.
        if (this.session?.refused) this.session = undefined;
        else this.closeSession('network', problem(status));
        this.reconnectPending = false;
        this.add(giveUp(status.reason, msg('lifeline.core.failed')));
        break;
      default:
        break;
    }
  }

  dispose(): void {
    this.clearPingTimer();
  }

  private onSent(packet: Packet, stamp: Stamp): void {
    switch (packet.cmd) {
      case 'connect': {
        this.closeSession('client', said(msg('lifeline.core.replaced')));
        this.reconnectPending = false;
        this.keepaliveS = packet.keepalive ?? 0;
        const protocolVersion = packet.protocolVersion ?? 4;
        this.session = { connectMs: stamp.monotonicMs, connected: false, refused: false, protocolVersion };
        this.add({ kind: 'connect-attempt', attempt: this.attempt, target: this.target(), protocolVersion, keepaliveS: this.keepaliveS }, stamp);
        break;
      }
      case 'pingreq':
        this.add({ kind: 'ping', state: 'waiting' }, stamp);
        this.armPingTimer();
        break;
      case 'disconnect': {
        const code = packet.reasonCode ?? 0;
        this.closeSession('client', { code, codeText: reasonCodeName(code) }, stamp);
        break;
      }
      default:
        break;
    }
  }

  private onReceived(packet: Packet, stamp: Stamp): void {
    switch (packet.cmd) {
      case 'connack': {
        const session = this.session;
        const protocolVersion = session?.protocolVersion ?? 4;
        const code = (protocolVersion === 5 ? packet.reasonCode : packet.returnCode) ?? 0;
        const serverKeepAliveS = packet.properties?.serverKeepAlive;
        if (serverKeepAliveS !== undefined) this.keepaliveS = serverKeepAliveS;
        if (session) {
          session.connected = code === 0;
          session.refused = code !== 0;
        }
        const phases = session ? this.connectPhases(stamp.monotonicMs) : undefined;
        // The CONNECT is stamped when MQTT.js queues it, before the transport exists; the phases know when it went out.
        const sinceConnectMs = phases?.find((phase) => phase.name === 'mqtt')?.durationMs ?? (session ? stamp.monotonicMs - session.connectMs : undefined);
        this.add(
          {
            kind: 'connack',
            code,
            codeText: code === 0 ? 'accepted' : describeConnack(protocolVersion === 5 ? 5 : 4, code),
            sessionPresent: packet.sessionPresent,
            ...(sinceConnectMs !== undefined ? { sinceConnectMs } : {}),
            ...(phases ? { phases } : {}),
            ...(serverKeepAliveS !== undefined ? { serverKeepAliveS } : {}),
          },
          stamp,
        );
        break;
      }
      case 'pingresp': {
        const ping = this.newestPing('waiting');
        if (!ping) break;
        ping.state = 'answered';
        ping.rttMs = stamp.monotonicMs - ping.monotonicMs;
        this.clearPingTimer();
        this.onChange(ping.id);
        break;
      }
      case 'disconnect': {
        const code = packet.reasonCode ?? 0;
        const reasonString = packet.properties?.reasonString;
        this.closeSession('server', { code, codeText: reasonCodeName(code), ...(reasonString ? { reasonString } : {}) }, stamp);
        break;
      }
      default:
        break;
    }
  }

  /** Ends the open attempt, if any, with a disconnect event; pings still waiting then never got an answer. */
  private closeSession(by: DisconnectSide, said: Pick<DisconnectEvent, 'code' | 'codeText' | 'reasonString' | 'error' | 'errorMessage'>, stamp?: Stamp): void {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    this.markWaitingPingsMissing('connection closed');
    this.add({ kind: 'disconnect', by, wasConnected: session.connected, ...said }, stamp);
  }

  private armPingTimer(): void {
    this.clearPingTimer();
    if (this.keepaliveS <= 0) return;
    this.pingTimer = setTimeout(() => {
      this.pingTimer = undefined;
      this.markWaitingPingsMissing('timeout');
    }, this.keepaliveS * 1000 * PING_PATIENCE);
    // A ping that will never be answered must not keep the process alive.
    this.pingTimer.unref?.();
  }

  private clearPingTimer(): void {
    clearTimeout(this.pingTimer);
    this.pingTimer = undefined;
  }

  private markWaitingPingsMissing(because: NonNullable<PingEvent['missingBecause']>): void {
    this.clearPingTimer();
    let lowest: number | undefined;
    // Only the newest few can be waiting: MQTT.js sends the next PINGREQ only after the last answer.
    for (let position = this.count - 1; position >= Math.max(0, this.count - 16); position--) {
      const event = this.ring[(this.start + position) % this.capacity];
      if (event?.kind !== 'ping' || event.state !== 'waiting') continue;
      event.state = 'missing';
      event.missingBecause = because;
      lowest = event.id;
    }
    if (lowest !== undefined) this.onChange(lowest);
  }

  private newestPing(state: PingEvent['state']): PingEvent | undefined {
    for (let position = this.count - 1; position >= Math.max(0, this.count - 16); position--) {
      const event = this.ring[(this.start + position) % this.capacity];
      if (event?.kind === 'ping' && event.state === state) return event;
    }
    return undefined;
  }

  private add(fields: NewEvent, stamp: Stamp = this.clock()): void {
    const event = { ...fields, id: this.nextId++, monotonicMs: stamp.monotonicMs, wallTime: stamp.wallTime } as LifelineEvent;
    if (this.count === this.capacity) {
      this.ring[this.start] = event;
      this.start = (this.start + 1) % this.capacity;
      this.droppedCount++;
    } else {
      this.ring[(this.start + this.count) % this.capacity] = event;
      this.count++;
    }
    this.onChange(event.id);
  }
}

/** What the status said went wrong; the status's own reason is another area's words and goes as it came. */
function problem(status: ConnectionStatus): Pick<DisconnectEvent, 'error' | 'errorMessage'> {
  if (status.reason !== undefined) return { error: status.detail ? `${status.reason} (${status.detail})` : status.reason };
  return said(status.detail ? msg('lifeline.core.connectionClosedDetail', { detail: status.detail }) : msg('lifeline.core.connectionClosed'));
}

/** Our own words for why a session closed: English for logs and tests, the Message for the screen. */
function said(message: Message): Pick<DisconnectEvent, 'error' | 'errorMessage'> {
  return { error: english(message.key, message.params), errorMessage: message };
}

function giveUp(reason: string | undefined, ours: Message): { kind: 'give-up'; reason: string; reasonMessage?: Message } {
  return reason !== undefined ? { kind: 'give-up', reason } : { kind: 'give-up', reason: english(ours.key), reasonMessage: ours };
}
