/**
 * Model choice by inner validation, for each learner on its own. Each (learner, term budget) pair is a recipe
 * (candidates.ts); k-fold validation inside the fit rows (never the held-out split) scores every recipe by pooled
 * validated F-beta and F-beta minus the per-condition penalty. Each learner — the beam search and CART — gets its
 * own budget: the one with the best penalised score (`selection: accuracy`), or its one-term rule unless a larger
 * budget is clearly better (`readability`: corrected resampled t-test, stats.ts). Both chosen recipes are refit
 * on all fit rows (fit.ts);
 * which of the two is recommended is decided on the held-out rows (compare.ts), not here.
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
import { challengerCritical, correctedSe } from './stats.js';
import type { InnerFolds, Recipe, RecipeScore, RuleSource, Term } from './types.js';

/** What the inner validation needs besides the folds: the table, the usable columns and the labels. */
export interface ValidationData {
  readonly table: PatientTable;
  readonly columns: readonly string[];
  readonly codes: Int32Array;
  readonly nSegments: number;
  /** 1 for segments that get no rule. */
  readonly skip: Uint8Array;
}

/** One learner's chosen recipe and its rule on each fold's training rows (document form). */
export interface LearnerChoice {
  readonly recipe: Recipe;
  readonly foldRules: readonly Term[][];
}

/** A segment's chosen recipe per learner and every recipe's validated figures. */
export interface RecipeChoice {
  readonly beam: LearnerChoice;
  readonly cart: LearnerChoice;
  readonly scores: readonly RecipeScore[];
}

/**
 * Score every recipe of every segment by inner validation and choose one recipe per learner and segment. Each
 * fold rebuilds the threshold grid (quantiles, segment boundaries, the fold's own CART cuts) from its training rows
 * only, so validation rows never shape the candidates. Validation counts are unweighted, like the reported
 * metrics. Choice: {@link chooseRecipe} within each learner's recipes.
 * Cost: folds × (grid + trees + segments × {@link candidateRules}).
 * @example
 * const folds = innerFolds(codes, split.fit, 5, 20_000, rngs.stream('inner'));
 * const choices = validateRecipes({ table, columns, codes, nSegments, skip }, folds, weight, settings);
 * choices[0]?.beam.recipe; // { source: 'beam', terms: 1 }
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
    const choose = (source: RuleSource): LearnerChoice => {
      const i = chooseRecipe(scores, fold, source, byScore ? 'test' : 'best', folds.k);
      return { recipe: recipes[i]!, foldRules: foldRules[s * R + i]! };
    };
    return { beam: choose('beam'), cart: choose('cart'), scores };
  });
}

/**
 * Index of `source`'s chosen recipe among `scores`. `how = 'best'` (setting `selection: accuracy`): the recipe
 * with the best validated penalised score (ties go to the fewer terms). `how = 'test'` (`selection:
 * readability`): the one-term rule is the incumbent and the learner's best-scoring larger budget replaces it only
 * when its validated penalised score is higher by more than {@link challengerCritical} corrected standard errors
 * of their per-fold difference (`foldF` gives per-fold penalised scores): an ORed term must earn its place
 * clearly. O(folds + recipes).
 */
export function chooseRecipe(
  scores: readonly RecipeScore[], foldF: (i: number) => ArrayLike<number>, source: RuleSource,
  how: 'best' | 'test' = 'best', k?: number,
): number {
  const incumbent = scores.findIndex((r) => r.source === source && r.terms === 1);
  if (incumbent < 0) throw new Error(`chooseRecipe: no one-term ${source} recipe among ${scores.length}`);
  let best = incumbent;
  let challenger = -1;
  scores.forEach((s, i) => {
    if (s.source !== source) return;
    if (s.score > scores[best]!.score) best = i;
    if (i !== incumbent && (challenger < 0 || s.score > scores[challenger]!.score)) challenger = i;
  });
  if (how === 'best' || challenger < 0) return best;
  const a = foldF(challenger);
  const b = foldF(incumbent);
  const se = correctedSe(Array.from(a, (x, f) => x - b[f]!), k ?? a.length);
  return scores[challenger]!.score - scores[incumbent]!.score > challengerCritical(a.length) * se ? challenger : incumbent;
}
