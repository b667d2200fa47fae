import type { SimulatorDeviceState, SimulatorStatus } from '../../../shared/domain/simulator';
import { english, msg, type Message } from '../../../shared/i18n';

/** How far back the shown rate looks: long enough to be steady at 1 msg/s per device, short enough to follow a change. */
export const RATE_WINDOW_MS = 3000;
/** The most distinct reasons kept: a flood of differently worded errors must not grow without end. */
export const MAX_REASONS = 50;

/**
 * One reason for many devices: the part of an error that names the device (its client id) is taken
 * out, so 1,000 refusals read as one line with a count of 1,000.
 */
export function errorReason(message: string, clientId: string): string {
  let reason = message.trim() === '' ? 'unknown error' : message.trim();
  if (clientId !== '') reason = reason.split(clientId).join('{client id}');
  return reason;
}

/** Counts of a run's devices and sends, read by the page and the CLI. */
export class SimulatorCounts {
  private readonly states: SimulatorDeviceState[];
  /** By the English reason; `text` is kept for a reason of ours, to word where it is shown. */
  private readonly reasons = new Map<string, { count: number; devices: Set<number>; text?: Message }>();
  private otherReasons = 0;
  sent = 0;
  failedSends = 0;
  private samples: { atMs: number; sent: number }[] = [];

  constructor(devices: number, private readonly now: () => number = () => performance.now()) {
    this.states = new Array<SimulatorDeviceState>(devices).fill('waiting');
  }

  setState(device: number, state: SimulatorDeviceState): void {
    this.states[device - 1] = state;
  }

  stateOf(device: number): SimulatorDeviceState | undefined {
    return this.states[device - 1];
  }

  /** A reason is a peer's or library's own words (a string), or one of ours (a Message). */
  error(device: number, cause: string | Message): void {
    const reason = typeof cause === 'string' ? cause : english(cause.key, cause.params);
    let entry = this.reasons.get(reason);
    if (!entry) {
      if (this.reasons.size >= MAX_REASONS) {
        this.otherReasons++;
        return;
      }
      entry = typeof cause === 'string' ? { count: 0, devices: new Set() } : { count: 0, devices: new Set(), text: cause };
      this.reasons.set(reason, entry);
    }
    entry.count++;
    entry.devices.add(device);
  }

  /** Takes a sample of the sent count; the rate is measured between the oldest sample in the window and now. */
  sample(): void {
    const atMs = this.now();
    this.samples.push({ atMs, sent: this.sent });
    while (this.samples.length > 2 && atMs - (this.samples[1]?.atMs ?? atMs) >= RATE_WINDOW_MS) this.samples.shift();
  }

  rate(): number {
    const first = this.samples[0];
    if (!first) return 0;
    const elapsed = this.now() - first.atMs;
    return elapsed <= 0 ? 0 : ((this.sent - first.sent) * 1000) / elapsed;
  }

  status(running: boolean): SimulatorStatus {
    const count = (state: SimulatorDeviceState) => this.states.reduce((total, each) => total + (each === state ? 1 : 0), 0);
    const errors = [...this.reasons.entries()]
      .map(([reason, entry]) => ({ reason, ...(entry.text ? { reasonText: entry.text } : {}), count: entry.count, devices: entry.devices.size }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    const other = msg('simulator.reason.other');
    if (this.otherReasons > 0) errors.push({ reason: english(other.key), reasonText: other, count: this.otherReasons, devices: 0 });
    return {
      running,
      devices: this.states.length,
      waiting: count('waiting'),
      connecting: count('connecting'),
      connected: count('connected'),
      reconnecting: count('reconnecting'),
      failed: count('failed'),
      stopped: count('stopped'),
      sent: this.sent,
      failedSends: this.failedSends,
      ratePerSecond: Math.round(this.rate() * 10) / 10,
      errors,
    };
  }
}
