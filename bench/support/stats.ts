/** Quantiles, formats, clocks and the counts the rate-limit benchmarks share (bench:burst, bench:cluster). */

/** The q-quantile (0..1) of `xs` by nearest rank; NaN when empty. */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
}

/** The median; of an even count, the mean of the two middle values. */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);

export const ms = (x: number, digits = 1) => (Number.isFinite(x) ? `${x.toFixed(digits)} ms` : "-");

/** "min, median, p99, max" of durations in ms. */
export const spread = (xs: readonly number[]) =>
  xs.length
    ? `min ${ms(quantile(xs, 0))}, median ${ms(median(xs))}, p99 ${ms(quantile(xs, 0.99))}, max ${ms(quantile(xs, 1))}`
    : "-";

/** Epoch ms with sub-ms resolution: comparable between processes on one machine. */
export const epochNow = () => performance.timeOrigin + performance.now();

export const sleep = (msToWait: number) => new Promise<void>((resolve) => setTimeout(resolve, msToWait));

/** Of the ids sent, those the server never served OK (lost) and those it served OK twice or more. */
export function lostAndDuplicated(served: ReadonlyMap<string, number>, ids: Iterable<string>) {
  let lost = 0;
  let duplicated = 0;
  for (const id of ids) {
    const times = served.get(id) ?? 0;
    if (times === 0) lost++;
    else if (times > 1) duplicated++;
  }
  return { lost, duplicated };
}

/**
 * How far each window's first served request came after the previous window's first one plus
 * the interval: with `arrivals` in order, the k-th step is arrivals[k * max] - arrivals[(k - 1) * max]
 * - intervalMs. A client that keeps to the limit exactly has steps near 0.
 */
export function windowSteps(arrivals: readonly number[], max: number, intervalMs: number): number[] {
  const steps: number[] = [];
  for (let k = 1; k * max < arrivals.length; k++) {
    steps.push(arrivals[k * max]! - arrivals[(k - 1) * max]! - intervalMs);
  }
  return steps;
}
