/**
 * Readable thresholds: a raw cut point is moved to the roundest number within a small window, so rules say
 * `25 km`, not `24.73 km`.
 */

/** Window half-width as a share of the column's 5–95% range: moves of up to 3% of the spread are allowed. */
export const SNAP_WINDOW_SHARE = 0.03;

/** Mantissas tried for each power of ten, roundest first. */
const MANTISSAS = [10, 5, 2, 1] as const;

/**
 * Move `t` to the roundest multiple of 1, 2 or 5 × 10^k within ±`halfWidth`; `t` itself when the window is empty.
 * O(log range).
 * @example
 * snapThreshold(24.73, 2.5); // 25
 * snapThreshold(0.83, 0.045); // 0.8
 */
export function snapThreshold(t: number, halfWidth: number): number {
  if (!Number.isFinite(t) || !(halfWidth > 0)) return t;
  const top = Math.ceil(Math.log10(Math.abs(t) + halfWidth)) + 1;
  const bottom = Math.floor(Math.log10(halfWidth)) - 1;
  for (let k = top; k >= bottom; k--) {
    for (const m of MANTISSAS) {
      const step = m * 10 ** (k - 1);
      const q = Math.round(t / step) * step;
      if (Math.abs(q - t) <= halfWidth) return clean(q);
    }
  }
  return clean(t);
}

/** Drop binary floating-point noise (0.30000000000000004 → 0.3). */
export function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * The roundest number in the half-open gap (a, b]: a cut `x ≥ t` with t anywhere in it splits values ≤ a from
 * values ≥ b exactly as the midpoint (a + b) / 2 does, so a CART split between neighbouring data values a < b can
 * be written readably without changing which patients it separates. Falls back to b (a data value). O(log range).
 * @example
 * roundestIn(34, 35); // 35
 * roundestIn(8.93, 8.97); // 8.95
 */
export function roundestIn(a: number, b: number): number {
  if (!(b > a) || !Number.isFinite(a) || !Number.isFinite(b)) throw new Error(`roundestIn: need finite a < b, got (${a}, ${b}]`);
  const top = Math.ceil(Math.log10(Math.max(Math.abs(a), Math.abs(b)) + 1)) + 1;
  const bottom = Math.floor(Math.log10(b - a)) - 1;
  for (let k = top; k >= bottom; k--) {
    for (const m of MANTISSAS) {
      const step = m * 10 ** (k - 1);
      const q = clean((Math.floor(a / step) + 1) * step);
      if (q > a && q <= b) return q;
    }
  }
  return b;
}
