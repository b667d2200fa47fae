import type { TopicRewrite } from '../../../shared/domain/replay';

/** A function from the recorded topic to the one to publish on. */
export function topicRewriter(rewrite: TopicRewrite | undefined): (topic: string) => string {
  if (!rewrite) return (topic) => topic;
  if (rewrite.kind === 'prefix') {
    const { from, to } = rewrite;
    return (topic) => (topic.startsWith(from) ? to + topic.slice(from.length) : topic);
  }
  const pattern = new RegExp(rewrite.pattern);
  return (topic) => topic.replace(pattern, rewrite.replacement);
}
