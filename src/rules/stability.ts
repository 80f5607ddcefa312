/**
 * Stability under resampling: refit every segment's rule on B bootstrap resamples of the fit rows and report,
 * per condition of the final rule, how often a condition on the same column in the same direction reappears and
 * how far its threshold moves. Refits reuse the fit's candidate thresholds (the spread is measured on that grid).
 *
 * Cost: B × O(fitSegments) on min(fit rows, bootstrap_max_rows) rows each.
 */
import type { Streams } from '../random/index.js';
import { randomInt } from '../random/index.js';
import type { RulesSettings } from '../scenario/sections/rules.js';
import { quantileSorted } from '../stats/index.js';
import { toTerm } from './condition.js';
import type { BinRule, FitData } from './fit.js';
import type { Recipe } from './select.js';
import { binRuleMatches, fitSegments } from './fit.js';
import { round6 } from './metrics.js';
import { clean } from './snap.js';
import type { Condition, ConditionStability, RuleStability, Term } from './types.js';


const sameValue = (a: Condition['value'], b: Condition['value']): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x) => b.includes(x)) : a === b;

/** Per-condition reappearance and threshold spread of `final` among `refits`. */
export function conditionStability(final: readonly Term[], refits: readonly (readonly Term[])[]): ConditionStability[] {
  const out: ConditionStability[] = [];
  const seen = new Set<string>();
  for (const term of final) {
    for (const c of term) {
      const key = `${c.feature}|${c.op}|${JSON.stringify(c.value)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const values: Condition['value'][] = [];
      for (const rule of refits) {
        const hit = rule.flat().find((d) => d.feature === c.feature && d.op === c.op);
        if (hit) values.push(hit.value);
      }
      const numeric = (c.op === '>=' || c.op === '<') ? (values as number[]).slice().sort((a, b) => a - b) : null;
      out.push({
        feature: c.feature,
        op: c.op,
        value: c.value,
        reappearance: refits.length ? round6(values.length / refits.length) : 0,
        threshold: numeric && numeric.length ? { p05: clean(quantileSorted(numeric, 0.05)), median: clean(quantileSorted(numeric, 0.5)), p95: clean(quantileSorted(numeric, 0.95)) } : null,
        same_value: numeric ? null : refits.length ? round6(values.filter((v) => sameValue(v, c.value)).length / refits.length) : 0,
      });
    }
  }
  return out;
}

/** F1 of a binned rule on `rows` (unweighted). */
function f1On(match: Uint8Array, codes: Int32Array, s: number, rows: Int32Array): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of rows) {
    const own = codes[r] === s;
    if (match[r]) { if (own) tp++; else fp++; } else if (own) fn++;
  }
  return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
}

/**
 * Refit B times and summarise. Rows are weighted as in the main fit; each segment's refit uses the recipe
 * (learner and term budget) the main fit chose by inner validation, so the refits measure the rule's variability,
 * not that of the model choice (which would cost `inner_folds` times more).
 * Streams: `rules/bootstrap/<b>`.
 */
export function bootstrapStability(data: FitData, fitRows: Int32Array, holdoutRows: Int32Array, baseWeight: Float64Array, finals: readonly (readonly Term[])[], recipes: readonly (Recipe | null)[], settings: RulesSettings, rngs: Streams, log?: (m: string) => void): RuleStability[] {
  const B = settings.bootstrap;
  const n = data.codes.length;
  const m = Math.min(fitRows.length, settings.bootstrap_max_rows);
  const refitTerms: Term[][][] = finals.map(() => []);
  const holdoutF1: number[][] = finals.map(() => []);
  const weight = new Float64Array(n);
  const counts = new Int32Array(n);
  for (let b = 0; b < B; b++) {
    const rng = rngs.stream(`bootstrap/${b}`);
    counts.fill(0);
    for (let i = 0; i < m; i++) counts[fitRows[randomInt(rng, fitRows.length)]!]!++;
    const rows = fitRows.filter((r) => counts[r]! > 0);
    for (const r of rows) weight[r] = counts[r]! * baseWeight[r]!;
    const rules: BinRule[] = fitSegments(data, rows, weight, settings, recipes).rules;
    for (const r of rows) weight[r] = 0;
    rules.forEach((rule, s) => {
      refitTerms[s]!.push(rule.map((t) => toTerm(t, data.features)));
      if (holdoutRows.length) holdoutF1[s]!.push(f1On(binRuleMatches(rule, data.features, n), data.codes, s, holdoutRows));
    });
    if (log && (b + 1) % 10 === 0) log(`rules: bootstrap refit ${b + 1}/${B}`);
  }
  return finals.map((final, s) => {
    const f1s = holdoutF1[s]!;
    const mean = f1s.reduce((a, x) => a + x, 0) / (f1s.length || 1);
    const sd = Math.sqrt(f1s.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, f1s.length - 1));
    return {
      refits: B,
      rows_per_refit: m,
      conditions: conditionStability(final, refitTerms[s]!),
      holdout_f1: f1s.length ? { mean: round6(mean), sd: round6(sd), min: round6(Math.min(...f1s)) } : null,
    };
  });
}
