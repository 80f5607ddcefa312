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
  let crossing: number;
  if (hb0 < threshold) crossing = t0;
  else if (rate > 0) crossing = t0 + (hb0 - threshold) / rate;
  else return [0, 0];
  const a = Math.max(t0, crossing);
  // first d with d + CHECKPOINT ≥ a and strictly after the crossing instant (hb must be below, not equal)
  let start = Math.ceil(a - CHECKPOINT);
  if (start + CHECKPOINT === crossing && hb0 >= threshold) start++;
  start = Math.max(start, fromDay);
  const end = Math.ceil(t1 - CHECKPOINT);
  return end > start ? [start, end] : [0, 0];
}
