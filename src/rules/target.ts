/**
 * Targeting: rank segments for the program's stated goal and write the recommendation for the chosen group(s).
 * Score of a segment = Σ over preferred columns of weight × (segment mean − cohort mean) / cohort sd, with
 * `high` = +1 and `low` = −1 (binary columns: the share with value 1).
 */
import type { InputIssue } from '../errors.js';
import { InputError } from '../errors.js';
import type { PatientTable } from '../data/table.js';
import type { RulesSettings } from '../scenario/sections/rules.js';
import { round6 } from './metrics.js';
import type { SegmentRule, TargetRanking, Targeting } from './types.js';
import type { Units } from './text.js';
import { dict } from '../data/dict.js';

type TargetSettings = NonNullable<RulesSettings['target']>;

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Signed weights from `prefer`, or an InputError naming `rules.target.prefer.<column>`. */
export function preferenceWeights(table: PatientTable, target: TargetSettings): Record<string, number> {
  const issues: InputIssue[] = [];
  const weights = dict<number>();
  for (const [name, p] of Object.entries(target.prefer)) {
    const col = table.columns.find((c) => c.name === name);
    const path = `rules.target.prefer.${name}`;
    if (!col) issues.push({ code: 'unknown_column', path, message: 'no such column in the data' });
    else if (col.kind === 'categorical') issues.push({ code: 'categorical_preference', path, message: 'preferences need a numeric or 0/1 column' });
    weights[name] = p === 'high' ? 1 : p === 'low' ? -1 : p;
  }
  if (issues.length) throw new InputError(issues);
  return weights;
}

/** One paragraph: the rule and its held-out (else fit) metrics. */
export function recommendation(rule: SegmentRule, size: number, patients: number): string {
  const m = rule.metrics.holdout ?? rule.metrics.train;
  const where = rule.metrics.holdout ? 'On held-out patients' : 'On the patients it was fit on';
  const wrong = m.captured_from.length
    ? ` Of those it catches who are not in the group, most come from ${m.captured_from.slice(0, 2).map((c) => `${c.segment} (${c.count})`).join(' and ')}.`
    : '';
  return `Target group: ${rule.segment} (${size} patients, ${pct(size / patients)} of the cohort). ` +
    `Refer patients with ${rule.text}. ${where} this rule catches ${pct(m.recall)} of the group, and ${pct(m.precision)} of those it catches belong to it ` +
    `(F1 ${m.f1.toFixed(2)}, lift ${m.lift.toFixed(1)}).${wrong}`;
}

/**
 * Rank segments and recommend the top `groups`. O(n × preferred columns).
 * @example
 * rankTargets(table, codes, names, rules, { prefer: { distance_km: 'high', reactions_12m: 'low' }, groups: 1 }, {});
 */
export function rankTargets(table: PatientTable, codes: Int32Array, names: readonly string[], rules: readonly SegmentRule[], target: TargetSettings, _units: Units): Targeting {
  const weights = preferenceWeights(table, target);
  const k = names.length;
  const z: Record<string, number>[] = names.map(() => ({}));
  for (const [name] of Object.entries(weights)) {
    const col = table.columns.find((c) => c.name === name)!;
    if (col.kind === 'categorical') continue;
    const xs = col.values;
    let sum = 0;
    let sq = 0;
    let count = 0;
    const segSum = new Float64Array(k);
    const segCount = new Float64Array(k);
    xs.forEach((x, r) => {
      if (Number.isNaN(x)) return;
      sum += x; sq += x * x; count++;
      segSum[codes[r]!]! += x; segCount[codes[r]!]!++;
    });
    const mean = count ? sum / count : 0;
    const sd = count > 1 ? Math.sqrt(Math.max(0, (sq - count * mean * mean) / (count - 1))) : 0;
    names.forEach((_, s) => { z[s]![name] = round6(sd > 0 && segCount[s]! > 0 ? (segSum[s]! / segCount[s]! - mean) / sd : 0); });
  }
  const ranking: TargetRanking[] = names
    .map((segment, s) => ({ segment, score: round6(Object.entries(weights).reduce((a, [c, w]) => a + w * z[s]![c]!, 0)), z: z[s]! }))
    .sort((a, b) => b.score - a.score || (a.segment < b.segment ? -1 : 1));
  const chosen = ranking.slice(0, Math.min(target.groups, k)).map((r) => r.segment);
  const sizes = names.map((_, s) => codes.filter((c) => c === s).length);
  return {
    prefer: weights,
    ranking,
    chosen,
    recommendation: chosen.map((seg) => {
      const s = names.indexOf(seg);
      return recommendation(rules[s]!, sizes[s]!, codes.length);
    }),
  };
}
