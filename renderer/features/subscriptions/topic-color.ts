import { topicMatches } from '../../../shared/mqtt/topics';

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

/** The first subscription in the list whose filter matches `topic` (a `$share` one by its inner filter), and its colour. */
export function topicColor(filters: readonly string[], topic: string): TopicColor | undefined {
  const index = filters.findIndex((filter) => topicMatches(filter, topic));
  return index === -1 ? undefined : { color: subscriptionColor(index), filter: filters[index] ?? '' };
}
