/**
 * At most `maxPoints` points of a time-ordered series for drawing: the minimum and the maximum of
 * each of `maxPoints / 2` equal runs, in time order, so spikes survive where a stride would drop
 * them. The whole series is kept elsewhere; this is only what the chart draws.
 */
export function downsampleMinMax(times: readonly number[], values: readonly number[], maxPoints: number): { times: number[]; values: number[] } {
  const count = times.length;
  if (count <= maxPoints) return { times: times.slice(), values: values.slice() };
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const outTimes: number[] = [];
  const outValues: number[] = [];
  for (let bucket = 0; bucket < buckets; bucket++) {
    const start = Math.floor((bucket * count) / buckets);
    const end = Math.floor(((bucket + 1) * count) / buckets);
    let low = start;
    let high = start;
    for (let index = start + 1; index < end; index++) {
      if ((values[index] ?? 0) < (values[low] ?? 0)) low = index;
      if ((values[index] ?? 0) > (values[high] ?? 0)) high = index;
    }
    for (const index of low === high ? [low] : [Math.min(low, high), Math.max(low, high)]) {
      outTimes.push(times[index] ?? 0);
      outValues.push(values[index] ?? 0);
    }
  }
  return { times: outTimes, values: outValues };
}
