import type { ConnectPhase } from '../../../shared/domain/connection';
import type { Profile } from '../../../shared/domain/profile';
import { usesWebSocket } from '../../../shared/domain/profile';
import type { EventBus } from '../event-bus';
import { Lifeline } from './lifeline';

/** At most four `lifeline.changed` a second per connection, however fast pings and attempts come. */
const CHANGE_INTERVAL_MS = 250;

/** A connection's lifeline and its coalesced change events. */
export class LifelineFeed {
  readonly recorder: Lifeline;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private changedFrom: number | undefined;

  constructor(
    private readonly connectionId: () => string,
    private readonly bus: EventBus,
    profile: () => Profile,
    connectPhases?: (connackAtMs: number) => ConnectPhase[] | undefined,
  ) {
    this.recorder = new Lifeline({ target: () => targetOf(profile()), onChange: (fromId) => this.noteChange(fromId), ...(connectPhases ? { connectPhases } : {}) });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.recorder.dispose();
  }

  private noteChange(fromId: number): void {
    this.changedFrom = this.changedFrom === undefined ? fromId : Math.min(this.changedFrom, fromId);
    this.timer ??= setTimeout(() => this.report(), CHANGE_INTERVAL_MS);
  }

  private report(): void {
    this.timer = undefined;
    const fromId = this.changedFrom;
    this.changedFrom = undefined;
    if (fromId !== undefined) this.bus.emit('lifeline.changed', { connectionId: this.connectionId(), fromId });
  }
}

export function targetOf(profile: Profile): string {
  return `${profile.transport}://${profile.host}:${profile.port}${usesWebSocket(profile.transport) ? profile.path : ''}`;
}
