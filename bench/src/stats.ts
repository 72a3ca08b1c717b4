/** Summary of repeated measurements: the median is the figure, min–max shows the noise. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    runs: sorted.length,
  };
}

/** Percentile by linear interpolation between closest ranks; `sorted` must be ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (rank - low);
}

/**
 * Ratios of runs made back to back (a[i] / b[i]). On a noisy machine a burst of
 * load hits both members of a pair, so the ratio is steadier than the ratio of
 * two medians taken minutes apart.
 */
export function pairRatios(a: readonly number[], b: readonly number[]): Summary {
  const count = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < count; i += 1) ratios.push((a[i] ?? Number.NaN) / (b[i] ?? Number.NaN));
  return summarize(ratios);
}
