import type { MessageRow } from '../../../shared/domain/message';
import { api } from '../../api';

/**
 * Message rows live here, outside React: a burst of thousands of rows is an array push, and
 * components re-read only when they are told something changed (at most once per animation frame).
 */
export class MessageBuffer {
  rows: MessageRow[] = [];
  /** Bumped on every change so subscribers can cheaply compare. */
  version = 0;
  private readonly listeners = new Set<() => void>();
  private frame: number | undefined;

  append(rows: readonly MessageRow[]): void {
    const lastId = this.rows.at(-1)?.id ?? 0;
    for (const row of rows) if (row.id > lastId) this.rows.push(row);
    this.changed();
  }

  reset(rows: MessageRow[] = []): void {
    this.rows = rows;
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    // Coalesce to one notification per frame however many batches arrive.
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      for (const listener of this.listeners) listener();
    });
  }
}

const buffers = new Map<string, MessageBuffer>();
const loading = new Map<string, Promise<void>>();

export function messageBuffer(connectionId: string): MessageBuffer {
  let buffer = buffers.get(connectionId);
  if (!buffer) buffers.set(connectionId, (buffer = new MessageBuffer()));
  return buffer;
}

/** Fills a buffer with the history the main process already holds (after a reload, or a second tab). */
export function loadHistory(connectionId: string): Promise<void> {
  const existing = loading.get(connectionId);
  if (existing) return existing;
  const task = (async () => {
    const fetched: MessageRow[] = [];
    const pageSize = 20_000;
    for (;;) {
      const page = await api.invoke('message.list', { connectionId, from: fetched.length, count: pageSize });
      fetched.push(...page.rows);
      if (page.rows.length < pageSize || fetched.length >= page.total) break;
    }
    const buffer = messageBuffer(connectionId);
    // Rows that arrived as events while the pages loaded are newer; keep them after the fetched ones.
    const lastFetched = fetched.at(-1)?.id ?? 0;
    buffer.reset([...fetched, ...buffer.rows.filter((row) => row.id > lastFetched)]);
  })();
  loading.set(connectionId, task);
  return task;
}

export function startMessageFeed(): () => void {
  const offAppended = api.on('messages.appended', ({ connectionId, rows }) => messageBuffer(connectionId).append(rows));
  const offCleared = api.on('messages.cleared', ({ connectionId }) => messageBuffer(connectionId).reset());
  const offRemoved = api.on('connection.removed', ({ connectionId }) => {
    buffers.delete(connectionId);
    loading.delete(connectionId);
  });
  return () => {
    offAppended();
    offCleared();
    offRemoved();
  };
}
