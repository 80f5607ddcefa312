import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import type { PatientTable } from '../../src/data/table.js';
import { streams } from '../../src/random/index.js';
import { matchTerms } from '../../src/rules/apply.js';
import { cartSurrogates } from '../../src/rules/surrogate.js';
import { binCartTerms } from '../../src/rules/bincart.js';
import { toTerm } from '../../src/rules/condition.js';
import { prepareFeatures } from '../../src/rules/features.js';
import { binRuleMatches } from '../../src/rules/fit.js';
import { allRecipes } from '../../src/rules/candidates.js';
import { searchContext } from '../../src/rules/context.js';
import { innerFolds } from '../../src/rules/folds.js';
import { chooseRecipe } from '../../src/rules/select.js';
import { challengerCritical, correctedSe } from '../../src/rules/stats.js';
import type { RecipeScore } from '../../src/rules/types.js';
import { roundestIn } from '../../src/rules/snap.js';
import { stratifiedSplit } from '../../src/rules/split.js';
import { typicalRule } from '../../src/rules/typical.js';
import { rulesSection } from '../../src/scenario/sections/rules.js';
import { expectClose } from '../helpers/close.js';

/** Hand-computed standard errors are checked to 6 decimals (values below are rounded to that). */
const HAND_TOL = { abs: 1e-6 };

describe('roundestIn(a, b): the roundest cut in (a, b]', () => {
  it('gives readable equivalents of CART midpoints (hand)', () => {
    expect(roundestIn(34, 35)).toBe(35); // whole-number column: the next value
    expect(roundestIn(34, 54)).toBe(50);
    expect(roundestIn(8.93, 8.97)).toBe(8.95);
    expect(roundestIn(30, 45)).toBe(40);
    expect(roundestIn(-1.2, -0.9)).toBe(-1);
    expect(roundestIn(0.1234, 0.1236)).toBe(0.1235);
    expect(() => roundestIn(2, 2)).toThrow(/a < b/);
  });
});

describe('binCartTerms (CART on the readable grid)', () => {
  it("on the fit rows it reproduces the exact surrogate's matches for every segment, with readable cuts", () => {
    const { table, archetypes } = synthesizeCohort(600, streams(11));
    const names = [...new Set(archetypes)].sort();
    const codes = Int32Array.from(archetypes, (a) => names.indexOf(a));
    const split = stratifiedSplit(codes, names.length, 0.3, streams(11).stream('split'));
    const columns = table.columns.map((c) => c.name);
    const weight = new Float64Array(codes.length);
    for (const r of split.fit) weight[r] = 1;
    const plain = prepareFeatures(table, columns, split.fit, codes, names.length, 20, []);
    const cart = cartSurrogates(table, plain, codes, names.length, split.fit, weight, 3);
    const features = prepareFeatures(table, columns, split.fit, codes, names.length, 20, [], cart.cuts);
    const settings = rulesSection.parse({});
    names.forEach((_, s) => {
      const positive = Uint8Array.from(codes, (c) => (c === s ? 1 : 0));
      const ctx = searchContext(features, weight, positive, split.fit.filter((r) => positive[r]).length, settings);
      const bins = binCartTerms(ctx, split.fit, 3);
      const exact = matchTerms(cart.terms[s]!, table);
      const ours = binRuleMatches(bins, features, codes.length);
      for (const r of split.fit) expect(ours[r], `${names[s]} row ${r}`).toBe(exact[r]);
      // Readable: numeric cuts carry few significant digits (the exact tree's are midpoints like 36.650000000000006).
      for (const c of bins.flatMap((t) => toTerm(t, features))) if (typeof c.value === 'number') expect(String(c.value).length).toBeLessThanOrEqual(6);
    });
  });
});

describe('inner validation', () => {
  it('correctedSe(d) = sd · √(1/k + 1/(k − 1)) (Nadeau & Bengio 2003; hand)', () => {
    // d = 0.1 … 0.5: mean 0.3, sample variance 0.025; × (1/5 + 1/4) = 0.01125; √ = 0.106066.
    expectClose(correctedSe([0.1, 0.2, 0.3, 0.4, 0.5]), 0.106066, HAND_TOL);
    expect(correctedSe([0.2])).toBe(0);
    // Two repeats of 5 folds (J = 10, k = 5), hand:
    // d = 0.1 … 0.5 twice: mean 0.3, variance 0.2/9 = 0.022222; × (1/10 + 1/4) = 0.007778; √ = 0.088192.
    expectClose(correctedSe([0.1, 0.2, 0.3, 0.4, 0.5, 0.1, 0.2, 0.3, 0.4, 0.5], 5), 0.088192, HAND_TOL);
    expectClose(challengerCritical(5), 2.131847, { abs: 1e-6 }); // t(0.95, 4 df), t table
    expectClose(challengerCritical(100), 1.660391, { abs: 1e-6 }); // t(0.95, 99 df), t table (no longer capped at 19 df)
  });

  it("chooseRecipe picks within one learner: the best penalised score, or (test) the one-term rule unless clearly beaten", () => {
    const recipes = allRecipes(2); // beam1, cart1, beam2, cart2
    const scored = (score: number): Pick<RecipeScore, 'f_beta' | 'conditions' | 'score'> => ({ f_beta: score, conditions: 0, score });
    // beam1 0.80, cart1 0.70, beam2 0.85, cart2 0.70 (a tie with cart1).
    const scores = [scored(0.8), scored(0.7), scored(0.85), scored(0.7)].map((x, i) => ({ ...recipes[i]!, ...x }));
    // Per-fold penalised scores; beam2 − beam1 per fold: 0.02, 0.08, 0.05, 0.03, 0.07: mean 0.05, sd 0.025495 →
    // corrected SE 0.017104 (hand); critical 2.132 × 0.017104 = 0.036466 < 0.05 → beam2 clearly better.
    const clear = [[0.8, 0.8, 0.8, 0.8, 0.8], [0.7, 0.7, 0.7, 0.7, 0.7], [0.82, 0.88, 0.85, 0.83, 0.87], [0.7, 0.7, 0.7, 0.7, 0.7]];
    expect(chooseRecipe(scores, (i) => clear[i]!, 'beam', 'best')).toBe(2);
    expect(chooseRecipe(scores, (i) => clear[i]!, 'cart', 'best')).toBe(1); // tie → fewer terms
    expect(chooseRecipe(scores, (i) => clear[i]!, 'beam', 'test')).toBe(2);
    // Same mean gain, noisy folds (−0.1, 0.2, 0.05, −0.05, 0.15): corrected SE 0.085513 → critical 0.18 > 0.05 → beam1.
    const noisy = [clear[0]!, clear[1]!, [0.7, 1.0, 0.85, 0.75, 0.95], clear[3]!];
    expect(chooseRecipe(scores, (i) => noisy[i]!, 'beam', 'test')).toBe(0);
    expect(chooseRecipe(scores, (i) => noisy[i]!, 'beam', 'best')).toBe(2);
  });

  it('innerFolds deals every fit row into exactly one validation fold, stratified, and caps the rows used', () => {
    const codes = Int32Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : 1));
    const fit = Int32Array.from({ length: 100 }, (_, i) => i);
    const f = innerFolds(codes, fit, 5, 1000, streams(3).stream('inner'));
    const seen = new Int32Array(100);
    f.valid.forEach((v, k) => {
      for (const r of v) seen[r]!++;
      expect(v.filter((r) => codes[r] === 1).length).toBe(4); // 20 of segment 1 over 5 folds
      expect(f.train[k]!.length + v.length).toBe(100);
      for (const r of v) expect(f.train[k]!.includes(r)).toBe(false);
    });
    expect([...seen].every((x) => x === 1)).toBe(true);
    const twice = innerFolds(codes, fit, 5, 1000, streams(3).stream('inner'), 2);
    expect(twice.valid).toHaveLength(10);
    expect(twice.k).toBe(5);
    expect(twice.valid.slice(5).reduce((a, v) => a + v.length, 0)).toBe(100);
    const capped = innerFolds(codes, fit, 5, 50, streams(3).stream('inner'));
    expect(capped.valid.reduce((a, v) => a + v.length, 0)).toBe(50);
  });
});

describe('typicalRule (medoid of several fits)', () => {
  it('picks the fit whose matches overlap most with the others; ties keep the first', () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => i);
    const t: PatientTable = { idColumn: 'id', ids: [...x].map((i) => `p${i}`), columns: [{ kind: 'numeric', name: 'x', values: x }] };
    const rows = Int32Array.from({ length: 100 }, (_, i) => i);
    const ge = (v: number) => [[{ feature: 'x', op: '>=' as const, value: v }]];
    // x ≥ 50 overlaps x ≥ 48 and x ≥ 52 (Jaccard 50/52, 48/50); x ≥ 10 is the odd one out.
    expect(typicalRule([ge(10), ge(48), ge(50), ge(52)], t, rows)).toBe(2);
    expect(typicalRule([ge(50), ge(50)], t, rows)).toBe(0);
  });
});
