/**
 * Fitting every segment's rule on one set of weighted rows: used once on the fit split and again on each
 * bootstrap resample.
 */
import type { RulesSettings } from '../scenario/sections/rules.js';
import { allRecipes, candidateRules } from './candidates.js';
import { ruleMatches } from './condition.js';
import { searchContext } from './context.js';
import type { FeatureView } from './features.js';
import { ruleObjective } from './induce.js';
import type { BinRule, FitData, Recipe, RuleSource, Selection } from './types.js';

/**
 * One rule per segment (one-vs-rest) over `rows` with per-row `weight` (indexed by table row). Each segment's
 * recipe (learner and term budget) is given — chosen by {@link validateRecipes} in the main fit, reused by the
 * bootstrap refits — or, when absent, the candidate with the best in-sample objective among `source`'s recipes
 * (both learners' when `source` is absent) is taken.
 * Cost: segments × O(candidateRules).
 */
export function fitSegments(
  data: FitData, rows: Int32Array, weight: Float64Array, settings: RulesSettings, recipes?: readonly (Recipe | null)[],
  source?: RuleSource,
): { rules: BinRule[]; selections: (Selection | null)[] } {
  const rules: BinRule[] = [];
  const selections: (Selection | null)[] = [];
  const positive = new Uint8Array(data.codes.length);
  for (let s = 0; s < data.nSegments; s++) {
    let total = 0;
    for (let i = 0; i < data.codes.length; i++) positive[i] = data.codes[i] === s ? 1 : 0;
    for (const r of rows) if (positive[r]) total += weight[r]!;
    const fixed = recipes?.[s];
    if (total <= 0 || data.skip?.[s] || fixed === null) { rules.push([]); selections.push(null); continue; }
    const ctx = searchContext(data.features, weight, positive, total, settings, data.usable);
    if (fixed) {
      rules.push(candidateRules(ctx, rows, settings, [fixed])[0]!);
      selections.push({ recipe: fixed, scores: null });
      continue;
    }
    const all = allRecipes(settings.max_terms).filter((r) => !source || r.source === source);
    const cands = candidateRules(ctx, rows, settings, all);
    const objective = cands.map((c) => ruleObjective(ctx, c, rows));
    let best = 0;
    objective.forEach((o, i) => { if (o > objective[best]!) best = i; });
    rules.push(cands[best]!);
    selections.push({ recipe: all[best]!, scores: null });
  }
  return { rules, selections };
}

/** Match flags over all table rows for a binned rule. O(n × conditions). */
export function binRuleMatches(rule: BinRule, features: readonly FeatureView[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let r = 0; r < n; r++) if (ruleMatches(rule, features, r)) out[r] = 1;
  return out;
}
