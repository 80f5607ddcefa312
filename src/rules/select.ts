/**
 * Model choice by inner validation. Each (learner, term budget) pair is a recipe (candidates.ts); k-fold
 * validation inside the fit rows (never the held-out split) scores every recipe by pooled validated F-beta and
 * F-beta minus the per-condition penalty. Among the beam's budgets the best penalised score wins, so an ORed term
 * that does not raise validated F-beta is not kept. The tree's full paths are the incumbent: the best other recipe
 * replaces them only when clearly more accurate (corrected resampled t-test, ttest.ts), so the rule is never
 * chosen against the tree's validated accuracy. The chosen recipe is refit on all fit rows (fit.ts).
 *
 * Cost: folds × (grid + trees + beam candidates per segment), on at most `inner_max_rows` fit rows.
 */
import type { PatientTable } from '../data/table.js';
import type { RulesSettings } from '../scenario/sections/rules.js';
import { fBeta } from './beam.js';
import { allRecipes, candidateRules } from './candidates.js';
import { ruleMatches, toTerm } from './condition.js';
import { searchContext } from './context.js';
import { prepareFeatures } from './features.js';
import { cartSurrogates } from './surrogate.js';
import { challengerCritical, correctedSe } from './ttest.js';
import type { InnerFolds, Recipe, RecipeScore, Term } from './types.js';

/** What the inner validation needs besides the folds: the table, the usable columns and the labels. */
export interface ValidationData {
  readonly table: PatientTable;
  readonly columns: readonly string[];
  readonly codes: Int32Array;
  readonly nSegments: number;
  /** 1 for segments that get no rule. */
  readonly skip: Uint8Array;
}

/** A segment's chosen recipe and every recipe's validated figures. */
export interface RecipeChoice {
  readonly best: Recipe;
  readonly scores: readonly RecipeScore[];
  /** The chosen recipe's rule on each fold's training rows (document form). */
  readonly foldRules: readonly Term[][];
}

/**
 * Score every recipe of every segment by inner validation and choose one per segment. Each fold rebuilds the
 * threshold grid (quantiles, segment boundaries, the fold's own CART cuts) from its training rows only, so
 * validation rows never shape the candidates. Validation counts are unweighted, like the reported metrics.
 * Choice: the incumbent is the full tree (cart with the whole term budget); the best other recipe replaces it
 * only when ahead by {@link challengerCritical} corrected standard errors of their per-fold difference.
 * Cost: folds × (grid + trees + segments × {@link candidateRules}).
 * @example
 * const folds = innerFolds(codes, split.fit, 5, 20_000, rngs.stream('inner'));
 * const choices = validateRecipes({ table, columns, codes, nSegments, skip }, folds, weight, settings);
 * choices[0]?.best; // { source: 'cart', terms: 3 }
 */
export function validateRecipes(data: ValidationData, folds: InnerFolds, weight: Float64Array, settings: RulesSettings): (RecipeChoice | null)[] {
  const { table, columns, codes, nSegments } = data;
  const recipes = allRecipes(settings.max_terms);
  const k = folds.train.length;
  const R = recipes.length;
  const tp = new Float64Array(nSegments * R);
  const fp = new Float64Array(nSegments * R);
  const conds = new Float64Array(nSegments * R);
  const perFold = new Float64Array(nSegments * R * k);
  const positives = new Float64Array(nSegments);
  const positive = new Uint8Array(codes.length);
  const foldRules: Term[][][] = Array.from({ length: nSegments * R }, () => []);
  const byScore = settings.selection === 'readability';
  folds.train.forEach((train, f) => {
    const valid = folds.valid[f]!;
    const plain = prepareFeatures(table, columns, train, codes, nSegments, settings.quantiles, []);
    const cart = cartSurrogates(table, plain, codes, nSegments, train, weight, settings.max_conditions);
    const features = prepareFeatures(table, columns, train, codes, nSegments, settings.quantiles, [], cart.cuts);
    for (let s = 0; s < nSegments; s++) {
      if (data.skip[s]) continue;
      let total = 0;
      let P = 0;
      for (let i = 0; i < codes.length; i++) positive[i] = codes[i] === s ? 1 : 0;
      for (const r of train) if (positive[r]) total += weight[r]!;
      for (const r of valid) if (positive[r]) P++;
      positives[s]! += P;
      if (total <= 0) continue;
      const ctx = searchContext(features, weight, positive, total, settings);
      candidateRules(ctx, train, settings, recipes).forEach((rule, i) => {
        let t = 0;
        let n = 0;
        for (const r of valid) if (ruleMatches(rule, features, r)) { if (positive[r]) t++; else n++; }
        const c = rule.reduce((a, term) => a + term.length, 0);
        const j = s * R + i;
        tp[j]! += t;
        fp[j]! += n;
        conds[j]! += c / k;
        perFold[j * k + f] = fBeta(t, n, P, settings.beta) - (byScore ? settings.condition_penalty * c : 0);
        foldRules[j]!.push(rule.map((term) => toTerm(term, features)));
      });
    }
  });
  return Array.from({ length: nSegments }, (_, s) => {
    if (data.skip[s]) return null;
    const scores = recipes.map((r, i): RecipeScore => {
      const j = s * R + i;
      const fb = fBeta(tp[j]!, fp[j]!, positives[s]!, settings.beta);
      return { ...r, f_beta: fb, conditions: conds[j]!, score: fb - settings.condition_penalty * conds[j]! };
    });
    const fold = (i: number): Float64Array => perFold.subarray((s * R + i) * k, (s * R + i + 1) * k);
    const best = chooseRecipe(scores, fold, settings.max_terms, byScore ? 'score' : 'f_beta', folds.k);
    return { best: recipes[best]!, scores, foldRules: foldRules[s * R + best]! };
  });
}

/**
 * Index of the chosen recipe. The incumbent is the full tree (cart with the whole term budget). Challengers are
 * the other recipes, ranked by penalised score (readability counts among them); the best one replaces the tree
 * only when its validated F-beta is higher by more than {@link challengerCritical} corrected standard errors
 * of their per-fold difference — a shorter rule alone does not displace a more accurate tree. With
 * `by = 'score'` (setting `selection: readability`) the test is on the penalised score instead, and
 * `foldF` must give per-fold penalised scores.
 * O(folds + recipes).
 */
export function chooseRecipe(scores: readonly RecipeScore[], foldF: (i: number) => ArrayLike<number>, maxTerms: number, by: 'f_beta' | 'score' = 'f_beta', k?: number): number {
  const incumbent = scores.findIndex((r) => r.source === 'cart' && r.terms === maxTerms);
  let challenger = -1;
  scores.forEach((s, i) => { if (i !== incumbent && (challenger < 0 || s.score > scores[challenger]!.score)) challenger = i; });
  if (challenger < 0) return incumbent;
  const a = foldF(challenger);
  const b = foldF(incumbent);
  return scores[challenger]![by] - scores[incumbent]![by] > challengerCritical(a.length) * correctedSe(Array.from(a, (x, f) => x - b[f]!), k ?? a.length) ? challenger : incumbent;
}
