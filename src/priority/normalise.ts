/**
 * Raw term values → x ∈ [0, 1]: fixed clinical anchors (default) or the patient's percentile in the cohort.
 */
import { median } from '../stats/index.js';
import type { PrioritySettings, PriorityTerm } from './model.js';
import { TERM_INFO, anchoredValue, termAnchor } from './terms.js';

export interface NormalisedTerm {
  /** x ∈ [0, 1] per patient. */
  readonly x: Float64Array;
  /** Patients whose raw value was missing and got the cohort median. */
  readonly imputed: number;
  /** The value used for missing inputs (NaN when none was missing, or every value was). */
  readonly imputedValue: number;
  readonly method: 'anchors' | 'percentiles';
  /** Raw value of full points under anchors. */
  readonly anchor?: number;
  /** What other patients may be normalised against: these patients' values ({@link TermReference}). */
  readonly reference: TermReference;
}

/**
 * A cohort's values of one term, so that patients scored later (an open cohort's arrivals) are normalised
 * against that cohort: missing inputs get its median, percentiles rank among its eligible patients.
 */
export interface TermReference {
  /** Raw values (NaN = missing). */
  readonly raw: Float64Array;
  /** Raw values with missing ones imputed, as that cohort's percentiles used them. */
  readonly filled: Float64Array;
  /** 1 = eligible (defines percentiles). */
  readonly eligible: Uint8Array;
}

/** The values percentiles rank among: the eligible patients', or everyone's when fewer than two are eligible. O(n). */
function percentileReference({ filled, eligible }: TermReference): Float64Array {
  let m = 0;
  for (let i = 0; i < eligible.length; i++) m += eligible[i]!;
  return m > 1 ? filled.filter((_, i) => eligible[i] === 1) : filled;
}

/** Number of sorted values strictly below `x`. O(log n). */
function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of sorted values strictly above `x`. O(log n). */
function countAbove(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/**
 * Percentile normalisation: the share of the reference patients this patient strictly outranks on the term,
 * (count of less favourable values) / (reference size − 1), clamped to [0, 1]. Ties share a value; the least
 * favourable value gets 0. O(n log n).
 */
export function percentileValues(raw: Float64Array, direction: 'higher' | 'lower', reference: Float64Array): Float64Array {
  const sorted = reference.slice().sort();
  const denom = Math.max(1, sorted.length - 1);
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const worse = direction === 'higher' ? countBelow(sorted, raw[i]!) : countAbove(sorted, raw[i]!);
    out[i] = Math.min(1, worse / denom);
  }
  return out;
}

/**
 * Impute missing raw values with the median and normalise. The waiting term always uses its anchor (it grows
 * day by day in the simulator, where cohort percentiles do not exist). `reference` marks the patients that
 * define percentiles (the eligible ones). With `against` (another cohort's values of the term) the median and
 * the percentiles are that cohort's instead. O(n log n).
 */
export function normaliseTerm(term: PriorityTerm, raw: Float64Array, settings: PrioritySettings, hasTarget: boolean,
  reference: Uint8Array, against?: TermReference): NormalisedTerm {
  let imputed = 0;
  for (let i = 0; i < raw.length; i++) if (Number.isNaN(raw[i]!)) imputed++;
  // the median is needed only when something is missing (it costs a copy and a selection)
  const imputedValue = imputed > 0 ? median(against ? against.raw : raw) : Number.NaN;
  const filled = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    filled[i] = !Number.isNaN(v) ? v : Number.isNaN(imputedValue) ? 0 : imputedValue;
  }
  const direction = TERM_INFO[term].direction;
  const own: TermReference = { raw, filled, eligible: reference };
  if (settings.normalisation === 'percentiles' && term !== 'waiting_time') {
    const ref = percentileReference(against ?? own);
    return { x: percentileValues(filled, direction, ref), imputed, imputedValue, method: 'percentiles', reference: own };
  }
  const anchor = termAnchor(term, settings, hasTarget);
  const x = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) x[i] = anchoredValue(filled[i]!, anchor, direction);
  return { x, imputed, imputedValue, method: 'anchors', anchor, reference: own };
}
