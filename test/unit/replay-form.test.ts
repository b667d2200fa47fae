import { describe, expect, it } from 'vitest';
import { initialReplayForm, replayFormErrors, replayOptionsOf } from '../../renderer/features/recordings/replay-form';
import { fileName, formatDuration } from '../../renderer/features/recordings/recording-format';

describe('the replay form', () => {
  it('replays in the original timing, received messages only, with nothing overridden, by default', () => {
    expect(replayOptionsOf(initialReplayForm)).toEqual({ speed: 1, loop: false, direction: 'in' });
  });

  it('takes a factor, a filter, a prefix rewrite and overrides', () => {
    const options = replayOptionsOf({ ...initialReplayForm, speed: 'factor', factor: ' 0.5 ', loop: true, filter: 'a/+/c', rewrite: 'prefix', prefixFrom: 'a/', prefixTo: 'b/', qos: '2', retain: 'off' });
    expect(options).toEqual({ speed: 0.5, loop: true, direction: 'in', filter: 'a/+/c', rewrite: { kind: 'prefix', from: 'a/', to: 'b/' }, qos: 2, retain: false });
    expect(replayOptionsOf({ ...initialReplayForm, speed: 'max', rewrite: 'regex', pattern: '^x/(.*)$', replacement: 'y/$1', retain: 'on' })).toMatchObject({
      speed: 'max',
      rewrite: { kind: 'regex', pattern: '^x/(.*)$', replacement: 'y/$1' },
      retain: true,
    });
  });

  it('says what is wrong with a speed out of range, a bad filter and an invalid regex', () => {
    const errors = replayFormErrors({ ...initialReplayForm, speed: 'factor', factor: '500', filter: 'a/#/b', rewrite: 'regex', pattern: '(' });
    expect(errors.factor).toMatch(/from 0\.1× to 100×; 500× is out of range/);
    expect(errors.filter).toMatch(/#/);
    expect(errors.pattern).toMatch(/^Not a valid regular expression: /);
    expect(replayFormErrors({ ...initialReplayForm, speed: 'factor', factor: 'fast' }).factor).toMatch(/Enter a speed factor/);
    expect(replayOptionsOf({ ...initialReplayForm, speed: 'factor', factor: '0.05' })).toBeUndefined();
  });

  it('ignores a factor typed before choosing another speed', () => {
    expect(replayFormErrors({ ...initialReplayForm, speed: 'max', factor: '500' })).toEqual({});
  });
});

describe('recording labels', () => {
  it('formats elapsed time as a clock', () => {
    expect([formatDuration(0), formatDuration(7_900), formatDuration(754_000), formatDuration(3_723_000)]).toEqual(['0:00', '0:07', '12:34', '1:02:03']);
  });
  it('names a file by the last part of its path', () => {
    expect([fileName('/a/b/run.mqttrec.jsonl'), fileName('C:\\x\\y.jsonl')]).toEqual(['run.mqttrec.jsonl', 'y.jsonl']);
  });
});
