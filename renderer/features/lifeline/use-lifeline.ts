import { useEffect, useState } from 'react';
import type { LifelineEvent } from '../../../shared/domain/lifeline';
import { api } from '../../api';
import { mergeSlice } from './lifeline-model';

export interface LifelineData {
  events: LifelineEvent[];
  evicted: number;
  /** The failure as thrown; the panel words it, so a language switch rewords it. */
  error: unknown;
}

/**
 * A connection's lifeline, kept current from `lifeline.changed`: each change asks only for the
 * events from the lowest id it names, and changes that come while a request runs are folded into
 * the next one, so there is never more than one request in flight.
 */
export function useLifeline(connectionId: string): LifelineData {
  const [data, setData] = useState<LifelineData>({ events: [], evicted: 0, error: undefined });
  useEffect(() => {
    let disposed = false;
    let held: LifelineEvent[] = [];
    let running = false;
    let wanted: number | undefined = 0;
    const pull = async () => {
      if (running || wanted === undefined) return;
      running = true;
      const fromId = wanted;
      wanted = undefined;
      try {
        const slice = await api.invoke('lifeline.get', { connectionId, fromId });
        if (disposed) return;
        held = mergeSlice(held, slice, fromId);
        setData({ events: held, evicted: slice.evicted, error: undefined });
      } catch (error) {
        if (!disposed) setData((previous) => ({ ...previous, error: error ?? new Error(String(error)) }));
      } finally {
        running = false;
      }
      if (!disposed && wanted !== undefined) void pull();
    };
    const off = api.on('lifeline.changed', (change) => {
      if (change.connectionId !== connectionId) return;
      wanted = wanted === undefined ? change.fromId : Math.min(wanted, change.fromId);
      void pull();
    });
    void pull();
    return () => {
      disposed = true;
      off();
    };
  }, [connectionId]);
  return data;
}

/** The wall clock, ticking while `live`, so spans that are still open grow on screen. */
export function useNow(live: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [live, intervalMs]);
  return now;
}
