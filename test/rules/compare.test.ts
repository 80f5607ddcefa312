import { describe, expect, it } from 'vitest';
import type { PatientTable } from '../../src/data/table.js';
import { streams } from '../../src/random/index.js';
import { pairedF1Differences, recommend, ruleSize } from '../../src/rules/compare.js';
import { learnRules } from '../../src/rules/learn.js';
import type { F1Difference, Term } from '../../src/rules/types.js';
import { rulesSection } from '../../src/scenario/sections/rules.js';
import { expectClose } from '../helpers/close.js';
import { expectHonestComparison } from './comparison.js';

/** Differences are rounded to 6 decimals in rules.json (METRIC_DECIMALS). */
const ROUND_TOL = { abs: 1e-6 };

const rows10 = Int32Array.from({ length: 10 }, (_, i) => i);
const codes10 = Int32Array.from({ length: 10 }, (_, i) => (i < 5 ? 0 : 1));
const flags = (on: number[]): Uint8Array => Uint8Array.from({ length: 10 }, (_, i) => (on.includes(i) ? 1 : 0));

describe('pairedF1Differences (held-out F1(beam) − F1(CART), paired bootstrap)', () => {
  it('gives the hand-computed difference; a rule that is never worse on any patient gives an interval ≥ 0', () => {
    // Segment 0 = rows 0–4. Beam catches exactly rows 0–4 (F1 1); CART catches 0, 1, 2 and 5: tp 3, fp 1, fn 2,
    // F1 = 6 / 9 = 0.666667 (hand). Every resample scores the beam ≥ CART, so the whole interval is ≥ 0.
    const [d] = pairedF1Differences([flags([0, 1, 2, 3, 4])], [flags([0, 1, 2, 5])], codes10, rows10, 500, streams(1).stream('compare'));
    expectClose(d!.beam_minus_cart, 1 - 6 / 9, ROUND_TOL);
    expect(d!.low).toBeGreaterThanOrEqual(0);
    expect(d!.high).toBeLessThanOrEqual(1);
    expect(d!.low).toBeLessThanOrEqual(d!.beam_minus_cart);
    expect(d!.high).toBeGreaterThanOrEqual(d!.beam_minus_cart);
    expect(d!.level).toBe(0.95);
    expect(d!.resamples).toBe(500);
  });

  it('identical rules differ by exactly 0 in every resample; no rows or no rule → null; 0 resamples → no interval', () => {
    const same = flags([0, 1, 5]);
    const [d] = pairedF1Differences([same], [same], codes10, rows10, 200, streams(1).stream('compare'));
    expect([d!.beam_minus_cart, d!.low, d!.high]).toEqual([0, 0, 0]);
    expect(pairedF1Differences([same], [same], codes10, new Int32Array(0), 200, streams(1).stream('c'))).toEqual([null]);
    expect(pairedF1Differences([null], [same], codes10, rows10, 200, streams(1).stream('c'))).toEqual([null]);
    const [z] = pairedF1Differences([flags([0, 1, 2, 3, 4])], [flags([0, 1, 2, 5])], codes10, rows10, 0, streams(1).stream('c'));
    expect(z!.low).toBe(z!.beam_minus_cart);
    expect(z!.high).toBe(z!.beam_minus_cart);
  });

  it('same seed → same interval; the interval narrows as the held-out set grows (same per-patient pattern)', () => {
    const run = (copies: number, seed: number): F1Difference => {
      const n = 10 * copies;
      const rows = Int32Array.from({ length: n }, (_, i) => i);
      const codes = Int32Array.from(rows, (i) => codes10[i % 10]!);
      const b = Uint8Array.from(rows, (i) => flags([0, 1, 2, 3, 6])[i % 10]!);
      const c = Uint8Array.from(rows, (i) => flags([0, 1, 2, 5])[i % 10]!);
      return pairedF1Differences([b], [c], codes, rows, 400, streams(seed).stream('compare'))[0]!;
    };
    expect(run(3, 7)).toEqual(run(3, 7));
    const small = run(3, 7);
    const large = run(60, 7);
    expect(large.beam_minus_cart).toBeCloseTo(small.beam_minus_cart, 6); // same proportions, same F1s
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 2); // √20 ≈ 4.5× narrower in theory
  });
});

describe('recommend(beam, cart, difference): the simpler rule unless the other is better beyond the interval', () => {
  const c = (feature: string, op: '>=' | '<', value: number) => ({ feature, op, value });
  const box: Term[] = [[c('x', '>=', 30), c('x', '<', 70), c('y', '<', 40)]]; // 2 conditions: the interval counts once
  const twoPaths: Term[] = [[c('y', '<', 40), c('x', '<', 40)], [c('y', '<', 40), c('x', '>=', 60)]]; // 4 conditions
  const diff = (low: number, high: number): F1Difference => ({ beam_minus_cart: (low + high) / 2, low, high, level: 0.95, resamples: 1000 });
  it('sizes rules by conditions (an interval counts once), then terms', () => {
    expect(ruleSize(box)).toEqual({ conditions: 2, terms: 1 });
    expect(ruleSize(twoPaths)).toEqual({ conditions: 4, terms: 2 });
  });
  it('keeps the simpler beam unless CART is better beyond the interval (hand)', () => {
    expect(recommend(box, twoPaths, diff(-0.05, 0.01))).toEqual({ simpler: 'beam', recommended: 'beam' });
    expect(recommend(box, twoPaths, diff(-0.3, -0.1))).toEqual({ simpler: 'beam', recommended: 'cart' });
    expect(recommend(box, twoPaths, diff(0.1, 0.3))).toEqual({ simpler: 'beam', recommended: 'beam' });
    expect(recommend(box, twoPaths, null)).toEqual({ simpler: 'beam', recommended: 'beam' });
  });
  it('keeps the simpler CART unless the beam is better beyond the interval; ties go to fewer terms, then the beam', () => {
    expect(recommend(twoPaths, box, diff(-0.01, 0.2))).toEqual({ simpler: 'cart', recommended: 'cart' });
    expect(recommend(twoPaths, box, diff(0.01, 0.2))).toEqual({ simpler: 'cart', recommended: 'beam' });
    const ored: Term[] = [[c('x', '>=', 30)], [c('y', '<', 40)]]; // 2 conditions, 2 terms
    expect(recommend(ored, box, diff(-0.1, 0.1)).simpler).toBe('cart');
    expect(recommend(box, box, diff(0, 0)).simpler).toBe('beam');
  });
});

/** n patients with uniform columns (one decimal) from a seeded stream. */
function uniformTable(n: number, names: readonly string[], seed: number): PatientTable {
  const rng = streams(seed).stream('data');
  const columns = names.map((name) => ({ kind: 'numeric' as const, name, values: Float64Array.from({ length: n }, () => Math.floor(rng.next() * 1000) / 10) }));
  return { idColumn: 'id', ids: Array.from({ length: n }, (_, i) => `p${i}`), columns };
}
const col = (t: PatientTable, name: string): Float64Array => {
  const c = t.columns.find((x) => x.name === name)!;
  if (c.kind !== 'numeric') throw new Error(name);
  return c.values;
};
const settings = rulesSection.parse({ bootstrap: 0 });

describe('learnRules compares the two learners honestly: either can be recommended', () => {
  it('a centred box (one conjunction of two intervals): the beam finds it, CART at depth 3 cannot; beam recommended', () => {
    // Truth: 30 ≤ x < 70 AND 30 ≤ y < 70. The beam writes it with 2 conditions; CART needs 4 cuts on one path, more
    // than its depth of 3, so its best paths leave a side of the box open.
    const t = uniformTable(2000, ['x', 'y', 'z'], 5);
    const [x, y] = [col(t, 'x'), col(t, 'y')];
    const labels = Array.from(x, (v, i) => (v >= 30 && v < 70 && y[i]! >= 30 && y[i]! < 70 ? 'box' : 'rest'));
    const r = learnRules(t, labels, settings, streams(5).child('rules')).rules.find((s) => s.segment === 'box')!;
    expectHonestComparison(r);
    const c = r.comparison!;
    expect(c.recommended).toBe('beam');
    expect(c.difference!.low).toBeGreaterThan(0); // better beyond the interval, and simpler
    expect(r.terms).toHaveLength(1);
    const cut = (f: string, op: string) => r.terms[0]!.find((k) => k.feature === f && k.op === op)?.value as number;
    for (const [f, op, truth] of [['x', '>=', 30], ['x', '<', 70], ['y', '>=', 30], ['y', '<', 70]] as const) {
      expect(Math.abs(cut(f, op) - truth), `${f} ${op}`).toBeLessThanOrEqual(1); // grid step 0.1 … a readable cut
    }
  });

  it('two boxes beside a gap, with near-copies of y: the beam is trapped in the wide box y < 40, CART is better beyond the interval', () => {
    // Truth: y < 40 AND (x < 40 OR x ≥ 60). The best single box is y < 40 (F1 ≈ 0.89 > 0.67 for one of the boxes);
    // with y2, y3 ≈ y every beam start is a copy of it, so the union is never tried. CART splits y, then x twice.
    const base = uniformTable(2000, ['x', 'y', 'z'], 5);
    const [x, y] = [col(base, 'x'), col(base, 'y')];
    const rng = streams(5).stream('copies');
    const copy = (name: string) => ({ kind: 'numeric' as const, name, values: Float64Array.from(y, (v) => Math.round((v + rng.next() - 0.5) * 10) / 10) });
    const t: PatientTable = { ...base, columns: [...base.columns, copy('y2'), copy('y3')] };
    const labels = Array.from(x, (v, i) => (y[i]! < 40 && (v < 40 || v >= 60) ? 'pair' : 'rest'));
    const r = learnRules(t, labels, settings, streams(5).child('rules')).rules.find((s) => s.segment === 'pair')!;
    expectHonestComparison(r);
    const c = r.comparison!;
    expect(c.simpler).toBe('beam');
    expect(c.recommended).toBe('cart');
    expect(c.difference!.high).toBeLessThan(0);
    expect(c.cart.terms).toHaveLength(2);
    expect(c.cart.metrics.holdout!.f1).toBeGreaterThan(0.95);
  });
});
