import type { BrokerLogEntry, BrokerLogKind } from '../../../shared/domain/broker';
import { englishText, type BrokerText } from '../../../shared/broker/broker-text';

export const defaultLogCapacity = 2000;
/** Entries reach the renderer in batches: a burst of connects is one event, not hundreds. */
const BATCH_MS = 100;

/**
 * The broker's log: the newest entries in memory for `broker.log.list`, and each new entry sent in
 * a batch on `broker.log`. Entries are rare next to packets (connects, refusals, wills), so a plain
 * array that drops its oldest is enough.
 */
export class BrokerLog {
  private readonly entries: BrokerLogEntry[] = [];
  private pending: BrokerLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(
    private readonly publish: (entries: BrokerLogEntry[]) => void,
    private readonly capacity = defaultLogCapacity,
  ) {}

  /** `message` is worded by whoever shows the entry; `text` keeps the English for the CLI and tests. */
  add(kind: BrokerLogKind, message: BrokerText, clientId?: string): void {
    const entry: BrokerLogEntry = { seq: ++this.seq, time: Date.now(), kind, text: englishText(message), message };
    if (clientId !== undefined) entry.clientId = clientId;
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
    this.pending.push(entry);
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  list(): BrokerLogEntry[] {
    return [...this.entries];
  }

  /** Sends what is pending now; also what close() calls so no entry is lost. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    this.publish(entries);
  }
}
