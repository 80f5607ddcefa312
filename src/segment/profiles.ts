/**
 * Segment profiles: size, share, stability, confidence, per-column summaries (median and IQR of numeric
 * columns, shares of categories and of binary "yes"), and a short label from the most distinctive features.
 * Cost O(n·columns) expected (quantiles by selection, not sorting).
 */
import type { Column, PatientTable } from '../data/table.js';
import { quantilesInPlace } from '../stats/index.js';
import { dict } from '../data/dict.js';

export interface NumericSummary { readonly median: number; readonly q1: number; readonly q3: number; readonly missing: number }

export interface Distinctive {
  readonly column: string;
  /** Level for categorical columns. */
  readonly level?: string;
  /** Standardised difference from the whole table: (segment mean − mean) / sd, or the same for a share. */
  readonly effect: number;
  readonly text: string;
}

export interface SegmentProfile {
  /** 1..k, largest first (the `segment` value in segments.csv). */
  readonly segment: number;
  readonly size: number;
  readonly share: number;
  /** Mean best Jaccard match across ensemble members (clusterboot); NaN if unknown. */
  readonly stability: number;
  readonly meanConfidence: number;
  readonly label: string;
  readonly distinctive: readonly Distinctive[];
  readonly numeric: Readonly<Record<string, NumericSummary>>;
  /** Binary columns: share of 1 among non-missing. */
  readonly binary: Readonly<Record<string, number>>;
  readonly categorical: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Features named in a label. */
export const LABEL_FEATURES = 3;
/** |effect| below which a feature is not called distinctive (a small standardised difference, Cohen). */
export const MIN_DISTINCTIVE_EFFECT = 0.5;

interface MeanSd { readonly mean: number; readonly sd: number }

function meanSd(values: Float64Array, rows?: Int32Array): MeanSd {
  let s = 0, s2 = 0, n = 0;
  const m = rows ? rows.length : values.length;
  for (let j = 0; j < m; j++) {
    const v = values[rows ? rows[j]! : j]!;
    if (!Number.isNaN(v)) { s += v; s2 += v * v; n++; }
  }
  const mean = n ? s / n : Number.NaN;
  return { mean, sd: n ? Math.sqrt(Math.max(0, s2 / n - mean * mean)) : Number.NaN };
}

function effectsFor(c: Column, rows: Int32Array, n: number, all: MeanSd | undefined): Distinctive[] {
  if (c.kind === 'categorical') {
    const all = new Float64Array(c.levels.length), seg = new Float64Array(c.levels.length);
    let nAll = 0, nSeg = 0;
    for (let i = 0; i < n; i++) if (c.codes[i]! >= 0) { all[c.codes[i]!]!++; nAll++; }
    for (const i of rows) if (c.codes[i]! >= 0) { seg[c.codes[i]!]!++; nSeg++; }
    return c.levels.flatMap((level, l) => {
      const p = all[l]! / nAll, q = nSeg ? seg[l]! / nSeg : 0;
      if (p <= 0 || p >= 1 || q <= p) return [];
      return [{ column: c.name, level, effect: (q - p) / Math.sqrt(p * (1 - p)), text: `${c.name} ${level} (${Math.round(q * 100)}%)` }];
    });
  }
  const seg = meanSd(c.values, rows);
  if (!all || !(all.sd > 0)) return [];
  const effect = (seg.mean - all.mean) / all.sd;
  const text = c.kind === 'binary' ? `${c.name} ${Math.round(seg.mean * 100)}%` : `${effect > 0 ? 'high' : 'low'} ${c.name}`;
  return [{ column: c.name, effect, text }];
}

/**
 * Profile each segment. `labels` are 0..k−1; `columnsForLabel` limits which columns may name a segment
 * (the clustering features); every column is summarised.
 * @example
 * profileSegments(table, seg.labels, seg.confidence, seg.k, stability, ['age', 'diagnosis'])[0].label;
 */
export function profileSegments(
  table: PatientTable, labels: Int32Array, confidence: Float64Array, k: number, stability: readonly number[],
  columnsForLabel: readonly string[],
): SegmentProfile[] {
  const n = labels.length;
  const rowsOf = rowsBySegment(labels, k);
  const scratch = new Float64Array(n);
  const whole = new Map<string, MeanSd>();
  for (const c of table.columns) if (c.kind !== 'categorical') whole.set(c.name, meanSd(c.values));
  return rowsOf.map((rows, l) => {
    const numeric = dict<NumericSummary>();
    const binary = dict<number>();
    const categorical = dict<Record<string, number>>();
    for (const c of table.columns) {
      if (c.kind === 'numeric') {
        const present = presentValues(c.values, rows, scratch);
        const [median, q1, q3] = quantilesInPlace(present, [0.5, 0.25, 0.75]) as [number, number, number];
        numeric[c.name] = { median, q1, q3, missing: rows.length - present.length };
      } else if (c.kind === 'binary') {
        binary[c.name] = meanSd(c.values, rows).mean;
      } else {
        const counts = dict<number>();
        let total = 0;
        for (const i of rows) if (c.codes[i]! >= 0) { const lv = c.levels[c.codes[i]!]!; counts[lv] = (counts[lv] ?? 0) + 1; total++; }
        categorical[c.name] = Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([lv, x]) => [lv, x / total]));
      }
    }
    const distinctive = table.columns
      .filter((c) => columnsForLabel.includes(c.name))
      .flatMap((c) => effectsFor(c, rows, n, whole.get(c.name)))
      .filter((e) => Math.abs(e.effect) >= MIN_DISTINCTIVE_EFFECT)
      .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.column.localeCompare(b.column));
    const label = distinctive.length ? distinctive.slice(0, LABEL_FEATURES).map((e) => e.text).join(', ') : 'close to the average patient';
    let conf = 0;
    for (const i of rows) conf += confidence[i]!;
    return {
      segment: l + 1, size: rows.length, share: rows.length / n, stability: stability[l] ?? Number.NaN,
      meanConfidence: rows.length ? conf / rows.length : Number.NaN, label, distinctive: distinctive.slice(0, 8),
      numeric, binary, categorical,
    };
  });
}

/** Row indices of each segment, ascending. O(n + k). */
function rowsBySegment(labels: Int32Array, k: number): Int32Array[] {
  const sizes = new Int32Array(k);
  for (const l of labels) sizes[l]!++;
  const out = Array.from(sizes, (size) => new Int32Array(size));
  const fill = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) { const l = labels[i]!; out[l]![fill[l]!++] = i; }
  return out;
}

/** The non-missing values of `rows`, copied into the front of `scratch` (a view on it is returned). O(|rows|). */
function presentValues(values: Float64Array, rows: Int32Array, scratch: Float64Array): Float64Array {
  let m = 0;
  for (let j = 0; j < rows.length; j++) { const v = values[rows[j]!]!; if (!Number.isNaN(v)) scratch[m++] = v; }
  return scratch.subarray(0, m);
}
