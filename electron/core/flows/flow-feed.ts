import type { EventBus } from '../event-bus';
import { FlowTracker } from './flow-tracker';
import type { FlowTrackerOptions } from './flow-tracker';

/** At most five `flows.changed` a second per connection, however many packets pass. */
const CHANGE_INTERVAL_MS = 200;

/**
 * A connection's flow tracker and the events about it: a packet only marks the flows changed, and
 * the counters are reported once per interval, never per packet.
 */
export class FlowFeed {
  readonly tracker: FlowTracker;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connectionId: () => string,
    private readonly bus: EventBus,
    options: FlowTrackerOptions = {},
    private readonly intervalMs = CHANGE_INTERVAL_MS,
  ) {
    this.tracker = new FlowTracker(options);
    this.tracker.onChange = this.changed;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly changed = (): void => {
    if (this.timer === undefined) this.timer = setTimeout(this.report, this.intervalMs);
  };

  private readonly report = (): void => {
    this.timer = undefined;
    this.bus.emit('flows.changed', { connectionId: this.connectionId(), counts: this.tracker.counts });
  };
}
