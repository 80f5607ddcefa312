/**
 * Hb between transfusions is a straight line: hb(t) = hb0 − rate·(t − t0). Days below a threshold are counted
 * at each day's checkpoint (end of day, t = d + {@link CHECKPOINT}) in closed form, so the model never steps
 * patients day by day.
 *
 * Cost: O(1) per call.
 */

/** The daily safety check happens at the end of the day. */
export const CHECKPOINT = 0.99;

/**
 * Integer days d with `fromDay` ≤ d and checkpoint d + CHECKPOINT in [t0, t1) at which hb < threshold.
 * Returns `[start, end)`; empty when end ≤ start.
 * @example belowDays(0, 10, 8, 0.5, 7, 0); // hb < 7 after t = 2 → days [2, 10)
 */
export function belowDays(t0: number, t1: number, hb0: number, rate: number, threshold: number, fromDay: number): [number, number] {
  const start = belowFrom(t0, hb0, rate, threshold, fromDay);
  const end = Math.ceil(t1 - CHECKPOINT);
  return end > start ? [start, end] : [0, 0];
}

/**
 * How many days {@link belowDays} counts (end − start, or 0), without allocating: the simulator calls this
 * for every closed Hb segment.
 * @example belowCount(0, 10, 8, 0.5, 7, 0); // 8
 */
export function belowCount(t0: number, t1: number, hb0: number, rate: number, threshold: number, fromDay: number): number {
  const start = belowFrom(t0, hb0, rate, threshold, fromDay);
  const end = Math.ceil(t1 - CHECKPOINT);
  return end > start ? end - start : 0;
}

/** First day {@link belowDays} counts (before the segment's end is applied); +∞ when Hb never falls below. */
function belowFrom(t0: number, hb0: number, rate: number, threshold: number, fromDay: number): number {
  let crossing: number;
  if (hb0 < threshold) crossing = t0;
  else if (rate > 0) crossing = t0 + (hb0 - threshold) / rate;
  else return Infinity;
  const a = Math.max(t0, crossing);
  // first d with d + CHECKPOINT ≥ a and strictly after the crossing instant (hb must be below, not equal)
  let start = Math.ceil(a - CHECKPOINT);
  if (start + CHECKPOINT === crossing && hb0 >= threshold) start++;
  return Math.max(start, fromDay);
}
