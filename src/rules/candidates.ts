/**
 * Candidate rules per recipe: a recipe is a learner — the beam search ({@link beamCandidates}) or the CART
 * surrogate's positive-leaf paths grown on the readable grid ({@link binCartTerms}) — with a budget of 1 …
 * `max_terms` ORed terms.
 *
 * Cost: one beam run up to the largest beam budget + one tree, per segment and set of rows.
 */
import type { RulesSettings } from '../scenario/sections/rules.js';
import { binCartTerms } from './bincart.js';
import { beamCandidates, ruleObjective } from './induce.js';
import type { BinCondition, Recipe, RuleSource, SearchContext } from './types.js';

type Terms = (readonly BinCondition[])[];

/** Every recipe for a term budget, simplest first (ties go to the simpler recipe, then to the beam). O(maxTerms). */
export function allRecipes(maxTerms: number): Recipe[] {
  return Array.from({ length: maxTerms }, (_, k) => [
    { source: 'beam' as const, terms: k + 1 },
    { source: 'cart' as const, terms: k + 1 },
  ]).flat();
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
export function candidateRules(
  ctx: SearchContext, rows: Int32Array, settings: RulesSettings, recipes: readonly Recipe[],
): Terms[] {
  const budget = (source: RuleSource): number =>
    Math.max(0, ...recipes.filter((r) => r.source === source).map((r) => r.terms));
  const beamOptions = { maxTerms: budget('beam'), minTermGain: settings.min_term_gain };
  const beam = budget('beam') ? beamCandidates(ctx, rows, beamOptions) : [];
  const cart = budget('cart') ? cartCandidates(ctx, rows, budget('cart')) : [];
  return recipes.map((r) => (r.source === 'beam' ? beam : cart)[r.terms - 1]!);
}
