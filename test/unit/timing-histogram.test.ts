import { describe, expect, it } from 'vitest';
import { TimingHistogram } from '../../electron/core/replay/timing-histogram';
import { topicRewriter } from '../../electron/core/replay/topic-rewrite';

describe('the replay timing histogram', () => {
  it('reads median, p99 and max without sorting, never lower than the true value', () => {
    const histogram = new TimingHistogram();
    expect(histogram.summary()).toBeUndefined();
    for (let index = 0; index < 980; index++) histogram.add(0.5);
    for (let index = 0; index < 19; index++) histogram.add(4.2);
    histogram.add(2500);
    expect(histogram.summary()).toEqual({ medianMs: 0.51, p99Ms: 4.21, maxMs: 2500 });
  });
});

describe('topic rewriting for replay', () => {
  it('replaces a prefix, or the first match of a regular expression, and leaves other topics alone', () => {
    const prefix = topicRewriter({ kind: 'prefix', from: 'prod/', to: 'staging/' });
    expect([prefix('prod/a/b'), prefix('dev/prod/a')]).toEqual(['staging/a/b', 'dev/prod/a']);
    const regex = topicRewriter({ kind: 'regex', pattern: '^site/(\\w+)/', replacement: 'lab/$1/' });
    expect([regex('site/north/temp'), regex('other')]).toEqual(['lab/north/temp', 'other']);
    expect(topicRewriter(undefined)('same')).toBe('same');
  });
});
