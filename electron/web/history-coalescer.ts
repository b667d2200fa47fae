import type { EventEnvelope } from '../../shared/contract';

/** The part of a WebSocket this needs: how much it has not sent yet, and a way to send. */
export interface FrameSink {
  readonly bufferedAmount: number;
  send(frame: string): void;
}

/** Above this much unsent data the browser is not keeping up; history updates then wait. */
const BEHIND_BYTES = 1024 * 1024;
const RETRY_MS = 50;

/**
 * Sends one socket its events, coalescing history updates while the socket is behind: each update
 * is a complete snapshot of a connection's counters, so only the newest one per connection need
 * wait, and nothing is lost (the store still holds every message; rows are read on demand).
 * Other events go out at once and in order.
 */
export class HistoryCoalescer {
  private readonly held = new Map<string, string>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly sink: FrameSink,
    private readonly behindBytes = BEHIND_BYTES,
  ) {}

  send(envelope: EventEnvelope, frame: string): void {
    if (envelope.name === 'messages.appended') {
      const { connectionId } = envelope.payload as { connectionId: string };
      if (this.sink.bufferedAmount > this.behindBytes || this.held.size > 0) {
        this.held.set(connectionId, frame);
        this.timer ??= setInterval(() => this.release(), RETRY_MS);
        return;
      }
    } else if (envelope.name === 'messages.cleared' || envelope.name === 'connection.removed') {
      // An update held from before the clear would bring back counts that no longer hold.
      this.held.delete((envelope.payload as { connectionId: string }).connectionId);
    }
    this.sink.send(frame);
  }

  /** How many connections have an update waiting; for tests and diagnostics. */
  get waiting(): number {
    return this.held.size;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.held.clear();
  }

  private release(): void {
    if (this.sink.bufferedAmount > this.behindBytes) return;
    for (const frame of this.held.values()) this.sink.send(frame);
    this.held.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
