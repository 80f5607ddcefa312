/**
 * Column screening for real extracts: which chosen columns cannot help a clustering and are dropped with a
 * warning (rather than refused), and which are errors the user must fix.
 *
 * Dropped (warning naming the column): more than half the values missing (imputation would invent the
 * column), constant, near-constant (one value in ≥ 99% of the rows that have one), id-like (every value
 * distinct: a text column, or an integer-valued numeric column — a record number, not a measurement).
 * Error: a text column typed by inference, not a schema (its meaning is unknown). Cost O(n) per column
 * (O(n log n) for the distinct-value count, needed only for integer-valued numeric columns).
 */
import type { Column } from '../data/table.js';

/** A column with more than this share of its values missing is dropped. */
export const MAX_MISSING_SHARE = 0.5;
/** A column whose most common value covers at least this share of the present values is near-constant. */
export const NEAR_CONSTANT_SHARE = 0.99;
/** Id-like needs at least this many present values (all distinct): in a tiny table distinct values are normal. */
export const ID_LIKE_MIN_ROWS = 10;
/** Scale below which a numeric column counts as constant (values are measured, not exact). */
export const CONSTANT_SCALE = 1e-12;

export type ColumnVerdict =
  | { readonly action: 'keep' }
  | { readonly action: 'drop'; readonly reason: string }
  | { readonly action: 'error'; readonly code: string; readonly message: string };

/**
 * What to do with column `c`. `inferredText` = the column holds text and no schema typed it.
 * @example
 * screenColumn({ kind: 'numeric', name: 'a', values: Float64Array.of(5, 5, 5) }, false); // drop: constant
 */
export function screenColumn(c: Column, inferredText: boolean): ColumnVerdict {
  const n = c.kind === 'categorical' ? c.codes.length : c.values.length;
  const { present, top } = c.kind === 'categorical' ? codeCounts(c.codes) : majorityCount(c.values);
  if (present === 0) return { action: 'drop', reason: 'every value is missing' };
  if (n - present > MAX_MISSING_SHARE * n) {
    const reason = `${pct((n - present) / n)} of values missing (more than ${pct(MAX_MISSING_SHARE)})`;
    return { action: 'drop', reason };
  }
  const flat = c.kind === 'numeric' && numericRange(c.values) <= CONSTANT_SCALE * Math.max(1, numericLow(c.values));
  if (top === present || flat) {
    return { action: 'drop', reason: 'constant: it cannot separate rows' };
  }
  if (present >= ID_LIKE_MIN_ROWS && idLikeKind(c) && allDistinct(c)) {
    return { action: 'drop', reason: 'id-like: every value is distinct' };
  }
  if (top >= NEAR_CONSTANT_SHARE * present) {
    return { action: 'drop', reason: `near-constant: one value in ${pct(top / present)} of rows` };
  }
  if (inferredText) {
    const message = 'column holds text but no schema declares it categorical; pass --schema (or --exclude it)';
    return { action: 'error', code: 'non_numeric_feature', message };
  }
  return { action: 'keep' };
}

/** Text and integer-valued numeric columns can be identifiers; continuous measurements are all distinct by nature. */
function idLikeKind(c: Column): boolean {
  if (c.kind === 'categorical') return true;
  if (c.kind === 'binary') return false;
  for (const v of c.values) if (!Number.isNaN(v) && !Number.isInteger(v)) return false;
  return true;
}

/**
 * Present (non-missing) codes and the count of the most common one. O(n + levels).
 */
function codeCounts(codes: ArrayLike<number>): { present: number; top: number; distinct: number } {
  let levels = 0;
  for (let i = 0; i < codes.length; i++) levels = Math.max(levels, codes[i]! + 1);
  const counts = new Float64Array(levels);
  let present = 0, top = 0, distinct = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) { counts[codes[i]!]!++; present++; }
  for (const k of counts) { top = Math.max(top, k); if (k > 0) distinct++; }
  return { present, top, distinct };
}

/**
 * Present (non-NaN) values, and how often the most common value occurs when it fills more than half of them
 * (Boyer–Moore majority vote, then a count), else 0. Enough for the screen: constant (top = present) and
 * near-constant (top ≥ 99% of present) both need a majority value. O(n), no hashing: a Map of a million
 * distinct doubles took 18 s of a 1M-row segmentation (`--cpu-prof`).
 */
function majorityCount(values: Float64Array): { present: number; top: number } {
  let candidate = Number.NaN, votes = 0, present = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    present++;
    if (votes === 0) { candidate = v; votes = 1; } else if (v === candidate) votes++; else votes--;
  }
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === candidate) count++;
  return { present, top: count * 2 > present ? count : 0 };
}

/** Every present value distinct (each category code used at most once). O(n log n). */
function allDistinct(c: Column): boolean {
  if (c.kind === 'categorical') {
    const { present, distinct } = codeCounts(c.codes);
    return distinct === present;
  }
  const sorted = c.values.filter((v) => !Number.isNaN(v)).sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return false;
  return true;
}

function numericLow(values: Float64Array): number {
  let lo = Infinity;
  for (const v of values) if (!Number.isNaN(v)) lo = Math.min(lo, Math.abs(v));
  return lo;
}

function numericRange(values: Float64Array): number {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (!Number.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return hi - lo;
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}
