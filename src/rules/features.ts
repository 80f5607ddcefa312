/**
 * Candidate conditions live on bins: each usable column is cut at readable thresholds once per fit, and every
 * row gets a bin code. A condition is then a mask over bins, so counting how many patients of a segment satisfy
 * any candidate is one pass over the rows plus prefix sums.
 *
 * Numeric column with m thresholds t[0] < … < t[m−1]: bin b = #{k : t[k] ≤ x} ∈ [0, m], missing → m + 1.
 * Binary: one threshold 0.5 (bins 0, 1; missing 2). Categorical: bin = level code; missing → #levels.
 */
import type { Column, PatientTable } from '../data/table.js';
import { SNAP_WINDOW_SHARE, snapThreshold } from './snap.js';

export interface FeatureView {
  readonly name: string;
  readonly kind: Column['kind'];
  readonly unit?: string;
  /** Sorted cut points (numeric: snapped; binary: [0.5]; categorical: empty). */
  readonly thresholds: Float64Array;
  /** Level names (categorical only). */
  readonly levels: readonly string[];
  /** Bin per table row. */
  readonly bins: Uint8Array;
  /** Number of bins, the missing bin (last) included. */
  readonly nBins: number;
  /** The column's values per table row (numeric columns only), for placing a cut mid-gap. */
  readonly values?: Float64Array;
}

/** Quantiles of each segment used as extra cut points: where a segment starts and ends along a column. */
export const SEGMENT_BOUNDARY_QUANTILES = [0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98] as const;
/** Bins are bytes: at most this many thresholds (and levels) per column. */
export const MAX_CUTS = 250;

/**
 * Lower order-statistic quantile of sorted values (type 1), not the shared R-7 `quantileSorted` of src/stats:
 * a cut point must be a value that occurs in the data.
 */
function orderStatistic(xs: Float64Array, p: number): number {
  return xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(p * xs.length) - 1))]!;
}

/** Smallest value in sorted `xs` strictly above `v` (Infinity when none). */
function nextAbove(xs: Float64Array, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length ? xs[lo]! : Number.POSITIVE_INFINITY;
}

/** Count of sorted thresholds ≤ x. */
function binOf(thresholds: Float64Array, x: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (thresholds[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Readable cut points for one numeric column: global quantiles of the fit rows plus each segment's boundary
 * quantiles, snapped (see {@link snapThreshold}), deduplicated, and only those that split the fit rows.
 * O(n log n).
 */
export function numericThresholds(values: Float64Array, fitRows: Int32Array, codes: Int32Array, nSegments: number, quantiles: number, extra: readonly number[] = []): Float64Array {
  const all: number[] = [];
  const bySegment: number[][] = Array.from({ length: nSegments }, () => []);
  for (const r of fitRows) {
    const x = values[r]!;
    if (Number.isNaN(x)) continue;
    all.push(x);
    bySegment[codes[r]!]!.push(x);
  }
  if (all.length < 2) return new Float64Array(0);
  const sorted = Float64Array.from(all).sort();
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min === max) return new Float64Array(0);
  const spread = orderStatistic(sorted, 0.95) - orderStatistic(sorted, 0.05) || max - min;
  const halfWidth = spread * SNAP_WINDOW_SHARE;
  const raw: number[] = [];
  for (let i = 1; i < quantiles; i++) raw.push(orderStatistic(sorted, i / quantiles));
  for (const seg of bySegment) {
    if (seg.length === 0) continue;
    const s = Float64Array.from(seg).sort();
    for (const p of SEGMENT_BOUNDARY_QUANTILES) {
      const q = orderStatistic(s, p);
      // Lower boundaries cut at the value (x ≥ q keeps it); upper ones just above it (x < next keeps it).
      raw.push(p < 0.5 ? q : nextAbove(sorted, q));
    }
  }
  raw.push(...boundaryCuts(values, fitRows, codes, nSegments));
  // On whole-number columns (ECOG, counts) x ≥ 1.5 is x ≥ 2: say the whole number.
  const whole = sorted.every((x) => Number.isInteger(x));
  const cuts = new Set<number>();
  for (const t of raw) {
    if (!Number.isFinite(t)) continue;
    const s = whole ? Math.ceil(snapThreshold(t, halfWidth)) : snapThreshold(t, halfWidth);
    if (s > min && s <= max) cuts.add(s);
  }
  // Extra cuts (the CART surrogate's, already readable and exact on the fit rows) are kept whatever the thinning.
  const kept = extra.filter((t) => t > min && t <= max);
  const room = Math.max(0, MAX_CUTS - kept.length);
  let out = Float64Array.from(cuts).sort();
  if (out.length > room) out = Float64Array.from({ length: room }, (_, k) => out[Math.floor((k * out.length) / room)]!);
  return Float64Array.from(new Set([...out, ...kept.slice(0, MAX_CUTS)])).sort();
}

/**
 * Per segment, the single cuts that best separate it from the rest on this column: the Gini-best cut and the
 * F1-best `x ≥ t` and `x < t` (midpoints between neighbouring values, like a CART root split).
 * O(n log n + segments × n).
 */
export function boundaryCuts(values: Float64Array, fitRows: Int32Array, codes: Int32Array, nSegments: number): number[] {
  const rows = Array.from(fitRows).filter((r) => !Number.isNaN(values[r]!));
  rows.sort((a, b) => values[a]! - values[b]! || a - b);
  const n = rows.length;
  const out: number[] = [];
  const total = new Float64Array(nSegments);
  for (const r of rows) total[codes[r]!]!++;
  for (let s = 0; s < nSegments; s++) {
    const P = total[s]!;
    if (P === 0 || P === n) continue;
    let below = 0; // rows of s with x < t
    let bestGini = -1;
    let bestGe = -1;
    let bestLt = -1;
    const cut = [Number.NaN, Number.NaN, Number.NaN];
    for (let i = 1; i < n; i++) {
      if (codes[rows[i - 1]!] === s) below++;
      const a = values[rows[i - 1]!]!;
      const b = values[rows[i]!]!;
      if (a === b) continue;
      const t = (a + b) / 2;
      const left = i;
      const right = n - i;
      const gini = (below * below + (left - below) ** 2) / left + ((P - below) ** 2 + (right - P + below) ** 2) / right;
      const f1Ge = (2 * (P - below)) / (P + right);
      const f1Lt = (2 * below) / (P + left);
      if (gini > bestGini) { bestGini = gini; cut[0] = t; }
      if (f1Ge > bestGe) { bestGe = f1Ge; cut[1] = t; }
      if (f1Lt > bestLt) { bestLt = f1Lt; cut[2] = t; }
    }
    for (const t of cut) if (Number.isFinite(t)) out.push(t);
  }
  return out;
}

/**
 * Bin every usable column. Columns are skipped (with a warning) when categorical with more than
 * {@link MAX_CUTS} levels. `extraCuts` (column → thresholds) are added to numeric columns' grids unsnapped.
 * O(columns × n log n).
 */
export function prepareFeatures(table: PatientTable, names: readonly string[], fitRows: Int32Array, codes: Int32Array, nSegments: number, quantiles: number, warnings: string[], extraCuts: ReadonlyMap<string, readonly number[]> = new Map()): FeatureView[] {
  const out: FeatureView[] = [];
  const n = table.ids.length;
  for (const name of names) {
    const col = table.columns.find((c) => c.name === name);
    if (!col) throw new Error(`prepareFeatures: no column ${name}`);
    const bins = new Uint8Array(n);
    if (col.kind === 'categorical') {
      if (col.levels.length > MAX_CUTS) {
        warnings.push(`column ${name} has ${col.levels.length} levels (more than ${MAX_CUTS}); not used in rules`);
        continue;
      }
      const missing = col.levels.length;
      for (let i = 0; i < n; i++) bins[i] = col.codes[i]! < 0 ? missing : col.codes[i]!;
      out.push({ name, kind: 'categorical', thresholds: new Float64Array(0), levels: col.levels, bins, nBins: missing + 1 });
      continue;
    }
    const thresholds = col.kind === 'binary' ? Float64Array.of(0.5) : numericThresholds(col.values, fitRows, codes, nSegments, quantiles, extraCuts.get(name));
    const missing = thresholds.length + 1;
    for (let i = 0; i < n; i++) {
      const x = col.values[i]!;
      bins[i] = Number.isNaN(x) ? missing : binOf(thresholds, x);
    }
    const unit = col.kind === 'numeric' ? col.unit : undefined;
    out.push({ name, kind: col.kind, ...(unit !== undefined ? { unit } : {}), thresholds, levels: [], bins, nBins: missing + 1, ...(col.kind === 'numeric' ? { values: col.values } : {}) });
  }
  return out;
}
