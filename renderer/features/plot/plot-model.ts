import { api } from '../../api';
import { msg, type Message } from '../../../shared/i18n';

/** Enough for a chart to stay readable; each series is one more line and one more request per update. */
export const MAX_SERIES = 8;
/** Live updates are fetched at most this often, however fast messages arrive. */
const REFRESH_INTERVAL_MS = 300;
const PAGE_POINTS = 50_000;

export interface PlotSeries {
  key: string;
  topic: string;
  /** A field path as `message.series` takes it; "" for a bare number payload. */
  field: string;
  /** Index into the plot palette; kept when other series are removed, so colours do not jump. */
  colorIndex: number;
  /** Every point fetched: the CSV export takes them all, the chart draws a downsampled copy. */
  ids: number[];
  times: number[];
  values: number[];
  skipped: number;
  lastId: number;
  /** What the last fetch threw, worded where it is shown. */
  error: unknown;
}

/**
 * The series plotted for one connection, outside React: points arrive in pages from the main
 * process and components re-read on `version`. It outlives the Plot tab, so switching tabs keeps
 * the plot, and while a panel is shown it follows `messages.appended` for its connection.
 */
export class PlotModel {
  series: PlotSeries[] = [];
  version = 0;
  private readonly listeners = new Set<() => void>();
  private watchers = 0;
  private unsubscribe: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private wanted = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastRun = 0;

  constructor(private readonly connectionId: string) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Returns a reason, for the form to word, when the series cannot be added. */
  add(topic: string, field: string): Message | undefined {
    if (this.series.some((entry) => entry.topic === topic && entry.field === field)) return msg('plot.model.duplicate');
    if (this.series.length >= MAX_SERIES) return msg('plot.model.tooMany', { max: MAX_SERIES });
    const used = new Set(this.series.map((entry) => entry.colorIndex));
    let colorIndex = 0;
    while (used.has(colorIndex)) colorIndex++;
    this.series = [
      ...this.series,
      { key: `${topic}\u0000${field}`, topic, field, colorIndex, ids: [], times: [], values: [], skipped: 0, lastId: 0, error: undefined },
    ];
    this.changed();
    this.requestRefresh(true);
    return undefined;
  }

  remove(key: string): void {
    this.series = this.series.filter((entry) => entry.key !== key);
    this.changed();
  }

  /** A panel showing this plot: follow new messages until the returned function is called. */
  watch(): () => void {
    if (this.watchers++ === 0) {
      const offAppended = api.on('messages.appended', (payload) => {
        if (payload.connectionId === this.connectionId) this.requestRefresh(false);
      });
      const offCleared = api.on('messages.cleared', (payload) => {
        if (payload.connectionId !== this.connectionId) return;
        // Ids are never reused, so each series simply continues after its lastId.
        for (const entry of this.series) Object.assign(entry, { ids: [], times: [], values: [], skipped: 0 });
        this.changed();
      });
      this.unsubscribe = () => {
        offAppended();
        offCleared();
      };
      // Catch up with what arrived while no panel was watching.
      this.requestRefresh(true);
    }
    return () => {
      if (--this.watchers > 0) return;
      this.unsubscribe?.();
      this.unsubscribe = undefined;
      clearTimeout(this.timer);
      this.timer = undefined;
    };
  }

  /** Throttled: at most one fetch every REFRESH_INTERVAL_MS, and never two at once. */
  private requestRefresh(now: boolean): void {
    this.wanted = true;
    if (this.running || this.timer !== undefined) return;
    const wait = now ? 0 : Math.max(0, this.lastRun + REFRESH_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, wait);
  }

  private async refresh(): Promise<void> {
    this.wanted = false;
    this.lastRun = Date.now();
    this.running = (async () => {
      for (const entry of this.series) await this.fetchNewer(entry);
    })();
    await this.running;
    this.running = undefined;
    this.changed();
    if (this.wanted) this.requestRefresh(false);
  }

  private async fetchNewer(entry: PlotSeries): Promise<void> {
    try {
      for (;;) {
        const page = await api.invoke('message.series', {
          connectionId: this.connectionId,
          topic: entry.topic,
          field: entry.field,
          afterId: entry.lastId,
          limit: PAGE_POINTS,
        });
        // A series removed meanwhile is no longer drawn; its pages are simply dropped.
        const { ids, times, values } = page.points;
        for (let index = 0; index < ids.length; index++) {
          entry.ids.push(ids[index] ?? 0);
          entry.times.push(times[index] ?? 0);
          entry.values.push(values[index] ?? 0);
        }
        entry.skipped += page.skipped;
        entry.lastId = page.lastId;
        entry.error = undefined;
        if (!page.more) return;
        this.changed();
      }
    } catch (error) {
      entry.error = error ?? new Error(String(error));
    }
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

const models = new Map<string, PlotModel>();

export function plotModel(connectionId: string): PlotModel {
  let model = models.get(connectionId);
  if (!model) models.set(connectionId, (model = new PlotModel(connectionId)));
  return model;
}
