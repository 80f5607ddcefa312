/**
 * The recommendation rule against hand-computed paired-t intervals. Reference quantile: Student t, 0.975,
 * 9 degrees of freedom = 2.262157 (statistical tables; 10 replications).
 */
import { describe, expect, it } from 'vitest';
import { normal, streams } from '../../src/random/index.js';
import { recommend } from '../../src/decide/recommend.js';
import type { Constraint, PolicySamples } from '../../src/decide/constraints.js';
import { expectClose } from '../helpers/close.js';

const T975_DF9 = 2.262157;
/** The table value has 7 significant digits; interval ends agree to well under 1e-5 of their size. */
const TABLE_REL = 1e-5;
const BASE = [100, 104, 97, 110, 102, 99, 105, 101, 98, 103];

function policy(name: string, measures: Record<string, number[]>): PolicySamples {
  return { name, measures };
}

/** Paired mean difference and 95% interval by hand formula. */
function pairedCi(a: readonly number[], b: readonly number[]): { mean: number; low: number; high: number } {
  const d = a.map((v, i) => v - b[i]!);
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (d.length - 1));
  const half = (T975_DF9 * sd) / Math.sqrt(d.length);
  return { mean, low: mean - half, high: mean + half };
}

const objective = { measure: 'home', sense: 'max' } as const;

describe('recommend', () => {
  it('reports a tie, never a single best, when the paired interval overlaps zero', () => {
    const d = [3, -1, 2, -2, 4, -3, 1, 0, 2, -1];
    const a = BASE.map((v, i) => v + d[i]!);
    const hand = pairedCi(a, BASE); // mean 0.5, sd 2.27, interval −1.12 … 2.12
    expect(hand.low).toBeLessThan(0);
    const r = recommend([policy('current', { home: BASE }), policy('A', { home: a })], { objective });
    expect(r.status).toBe('tied');
    expect(r.recommended).toBeNull();
    expect(r.tied).toEqual(['A', 'current']);
    expectClose(r.comparisons[0]!.difference.ciLow, hand.low, { rel: TABLE_REL });
    expectClose(r.comparisons[0]!.difference.ciHigh, hand.high, { rel: TABLE_REL });
  });

  it('over 300 random pairs names one policy exactly when the hand-computed interval excludes zero', () => {
    let ties = 0, wins = 0;
    for (let seed = 0; seed < 300; seed++) {
      const rng = streams(seed).stream('pair');
      const x = BASE.map((v) => v + normal(rng, 0, 5));
      const y = x.map((v) => v + normal(rng, 1, 2)); // true gain 1, paired sd 2: often undecided
      const hand = pairedCi(y, x);
      const r = recommend([policy('x', { home: x }), policy('y', { home: y })], { objective });
      if (hand.low > 0 || hand.high < 0) {
        wins++;
        expect(r.recommended).toBe(hand.mean > 0 ? 'y' : 'x');
      } else {
        ties++;
        expect(r.status).toBe('tied');
        expect(r.recommended).toBeNull();
      }
    }
    expect(ties).toBeGreaterThan(30); // both branches exercised
    expect(wins).toBeGreaterThan(30);
  });

  it('names the clear winner and says the objective decided, with the difference to the runner-up', () => {
    const a = BASE.map((v, i) => v + 10 + (i % 3) - 1);
    const hand = pairedCi(a, BASE);
    const r = recommend([policy('current', { home: BASE }), policy('A', { home: a })], { objective });
    expect(r.status).toBe('recommended');
    expect(r.recommended).toBe('A');
    expect(r.decidedBy).toMatchObject({ kind: 'objective', versus: 'current' });
    if (r.decidedBy?.kind !== 'objective') return;
    expectClose(r.decidedBy.difference!.estimate, hand.mean, { rel: 1e-12 });
    expect(r.message).toMatch(/Recommended: A; decided by home: better than current by 9\.\d/);
  });

  it('minimises when asked: the lower objective wins', () => {
    const r = recommend([policy('a', { cost: BASE }), policy('b', { cost: BASE.map((v) => v - 20) })],
      { objective: { measure: 'cost', sense: 'min' } });
    expect(r.recommended).toBe('b');
  });

  it('excludes the highest-home policy that fails non-inferiority and says by how much (hand: 5 − 2 = 3)', () => {
    // Patient-days below the floor (lower is better): "aggressive" adds exactly 5 per replication to
    // "current" (paired interval [5, 5]); the margin is 2, so it fails by 3. "balanced" adds exactly 1.
    const floorDays = [6, 8, 5, 7, 9, 6, 5, 8, 7, 6];
    const current = policy('current', { home: BASE, floor: floorDays });
    const aggressive = policy('aggressive', { home: BASE.map((v) => v + 50), floor: floorDays.map((v) => v + 5) });
    const balanced = policy('balanced', {
      home: BASE.map((v, i) => v + 20 + (i % 2)), floor: floorDays.map((v) => v + 1),
    });
    const safety: Constraint = {
      kind: 'non_inferior', measure: 'floor', reference: 'current', margin: 2, better: 'lower',
    };
    const r = recommend([current, aggressive, balanced], { objective, constraints: [safety] });
    expect(r.recommended).toBe('balanced');
    expect(r.decidedBy).toMatchObject({ kind: 'constraint', policy: 'aggressive' });
    if (r.decidedBy?.kind !== 'constraint') return;
    expectClose(r.decidedBy.shortfall, 3, { abs: 1e-12 });
    const balancedCheck = r.checks.find((c) => c.policy === 'balanced')!;
    expect(balancedCheck.passed).toBe(true);
    expectClose(balancedCheck.slack, 1, { abs: 1e-12 });
    expect(r.message).toMatch(/fails by 3\.00/);
  });

  it('applies a cost ceiling to the whole interval, and reports none admissible when nothing passes', () => {
    const cheap = policy('cheap', { home: BASE, cost: BASE.map((v) => v - 10) }); // mean 91.9
    const dear = policy('dear', { home: BASE.map((v) => v + 30), cost: BASE.map((v) => v + 20) }); // mean 121.9
    const ceiling = { kind: 'at_most', measure: 'cost', value: 100 } as const;
    const r = recommend([cheap, dear], { objective, constraints: [ceiling] });
    expect(r.recommended).toBe('cheap');
    expect(r.decidedBy).toMatchObject({ kind: 'constraint', policy: 'dear' });
    const none = recommend([cheap, dear], { objective, constraints: [{ ...ceiling, value: 80 }] });
    expect(none.status).toBe('none_admissible');
    expect(none.recommended).toBeNull();
  });

  it('rejects misuse: a missing measure, unequal replication counts, an unknown reference', () => {
    expect(() => recommend([policy('a', {})], { objective })).toThrow(/no measure "home"/);
    expect(() => recommend([policy('a', { home: [1, 2, 3] }), policy('b', { home: [1, 2] })], { objective }))
      .toThrow(/2 replications/);
    const c = { kind: 'non_inferior', measure: 'home', reference: 'nobody', margin: 1, better: 'higher' } as const;
    expect(() => recommend([policy('a', { home: [1, 2] })], { objective, constraints: [c] })).toThrow(/nobody/);
  });
});
