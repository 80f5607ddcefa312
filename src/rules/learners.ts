/**
 * The two learners, each refit on all fit rows with the recipe inner validation chose for it (select.ts): the
 * beam search's rule (the most typical of its full fit and its fold fits, typical.ts) and CART's leaf paths on
 * readable cuts (as grown on all fit rows). Without inner validation each learner takes its budget with the best
 * in-sample objective. {@link compareLearners} then sets the two side by side on the held-out rows.
 *
 * Cost: O(fitSegments) per learner + for the beam O(typicalRule); the comparison O(compare.ts).
 */
import type { PatientTable } from '../data/table.js';
import type { Rng } from '../random/index.js';
import type { RulesSettings } from '../scenario/sections/rules.js';
import { matchTerms } from './apply.js';
import { pairedF1Differences, recommend, ruleSize } from './compare.js';
import { toTerm } from './condition.js';
import { fitSegments } from './fit.js';
import { splitMetrics } from './metrics.js';
import type { RecipeChoice } from './select.js';
import type { Split } from './split.js';
import type { Units } from './text.js';
import { rulesText } from './text.js';
import { typicalRule } from './typical.js';
import type { FitData, LearnerRule, Recipe, RuleComparison, RuleSource, Term } from './types.js';

/** One learner's rule per segment and the recipe it came from (null for segments without a rule). */
export interface LearnerFit {
  readonly terms: readonly Term[][];
  readonly recipes: readonly (Recipe | null)[];
}

/**
 * Fit `source`'s rule for every segment on `fitRows`.
 * Cost: segments × O(candidateRules) (+ the beam's typical-rule choice).
 * @example
 * const beam = fitLearner('beam', data, table, split.fit, weight, settings, choices);
 * beam.terms[0]; // [[{ feature: 'diagnosis', op: 'in', value: ['thalassaemia'] }, …]]
 */
export function fitLearner(
  source: RuleSource, data: FitData, table: PatientTable, fitRows: Int32Array, weight: Float64Array,
  settings: RulesSettings, choices: readonly (RecipeChoice | null)[] | null,
): LearnerFit {
  const fixed = choices?.map((c) => c?.[source].recipe ?? null);
  const fitted = fitSegments(data, fitRows, weight, settings, fixed, source);
  const terms = fitted.rules.map((rule, s) => {
    const own = rule.map((t) => toTerm(t, data.features));
    const choice = choices?.[s];
    if (!choice || source !== 'beam' || rule.length === 0) return own;
    const candidates = [own, ...choice.beam.foldRules];
    return candidates[typicalRule(candidates, table, fitRows)]!;
  });
  return { terms, recipes: fitted.selections.map((x) => x?.recipe ?? null) };
}

/** The labelled rows a comparison reads: segment codes and names, the split, and the segments without a rule. */
export interface LabelledRows {
  readonly table: PatientTable;
  readonly codes: Int32Array;
  readonly names: readonly string[];
  readonly split: Split;
  readonly skip: Uint8Array;
}

/**
 * Both learners' rules for every segment side by side: metrics, held-out F1(beam) − F1(CART) with its paired
 * bootstrap interval (`resamples` draws from `rng`), and the recommendation (compare.ts). Null for skipped
 * segments. Also returns each learner's match flags per segment (all table rows).
 * Cost: O(segments × n × conditions) + O(pairedF1Differences).
 * @example
 * const { comparisons } = compareLearners({ beam, cart }, rows, units, 1000, rngs.stream('compare'));
 * comparisons[0]?.recommended; // 'beam'
 */
export function compareLearners(
  fits: Readonly<Record<RuleSource, LearnerFit>>, rows: LabelledRows, units: Units, resamples: number, rng: Rng,
): { comparisons: (RuleComparison | null)[]; matches: Record<RuleSource, Uint8Array[]> } {
  const { table, codes, names, split, skip } = rows;
  const matches = { beam: fits.beam.terms.map((t) => matchTerms(t, table)), cart: fits.cart.terms.map((t) => matchTerms(t, table)) };
  const kept = (m: Uint8Array[]): (Uint8Array | null)[] => m.map((x, s) => (skip[s] ? null : x));
  const diffs = pairedF1Differences(kept(matches.beam), kept(matches.cart), codes, split.holdout, resamples, rng);
  const comparisons = names.map((_, s): RuleComparison | null => {
    if (skip[s]) return null;
    const learner = (source: RuleSource): LearnerRule => {
      const terms = fits[source].terms[s]!;
      const metrics = splitMetrics(matches[source][s]!, codes, s, split, names);
      return { terms, text: rulesText(terms, units), conditions: ruleSize(terms).conditions, budget: fits[source].recipes[s]?.terms ?? 0, metrics };
    };
    const difference = diffs[s] ?? null;
    return { beam: learner('beam'), cart: learner('cart'), difference, ...recommend(fits.beam.terms[s]!, fits.cart.terms[s]!, difference) };
  });
  return { comparisons, matches };
}
