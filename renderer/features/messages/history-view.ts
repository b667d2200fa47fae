import type { HistoryUpdate, MessageRow } from '../../../shared/domain/message';
import type { MessageCriteria } from '../../../shared/schemas';
import { api } from '../../api';

/** Rows kept for scrolling back and forth; the main process holds them all, this is only a window. */
const CACHE_LIMIT = 30_000;
const FETCH_BATCH = 2000;
const MATCH_PAGE = 200_000;

/** A row the list asked for that the store no longer holds (evicted while the view was paused). */
export const GONE = 'gone';
export type RowSlot = MessageRow | typeof GONE | undefined;

interface Frozen {
  firstId: number;
  lastId: number;
  matchCount: number;
}

/**
 * What one connection's message list shows, outside React. The main process holds every message;
 * this keeps its counters, the ids a filter matched, and a cache of the rows near what is on
 * screen, fetched by id when the list scrolls to them. A burst of updates costs a few assignments,
 * and listeners hear of changes at most once per animation frame.
 */
export class HistoryView {
  firstId = 1;
  lastId = 0;
  evicted = 0;
  rates = { in: 0, out: 0 };
  version = 0;
  /** Grows by how many positions the oldest shown rows moved up, so a scrolled list can stay put. */
  frontShift = 0;
  criteria: MessageCriteria | undefined;
  /** What the last match request threw, worded where it is shown. */
  matchError: unknown;
  private matchIds: number[] = [];
  /** matchIds before this index were evicted; dropped lazily so eviction is not an array shift. */
  private matchStart = 0;
  private scannedTo = 0;
  private matching = false;
  private matchAgain = false;
  private criteriaKey = '';
  private frozen: Frozen | undefined;
  private readonly cache = new Map<number, MessageRow | typeof GONE>();
  private readonly wanted = new Set<number>();
  private fetching = false;
  private readonly listeners = new Set<() => void>();
  private frame: number | undefined;

  constructor(private readonly connectionId: string) {}

  get filtered(): boolean {
    return this.criteria !== undefined;
  }

  get paused(): boolean {
    return this.frozen !== undefined;
  }

  /** How many messages the store holds, whatever the filter. */
  get held(): number {
    return this.lastId - this.firstId + 1;
  }

  get matchCount(): number {
    return this.matchIds.length - this.matchStart;
  }

  /** How many rows the list shows: frozen while paused. */
  get count(): number {
    if (this.frozen) return this.filtered ? this.frozen.matchCount : this.frozen.lastId - this.frozen.firstId + 1;
    return this.filtered ? this.matchCount : this.held;
  }

  /** Messages recorded since the view was paused. */
  get newSincePause(): number {
    return this.frozen ? this.lastId - this.frozen.lastId : 0;
  }

  idAt(index: number): number | undefined {
    if (index < 0 || index >= this.count) return undefined;
    if (this.filtered) return this.matchIds[this.matchStart + index];
    return (this.frozen?.firstId ?? this.firstId) + index;
  }

  /** The index of a message id in the list, or -1. */
  indexOf(id: number): number {
    if (!this.filtered) {
      const index = id - (this.frozen?.firstId ?? this.firstId);
      return index >= 0 && index < this.count ? index : -1;
    }
    // Ids are increasing, so a binary search finds one among a million matches without a scan.
    let low = this.matchStart;
    let high = this.matchStart + this.count - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const value = this.matchIds[middle] ?? 0;
      if (value === id) return middle - this.matchStart;
      if (value < id) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The row at a list index, or undefined while it is being fetched. */
  rowAt(index: number): RowSlot {
    const id = this.idAt(index);
    if (id === undefined) return undefined;
    if (id < this.firstId) return GONE;
    const row = this.cache.get(id);
    if (row === undefined) this.want(id);
    return row;
  }

  apply(update: HistoryUpdate): void {
    // A paused view keeps its rows where they are; evicted ones show as gone until it resumes.
    if (!this.frozen) this.frontShift += this.filtered ? this.dropEvictedMatches(update.firstId) : Math.max(0, update.firstId - this.firstId);
    this.firstId = update.firstId;
    this.lastId = update.lastId;
    this.evicted = update.evicted;
    this.rates = update.rates;
    for (const row of update.rows) this.cache.set(row.id, row);
    this.pruneCache();
    if (this.filtered) this.findMatches();
    this.changed();
  }

  cleared(): void {
    this.firstId = this.lastId + 1;
    this.evicted = 0;
    this.cache.clear();
    this.matchIds = [];
    this.matchStart = 0;
    this.scannedTo = this.lastId;
    if (this.frozen) this.frozen = { firstId: this.firstId, lastId: this.lastId, matchCount: 0 };
    this.changed();
  }

  setCriteria(criteria: MessageCriteria): void {
    const key = JSON.stringify(criteria);
    if (key === this.criteriaKey) return;
    this.criteriaKey = key;
    this.criteria = Object.keys(criteria).length > 0 ? criteria : undefined;
    this.matchIds = [];
    this.matchStart = 0;
    this.scannedTo = 0;
    this.matchError = undefined;
    if (this.frozen) this.frozen = { ...this.frozen, matchCount: 0 };
    if (this.filtered) this.findMatches();
    this.changed();
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    if (!paused && this.frozen) {
      this.frontShift += this.filtered ? this.dropEvictedMatches(this.firstId) : Math.max(0, this.firstId - this.frozen.firstId);
    }
    this.frozen = paused ? { firstId: this.firstId, lastId: this.lastId, matchCount: this.matchCount } : undefined;
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private dropEvictedMatches(firstId: number): number {
    const before = this.matchStart;
    while (this.matchStart < this.matchIds.length && (this.matchIds[this.matchStart] ?? 0) < firstId) this.matchStart++;
    // Compact now and then, so a long-running filtered view does not keep every id it ever matched.
    if (this.matchStart > 100_000 && this.matchStart > this.matchIds.length / 2) {
      this.matchIds = this.matchIds.slice(this.matchStart);
      this.matchStart = 0;
    }
    return this.matchStart - before;
  }

  /** Asks for the matches among messages newer than the last one scanned; one request at a time. */
  private findMatches(): void {
    if (this.matching) {
      this.matchAgain = true;
      return;
    }
    const criteria = this.criteria;
    if (!criteria || this.scannedTo >= this.lastId) return;
    this.matching = true;
    const key = this.criteriaKey;
    api
      .invoke('message.matches', { connectionId: this.connectionId, ...criteria, afterId: this.scannedTo, limit: MATCH_PAGE })
      .then(({ ids, scannedTo, more }) => {
        if (key !== this.criteriaKey) return;
        for (const id of ids) if (id >= this.firstId) this.matchIds.push(id);
        this.scannedTo = scannedTo;
        this.matchAgain ||= more;
        this.changed();
      })
      .catch((error: unknown) => {
        if (key !== this.criteriaKey) return;
        this.matchError = error ?? new Error(String(error));
        this.changed();
      })
      .finally(() => {
        this.matching = false;
        if (key !== this.criteriaKey) return void this.findMatches();
        if (this.matchAgain && this.matchError === undefined) {
          this.matchAgain = false;
          this.findMatches();
        }
      });
  }

  private want(id: number): void {
    this.wanted.add(id);
    if (this.fetching) return;
    this.fetching = true;
    // Everything the list asks for while rendering one frame goes out as one request.
    queueMicrotask(() => void this.fetchWanted());
  }

  private async fetchWanted(): Promise<void> {
    try {
      while (this.wanted.size > 0) {
        const ids = [...this.wanted].slice(0, FETCH_BATCH);
        for (const id of ids) this.wanted.delete(id);
        const { rows } = await api.invoke('message.rows', { connectionId: this.connectionId, ids });
        for (const row of rows) this.cache.set(row.id, row);
        const found = new Set(rows.map((row) => row.id));
        for (const id of ids) if (!found.has(id)) this.cache.set(id, GONE);
        this.changed();
      }
    } catch {
      // The connection was removed, or the link dropped: the rows are asked for again on the next render.
      this.wanted.clear();
    } finally {
      this.fetching = false;
    }
  }

  private pruneCache(): void {
    if (this.cache.size <= CACHE_LIMIT) return;
    // Maps iterate in insertion order: the rows fetched longest ago go first.
    let excess = this.cache.size - CACHE_LIMIT / 2;
    for (const id of this.cache.keys()) {
      if (excess-- <= 0) break;
      this.cache.delete(id);
    }
  }

  private changed(): void {
    this.version++;
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      for (const listener of this.listeners) listener();
    });
  }
}

const views = new Map<string, HistoryView>();
const loaded = new Set<string>();

export function historyView(connectionId: string): HistoryView {
  let view = views.get(connectionId);
  if (!view) views.set(connectionId, (view = new HistoryView(connectionId)));
  return view;
}

/** Reads the counters and newest rows the main process already holds (after a reload, or in a second window). */
export function loadHistory(connectionId: string): void {
  if (loaded.has(connectionId)) return;
  loaded.add(connectionId);
  api
    .invoke('message.history', { connectionId })
    .then((update) => historyView(connectionId).apply(update))
    .catch(() => loaded.delete(connectionId));
}

export function startMessageFeed(): () => void {
  const offAppended = api.on('messages.appended', (update) => historyView(update.connectionId).apply(update));
  const offCleared = api.on('messages.cleared', ({ connectionId }) => historyView(connectionId).cleared());
  const offRemoved = api.on('connection.removed', ({ connectionId }) => {
    views.delete(connectionId);
    loaded.delete(connectionId);
  });
  return () => {
    offAppended();
    offCleared();
    offRemoved();
  };
}
