/**
 * Model choice by inner validation. A rule comes from one of two learners — the beam search ({@link
 * beamCandidates}) or the CART surrogate's positive-leaf paths grown on the readable grid ({@link binCartTerms})
 * — with a budget of 1 … `max_terms` ORed terms. Each (learner, budget) pair is a recipe; k-fold validation
 * inside the fit rows (never the held-out split) scores every recipe by pooled validated F-beta and F-beta minus
 * the per-condition penalty. Among the beam's budgets the best penalised score wins, so an ORed term that does not
 * raise validated F-beta is not kept. The tree's full paths are the incumbent: the best other recipe replaces
 * them only when clearly more accurate (corrected resampled t-test), so the rule is never chosen against the
 * tree's validated accuracy. The chosen recipe is refit on all fit rows.
 *
 * Cost: folds × (grid + trees + beam candidates per segment), on at most `inner_max_rows` fit rows.
 */
import type { Rng } from '../random/index.js';
import { shuffled } from '../random/index.js';
import type { RulesSettings } from '../scenario/sections/rules.js';
import { tQuantile } from '../stats/index.js';
import type { SearchContext } from './beam.js';
import { fBeta } from './beam.js';
import { binCartTerms } from './bincart.js';
import type { BinCondition } from './condition.js';
import { beamCandidates, ruleObjective } from './induce.js';
import { ruleMatches, toTerm } from './condition.js';
import type { Term } from './types.js';
import { prepareFeatures } from './features.js';
import type { FeatureView } from './features.js';
import { cartSurrogates } from './baselines.js';
import type { PatientTable } from '../data/table.js';

type Terms = (readonly BinCondition[])[];

export type RuleSource = 'beam' | 'cart';

/** A learner and its budget of ORed terms. */
export interface Recipe {
  readonly source: RuleSource;
  readonly terms: number;
}

/** One recipe's inner-validation figures (pooled over folds). */
export interface RecipeScore extends Recipe {
  /** Validated F-beta, weighted as the fit. */
  readonly f_beta: number;
  /** Mean conditions of the fold rules. */
  readonly conditions: number;
  /** f_beta − condition_penalty × conditions: what the choice maximises. */
  readonly score: number;
}

/** Inner folds over (a sample of) the fit rows: training and validation rows per fold. */
export interface InnerFolds {
  readonly train: readonly Int32Array[];
  readonly valid: readonly Int32Array[];
  /** Folds per repeat (train/valid hold repeats × k folds). */
  readonly k: number;
}

/** Every recipe for a term budget, simplest first (ties go to the simpler recipe, then to the beam). O(maxTerms). */
export function allRecipes(maxTerms: number): Recipe[] {
  return Array.from({ length: maxTerms }, (_, k) => [{ source: 'beam' as const, terms: k + 1 }, { source: 'cart' as const, terms: k + 1 }]).flat();
}

/**
 * Folds stratified by segment: each segment's rows are shuffled and dealt round-robin into `k` folds; above
 * `maxRows` fit rows, a stratified sample of `maxRows` is used. With `repeats` > 1 this is done again with fresh
 * shuffles and the folds are listed one repeat after another. O(repeats × n).
 * @example
 * const folds = innerFolds(codes, split.fit, 5, 20_000, rngs.stream('inner'));
 */
export function innerFolds(codes: Int32Array, fitRows: Int32Array, k: number, maxRows: number, rng: Rng, repeats = 1): InnerFolds {
  if (!(k >= 2)) throw new Error(`innerFolds: need at least 2 folds, got ${k}`);
  const bySegment = new Map<number, number[]>();
  for (const r of fitRows) {
    const list = bySegment.get(codes[r]!) ?? [];
    list.push(r);
    bySegment.set(codes[r]!, list);
  }
  const share = Math.min(1, maxRows / fitRows.length);
  const fold = new Int32Array(codes.length);
  const train: Int32Array[] = [];
  const valid: Int32Array[] = [];
  for (let rep = 0; rep < repeats; rep++) {
    fold.fill(-1);
    let dealt = 0;
    for (const s of [...bySegment.keys()].sort((a, b) => a - b)) {
      const rows = shuffled(rng, bySegment.get(s)!);
      const take = share < 1 ? Math.max(1, Math.round(share * rows.length)) : rows.length;
      // Deal continues across segments so small segments do not all land in fold 0.
      for (const r of rows.slice(0, take)) fold[r] = dealt++ % k;
    }
    for (let f = 0; f < k; f++) {
      train.push(fitRows.filter((r) => fold[r]! >= 0 && fold[r] !== f));
      valid.push(fitRows.filter((r) => fold[r] === f));
    }
  }
  return { train, valid, k };
}

/**
 * The tree learner's rule with at most 1 … `maxTerms` terms: leaf paths chosen greedily by the objective (all
 * of them when they fit the budget). Paths are kept as the tree made them (its depth is its own complexity
 * control); whether fewer paths do better is for the inner validation to say. Cost: one tree + O(paths² × rows).
 */
export function cartCandidates(ctx: SearchContext, rows: Int32Array, maxTerms: number): Terms[] {
  const paths = binCartTerms(ctx, rows, ctx.maxConditions);
  const order: Terms = [];
  const left = [...paths];
  const out: Terms[] = [];
  for (let k = 1; k <= maxTerms; k++) {
    if (left.length) {
      let bestI = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      left.forEach((t, i) => {
        const s = ruleObjective(ctx, [...order, t], rows);
        if (s > bestScore) { bestScore = s; bestI = i; }
      });
      order.push(left.splice(bestI, 1)[0]!);
    }
    out.push([...order]);
  }
  return out;
}

/**
 * Candidate rules over `rows` for the given recipes (aligned with them): one beam run up to the largest beam
 * budget asked for, one tree. Cost: O({@link beamCandidates}) + O({@link cartCandidates}).
 */
export function candidateRules(ctx: SearchContext, rows: Int32Array, settings: RulesSettings, recipes: readonly Recipe[]): Terms[] {
  const budget = (source: RuleSource): number => Math.max(0, ...recipes.filter((r) => r.source === source).map((r) => r.terms));
  const beam = budget('beam') ? beamCandidates(ctx, rows, { maxTerms: budget('beam'), minTermGain: settings.min_term_gain }) : [];
  const cart = budget('cart') ? cartCandidates(ctx, rows, budget('cart')) : [];
  return recipes.map((r) => (r.source === 'beam' ? beam : cart)[r.terms - 1]!);
}

/** One-sided test level of the corrected resampled t-test (k − 1 degrees of freedom over k folds). */
const CHALLENGER_QUANTILE = 0.95;

/**
 * The critical value a challenger's validated gain over the tree must exceed, in corrected standard errors:
 * a one-sided test at 5% (corrected resampled t-test, Nadeau & Bengio 2003). The beam searches a far larger space
 * of rules than the greedy tree, so the best of its candidates on validation is an optimistic estimate (winner's
 * curse); without clear evidence the tree's paths, the established surrogate, are kept. Dropping some of the
 * tree's paths is held to the same test.
 */
/** O(1) after the first call per fold count (cached t quantile). */
export function challengerCritical(folds: number): number {
  return tQuantile(CHALLENGER_QUANTILE, Math.max(1, folds - 1));
}



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

/**
 * Standard error of a mean difference over J = repeats × k cross-validation folds, corrected for the overlap of
 * the folds' training sets (Nadeau & Bengio 2003, "Inference for the generalization error"): variance ×
 * (1/J + 1/(k − 1)), the test/train size ratio of k-fold being 1/(k − 1). The naive s/√J understates it. O(J).
 */
export function correctedSe(d: readonly number[], k = d.length): number {
  const J = d.length;
  if (J < 2) return 0;
  const mean = d.reduce((acc, x) => acc + x, 0) / J;
  const variance = d.reduce((acc, x) => acc + (x - mean) ** 2, 0) / (J - 1);
  return Math.sqrt(variance * (1 / J + 1 / (k - 1)));
}

/** One segment's search context; a class so that every context has the same shape (see cohort.ts's `CohortRecord`). */
class SearchContextRecord implements SearchContext {
  constructor(
    readonly features: readonly FeatureView[],
    readonly usable: readonly number[],
    readonly weight: Float64Array,
    readonly positive: Uint8Array,
    readonly totalPositive: number,
    readonly beta: number,
    readonly penalty: number,
    readonly maxConditions: number,
    readonly beamWidth: number,
  ) {}
}

/** The search context for one segment; `usable` defaults to every feature. O(features). */
export function searchContext(features: readonly FeatureView[], weight: Float64Array, positive: Uint8Array, totalPositive: number, settings: RulesSettings, usable: readonly number[] = features.map((_, i) => i)): SearchContext {
  return new SearchContextRecord(features, usable, weight, positive, totalPositive, settings.beta, settings.condition_penalty, settings.max_conditions, settings.beam_width);
}
