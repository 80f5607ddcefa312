/**
 * The honest comparison of the two learners on the held-out patients: each one's F1, a paired bootstrap
 * interval of their difference (the same resampled patients for both rules, so the patients both get right or
 * both get wrong cancel out; Efron & Tibshirani 1993, ch. 13, percentile interval), and the recommendation: the
 * simpler rule unless the other is better beyond that interval.
 *
 * Cost: resamples × (held-out rows + segments × held-out rows).
 */
import type { Rng } from '../random/index.js';
import { randomInt } from '../random/index.js';
import { round6 } from './metrics.js';
import { quantileSorted } from './stats.js';
import { conditionCount } from './text.js';
import type { F1Difference, RuleSource, Term } from './types.js';

/** Coverage of the interval of the difference. */
export const COMPARISON_LEVEL = 0.95;

const f1 = (tp: number, fp: number, fn: number): number => (tp ? (2 * tp) / (2 * tp + fp + fn) : 0);

/** Per held-out row: 4 × in-segment + 2 × beam matches + cart matches. */
function categories(beam: Uint8Array, cart: Uint8Array, codes: Int32Array, s: number, rows: Int32Array): Uint8Array {
  return Uint8Array.from(rows, (r) => (codes[r] === s ? 4 : 0) + (beam[r] ? 2 : 0) + (cart[r] ? 1 : 0));
}

/** F1(beam) − F1(cart) from counts of the 8 row categories. */
function difference(count: ArrayLike<number>): number {
  const c = (k: number): number => count[k]!;
  const beam = f1(c(6) + c(7), c(2) + c(3), c(4) + c(5));
  const cart = f1(c(5) + c(7), c(1) + c(3), c(4) + c(6));
  return beam - cart;
}

/**
 * F1(beam) − F1(cart) on `rows` for every segment with both rules (null elsewhere), with a paired bootstrap
 * percentile interval at {@link COMPARISON_LEVEL}: each resample draws `rows.length` patients with replacement
 * and scores both rules on the same draw; one draw serves every segment. `resamples` 0 → no interval (low = high
 * = the estimate). Empty `rows` → null for every segment.
 * Cost: O(resamples × rows × (1 + segments)).
 * @example
 * const d = pairedF1Differences(beamMatches, cartMatches, codes, split.holdout, 1000, rngs.stream('compare'));
 * d[0]; // { beam_minus_cart: 0.02, low: -0.01, high: 0.05, level: 0.95, resamples: 1000 }
 */
export function pairedF1Differences(
  beam: readonly (Uint8Array | null)[], cart: readonly (Uint8Array | null)[], codes: Int32Array,
  rows: Int32Array, resamples: number, rng: Rng,
): (F1Difference | null)[] {
  const n = rows.length;
  const cats = beam.map((b, s) => (b && cart[s] && n ? categories(b, cart[s]!, codes, s, rows) : null));
  const count = new Float64Array(8);
  const full = cats.map((cat) => {
    if (!cat) return Number.NaN;
    count.fill(0);
    for (const k of cat) count[k]!++;
    return difference(count);
  });
  const draws = cats.map(() => new Float64Array(resamples));
  const times = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    times.fill(0);
    for (let i = 0; i < n; i++) times[randomInt(rng, n)]!++;
    cats.forEach((cat, s) => {
      if (!cat) return;
      count.fill(0);
      for (let i = 0; i < n; i++) count[cat[i]!]! += times[i]!;
      draws[s]![b] = difference(count);
    });
  }
  const tail = (1 - COMPARISON_LEVEL) / 2;
  return cats.map((cat, s) => {
    if (!cat) return null;
    const sorted = draws[s]!.sort();
    const low = resamples ? quantileSorted(sorted, tail) : full[s]!;
    const high = resamples ? quantileSorted(sorted, 1 - tail) : full[s]!;
    return { beam_minus_cart: round6(full[s]!), low: round6(low), high: round6(high), level: COMPARISON_LEVEL, resamples };
  });
}

/** A rule's size for the "simpler" test: conditions (an interval on one column counts once), then terms. */
export function ruleSize(terms: readonly Term[]): { conditions: number; terms: number } {
  return { conditions: terms.reduce((a, t) => a + conditionCount(t), 0), terms: terms.length };
}

/**
 * The simpler of the two rules (fewer conditions, then fewer terms; a tie goes to the beam) and the recommended
 * one: the simpler unless the other's F1 is higher beyond the interval of the difference (the whole interval on
 * its side of 0). Without an interval (no held-out patients) the simpler one. O(conditions).
 * @example
 * recommend(beamTerms, cartTerms, { beam_minus_cart: -0.2, low: -0.3, high: -0.1, level: 0.95, resamples: 1000 });
 * // { simpler: 'beam', recommended: 'cart' } when the beam's rule is the shorter one
 */
export function recommend(
  beam: readonly Term[], cart: readonly Term[], diff: F1Difference | null,
): { simpler: RuleSource; recommended: RuleSource } {
  const a = ruleSize(beam);
  const b = ruleSize(cart);
  const simpler: RuleSource = b.conditions < a.conditions || (b.conditions === a.conditions && b.terms < a.terms) ? 'cart' : 'beam';
  if (!diff) return { simpler, recommended: simpler };
  const otherBetter = simpler === 'beam' ? diff.high < 0 : diff.low > 0;
  return { simpler, recommended: otherBetter ? (simpler === 'beam' ? 'cart' : 'beam') : simpler };
}
