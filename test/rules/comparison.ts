/** Shared check of a segment's learner comparison (invariants of the recommendation, not printed values). */
import { expect } from 'vitest';
import { ruleSize } from '../../src/rules/compare.js';
import type { SegmentRule } from '../../src/rules/types.js';

/**
 * The recommended rule is the document's rule; it is the simpler learner's unless the interval of F1(beam) −
 * F1(CART) lies wholly on the other's side of 0; and whenever it trails the other learner on the held-out
 * patients, that interval includes 0 (the gap is within the held-out sampling noise).
 */
export function expectHonestComparison(r: SegmentRule): void {
  const c = r.comparison!;
  expect(c, r.segment).not.toBeNull();
  const own = c[c.recommended];
  const other = c[c.recommended === 'beam' ? 'cart' : 'beam'];
  expect(r.terms).toEqual(own.terms);
  expect(r.metrics).toEqual(own.metrics);
  const a = ruleSize(c.beam.terms);
  const b = ruleSize(c.cart.terms);
  const simpler = b.conditions < a.conditions || (b.conditions === a.conditions && b.terms < a.terms) ? 'cart' : 'beam';
  expect(c.simpler, r.segment).toBe(simpler);
  const d = c.difference!;
  expect(d.low).toBeLessThanOrEqual(d.high);
  expect(d.beam_minus_cart).toBeCloseTo(c.beam.metrics.holdout!.f1 - c.cart.metrics.holdout!.f1, 5);
  const otherWins = c.simpler === 'beam' ? d.high < 0 : d.low > 0;
  expect(c.recommended, r.segment).toBe(otherWins ? (c.simpler === 'beam' ? 'cart' : 'beam') : c.simpler);
  if (own.metrics.holdout!.f1 < other.metrics.holdout!.f1) expect(d.low <= 0 && d.high >= 0, r.segment).toBe(true);
}
