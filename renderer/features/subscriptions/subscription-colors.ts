import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { topicMatches } from '../../../shared/mqtt/topics';
import { useAppStore } from '../../store/app-store';

/** Distinct in both themes and for the common colour-vision deficiencies (Okabe–Ito, minus black). */
const PALETTE = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#999999'];

/** Picked by place in the list rather than by a hash of the filter: two or three subscriptions never share a colour. */
export function subscriptionColor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#999999';
}

export interface TopicColor {
  color: string;
  filter: string;
}

/**
 * Which subscription a received topic matched, and its colour: the first in the list that matches.
 * Answers are kept per distinct topic, so a list that redraws every frame matches each topic once.
 */
export function useTopicColors(connectionId: string): (topic: string) => TopicColor | undefined {
  const filters = useAppStore(useShallow((state) => (state.connections[connectionId]?.subscriptions ?? []).map((entry) => entry.filter)));
  return useMemo(() => {
    const known = new Map<string, TopicColor | undefined>();
    return (topic: string) => {
      if (known.has(topic)) return known.get(topic);
      const index = filters.findIndex((filter) => topicMatches(filter, topic));
      const answer = index === -1 ? undefined : { color: subscriptionColor(index), filter: filters[index] ?? '' };
      if (known.size > 50_000) known.clear();
      known.set(topic, answer);
      return answer;
    };
  }, [filters]);
}
