import type { Direction } from '../../../shared/domain/message';
import type { FlowTracker } from '../flows/flow-tracker';
import type { TappedPacket } from '../packets/packet-tap';

/** Packets held back at most, waiting for the message of a PUBLISH among them. */
const HOLD_LIMIT = 10_000;
/** How far ahead a message looks for its PUBLISH before it is taken as one without a packet. */
const LOOK_AHEAD = 16;

export interface RecordedMessageKey {
  direction: Direction;
  topic: string;
  packetId?: number;
}

/**
 * Feeds a recording's packets to the flow tracker with the history id of each PUBLISH's message, as
 * a live connection does. The recorder writes a packet the moment it is tapped and copies messages
 * from the history a little later, so a PUBLISH comes before its message in the file: packets are
 * held from the first unmatched PUBLISH on, in order, until its message arrives. The two streams are
 * in the same order, so the message matches the oldest held PUBLISH; one with no message (missed by
 * the recorder) is passed on without an id when a later one matches.
 */
export class RecordedFlows {
  private held: TappedPacket[] = [];

  constructor(
    private readonly tracker: FlowTracker,
    /** Told when a PUBLISH packet is matched with its message. */
    private readonly onLinked: (tapped: TappedPacket, messageId: number) => void = () => undefined,
  ) {}

  packet(tapped: TappedPacket): void {
    if (this.held.length === 0 && tapped.packet.cmd !== 'publish') {
      this.tracker.record(tapped);
      return;
    }
    this.held.push(tapped);
    if (this.held.length > HOLD_LIMIT) this.release(1);
  }

  message(messageId: number, key: RecordedMessageKey): void {
    let seen = 0;
    for (let index = 0; index < this.held.length && seen < LOOK_AHEAD; index++) {
      const tapped = this.held[index] as TappedPacket;
      if (tapped.packet.cmd !== 'publish') continue;
      seen++;
      if (!matches(tapped, key)) continue;
      this.release(index);
      this.held.shift();
      this.tracker.record(tapped, messageId);
      this.onLinked(tapped, messageId);
      this.releaseUntilPublish();
      return;
    }
  }

  /** The end of the file: what still waits goes in without a message. */
  finish(): void {
    this.release(this.held.length);
  }

  /** Passes on the first `count` held packets, without message ids. */
  private release(count: number): void {
    for (const tapped of this.held.splice(0, count)) this.tracker.record(tapped);
    this.releaseUntilPublish();
  }

  private releaseUntilPublish(): void {
    let index = 0;
    while (index < this.held.length && this.held[index]?.packet.cmd !== 'publish') index++;
    for (const tapped of this.held.splice(0, index)) this.tracker.record(tapped);
  }
}

function matches(tapped: TappedPacket, key: RecordedMessageKey): boolean {
  const packet = tapped.packet as { topic?: string; messageId?: number };
  if ((tapped.direction === 'received' ? 'in' : 'out') !== key.direction) return false;
  // A received topic may have come as an alias (empty topic); the packet id still tells.
  if (packet.topic !== key.topic && packet.topic !== '') return false;
  return (packet.messageId ?? 0) === (key.packetId ?? 0);
}
