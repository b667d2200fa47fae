import type { FlowCounts, FlowFilter, FlowPath, FlowView, PacketRef } from '../../../shared/domain/flow';
import { DEFAULT_WARN_AFTER_MS } from '../../../shared/domain/flow';
import { api } from '../../api';

/** The newest flows listed; older ones are reached by filtering. */
export const LIST_LIMIT = 500;
const WARN_KEY = 'mqtt-lab-flow-warn-after-ms';

function storedWarnAfter(): number {
  const stored = Number(localStorage.getItem(WARN_KEY));
  return Number.isFinite(stored) && stored > 0 ? stored : DEFAULT_WARN_AFTER_MS;
}

/**
 * One connection's timeline, outside React: the flows listed under the filter, which are selected,
 * and the packet picked in the diagram. It follows `flows.changed` while a panel shows it, with one
 * request in flight and at most one more asked for, so a busy connection costs a few lists a second.
 */
export class TimelineModel {
  flows: FlowView[] = [];
  more = false;
  counts: FlowCounts = { total: 0, evicted: 0, waiting: 0 };
  /** Date.now() when `flows` was fetched, to age waiting flows between fetches. */
  fetchedAt = 0;
  filter: FlowFilter = {};
  warnAfterMs = storedWarnAfter();
  /** The flows chosen for export; `focused` is the one drawn. */
  selected: number[] = [];
  focused: FlowView | undefined;
  /** The packet of the drawn flow the user picked: the packet inspector shows this one. */
  selectedPacket: PacketRef | undefined;
  path: FlowPath | undefined;
  /** Failures as thrown, worded where shown (describeError) so a language switch rewords them. */
  pathError: unknown;
  error: unknown;
  version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly packetListeners = new Set<(ref: PacketRef) => void>();
  private watchers = 0;
  private off: (() => void) | undefined;
  private inFlight = false;
  private again = false;

  constructor(readonly connectionId: string) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** A panel showing the timeline: follow the connection's flows until the returned function is called. */
  watch(): () => void {
    if (this.watchers++ === 0) {
      this.off = api.on('flows.changed', (payload) => {
        if (payload.connectionId !== this.connectionId) return;
        this.counts = payload.counts;
        void this.refresh();
      });
      void this.refresh();
    }
    return () => {
      if (--this.watchers === 0) {
        this.off?.();
        this.off = undefined;
      }
    };
  }

  setFilter(patch: Partial<FlowFilter>): void {
    const merged: FlowFilter = { ...this.filter, ...patch };
    if (merged.qos?.length === 0) delete merged.qos;
    if (merged.states?.length === 0) delete merged.states;
    if (merged.topic === '') delete merged.topic;
    this.filter = merged;
    this.changed();
    void this.refresh();
  }

  setWarnAfter(ms: number): void {
    this.warnAfterMs = ms;
    localStorage.setItem(WARN_KEY, String(ms));
    this.changed();
    void this.refresh();
  }

  /** A click selects one flow; with `extend` (Ctrl or ⌘) it is added to or taken from the selection. */
  select(flow: FlowView, extend = false): void {
    if (extend) {
      this.selected = this.selected.includes(flow.flowId) ? this.selected.filter((id) => id !== flow.flowId) : [...this.selected, flow.flowId];
    } else {
      this.selected = [flow.flowId];
    }
    this.focus(flow);
  }

  /** Shows the flow of a history message, fetched when it is not among those listed. */
  async showMessage(messageId: number): Promise<void> {
    if (this.focused?.steps.some((step) => step.messageId === messageId)) return;
    try {
      const { flowId } = await api.invoke('flows.ofMessage', { connectionId: this.connectionId, messageId });
      if (flowId === null) return;
      const listed = this.flows.find((flow) => flow.flowId === flowId);
      const flow = listed ?? (await api.invoke('flows.get', { connectionId: this.connectionId, flowIds: [flowId], warnAfterMs: this.warnAfterMs })).flows[0];
      if (!flow) return;
      this.selected = [flow.flowId];
      this.focus(flow);
    } catch (error) {
      this.error = error ?? new Error(String(error));
      this.changed();
    }
  }

  selectPacket(ref: PacketRef): void {
    this.selectedPacket = ref;
    for (const listener of this.packetListeners) listener(ref);
    this.changed();
  }

  /** For the packet inspector: called with each packet the user picks in the diagram. */
  onSelectPacket(listener: (ref: PacketRef) => void): () => void {
    this.packetListeners.add(listener);
    return () => this.packetListeners.delete(listener);
  }

  async loadPath(): Promise<void> {
    const flow = this.focused;
    if (!flow) return;
    try {
      this.path = await api.invoke('flows.path', { connectionId: this.connectionId, flowId: flow.flowId });
      this.pathError = undefined;
    } catch (error) {
      this.path = undefined;
      this.pathError = error ?? new Error(String(error));
    }
    this.changed();
  }

  closePath(): void {
    this.path = undefined;
    this.pathError = undefined;
    this.changed();
  }

  /** The selected flows as held now, for the export. */
  async selectedFlows(): Promise<FlowView[]> {
    const { flows } = await api.invoke('flows.get', { connectionId: this.connectionId, flowIds: this.selected, warnAfterMs: this.warnAfterMs });
    return flows;
  }

  async clear(): Promise<void> {
    await api.invoke('flows.clear', { connectionId: this.connectionId });
    this.selected = [];
    this.focused = undefined;
    this.path = undefined;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    try {
      do {
        this.again = false;
        try {
          const result = await api.invoke('flows.list', { connectionId: this.connectionId, filter: this.filter, limit: LIST_LIMIT, warnAfterMs: this.warnAfterMs });
          this.flows = result.flows;
          this.more = result.more;
          this.counts = result.counts;
          this.fetchedAt = Date.now();
          this.error = undefined;
          // The drawn flow follows its newer state: a waiting flow grows steps while it is shown.
          const focusedId = this.focused?.flowId;
          if (focusedId !== undefined) {
            const fresh = this.flows.find((flow) => flow.flowId === focusedId);
            if (fresh) this.focused = fresh;
            else if (this.focused?.state === 'waiting') {
              const [held] = (await api.invoke('flows.get', { connectionId: this.connectionId, flowIds: [focusedId], warnAfterMs: this.warnAfterMs })).flows;
              if (held) this.focused = held;
            }
          }
        } catch (error) {
          this.error = error ?? new Error(String(error));
        }
        this.changed();
      } while (this.again);
    } finally {
      this.inFlight = false;
    }
  }

  private focus(flow: FlowView): void {
    const changedFlow = this.focused?.flowId !== flow.flowId;
    this.focused = flow;
    if (changedFlow) {
      this.selectedPacket = undefined;
      this.path = undefined;
      this.pathError = undefined;
    }
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

const models = new Map<string, TimelineModel>();

/** The timeline of a connection: one per connection for the whole session, so switching tabs keeps it. */
export function timelineModel(connectionId: string): TimelineModel {
  let model = models.get(connectionId);
  if (!model) {
    model = new TimelineModel(connectionId);
    models.set(connectionId, model);
  }
  return model;
}
