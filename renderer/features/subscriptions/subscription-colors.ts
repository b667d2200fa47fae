import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/app-store';
import { topicColor } from './topic-color';
import type { TopicColor } from './topic-color';

export { subscriptionColor, topicColor } from './topic-color';
export type { TopicColor } from './topic-color';

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
      const answer = topicColor(filters, topic);
      if (known.size > 50_000) known.clear();
      known.set(topic, answer);
      return answer;
    };
  }, [filters]);
}
