/**
 * The p-th percentile by nearest rank: the smallest sample with at least p % of the samples at or below it
 * (for 100 samples, p99 is the 99th smallest, not the largest). Benchmarks also print the max where it matters.
 */
export function nearestRank(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
