/**
 * Priority results → file contents (pure; the CLI writes them with `writeOutputs`).
 */
import { toCsv } from '../data/csvText.js';
import { quantileSorted } from '../stats/index.js';
import type { CapacityAhead, CapacityLine } from './capacity.js';
import { reasonsOf } from './eligibility.js';
import type { PriorityTerm } from './model.js';
import type { RobustnessResult } from './robustness.js';
import type { PriorityResult } from './score.js';
import type { GroupScoreRow } from './summary.js';
import { TERM_INFO } from './terms.js';

/** Column name of a term's contribution in priority.csv. */
export const pointsColumn = (term: PriorityTerm): string => `${term}_points`;

/**
 * `patient_id, eligible, exclusion_reasons, score, rank, <term>_points…` and, with robustness,
 * `rank_min, rank_max, top_n_share, top_n_unstable`. Rows in input order; rank empty for ineligible patients.
 * Reasons joined by `;`. O(n · terms).
 */
export function priorityCsv(ids: readonly string[], result: PriorityResult, robustness?: RobustnessResult): string {
  const terms = result.model.terms;
  const header = ['patient_id', 'eligible', 'exclusion_reasons', 'score', 'rank', ...terms.map(pointsColumn)];
  if (robustness) header.push('rank_min', 'rank_max', 'top_n_share', 'top_n_unstable');
  const cols = terms.map((t) => result.contributions[t]!);
  const rows = ids.map((id, i) => {
    const ok = result.eligible[i] === 1;
    const row: (string | number)[] = [id, ok ? 1 : 0, reasonsOf(result.reasonMask[i]!).join(';'), result.score[i]!, ok ? result.rank[i]! : ''];
    for (const c of cols) row.push(c[i]!);
    if (robustness) {
      row.push(ok ? robustness.rankMin[i]! : '', ok ? robustness.rankMax[i]! : '', ok ? robustness.topNShare[i]! : '', ok ? robustness.unstable[i]! : '');
    }
    return row;
  });
  return toCsv(header, rows);
}

export interface PriorityJsonInput {
  readonly result: PriorityResult;
  readonly robustness?: RobustnessResult;
  readonly capacity?: CapacityLine & { readonly source: 'scenario' | 'program' | 'default' };
  readonly byGroup?: readonly GroupScoreRow[];
  /** Where target membership came from, e.g. `segments.csv (targets: 2)`. */
  readonly target?: string;
  readonly extraWarnings?: readonly string[];
}

const r4 = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);

/** The machine-readable summary: weights, normalisation, eligibility, score spread, robustness. No patient ids. */
export function priorityJson(inp: PriorityJsonInput): string {
  const { result, robustness } = inp;
  const m = result.model;
  const eligibleScores = Float64Array.from(result.order, (i) => result.score[i]!).sort();
  const out = {
    weight_source: m.weightSource,
    normalisation: m.normalisation,
    terms: m.terms.map((t) => ({
      name: t,
      weight: r4(m.weights[t]),
      max_points: r4(m.maxPoints[t]),
      role: m.weights[t] < 0 ? 'penalty' : 'benefit',
      unit: TERM_INFO[t].unit,
      priority_when: TERM_INFO[t].direction === 'lower' ? 'lower raw value' : 'higher raw value',
      description: TERM_INFO[t].description,
      normalised_by: result.normalisation[t]!.method,
      anchor: result.normalisation[t]!.anchor ?? null,
      imputed_patients: result.normalisation[t]!.imputed,
      imputed_value: r4(result.normalisation[t]!.imputedValue),
    })),
    ahp: m.ahp
      ? { criteria: m.ahp.criteria, weights: m.ahp.weights.map(r4), lambda_max: r4(m.ahp.lambdaMax), consistency_index: r4(m.ahp.consistencyIndex), consistency_ratio: r4(m.ahp.consistencyRatio), acceptable: m.ahp.consistencyRatio <= 0.1 }
      : null,
    target_membership: inp.target ?? null,
    eligibility: { patients: result.score.length, eligible: result.order.length, excluded: result.score.length - result.order.length, by_reason: result.countByReason },
    score_eligible: {
      min: r4(eligibleScores[0] ?? Number.NaN),
      p10: r4(quantileSorted(eligibleScores, 0.1)),
      median: r4(quantileSorted(eligibleScores, 0.5)),
      p90: r4(quantileSorted(eligibleScores, 0.9)),
      max: r4(eligibleScores[eligibleScores.length - 1] ?? Number.NaN),
    },
    tie_break: 'score descending, then patient_id ascending',
    capacity_line: inp.capacity
      ? { top_n: inp.capacity.topN, source: inp.capacity.source, binding: inp.capacity.binding, visits_used: inp.capacity.visitsUsed, units_used: inp.capacity.unitsUsed, capacity_used: r4(inp.capacity.capacityUsed), ...aheadJson(inp.capacity.ahead) }
      : null,
    robustness: robustness
      ? {
          draws: robustness.draws,
          perturbation: robustness.perturbation,
          random_stream: 'priority/robustness',
          top_n: robustness.topN,
          kendall_tau_b: Object.fromEntries(Object.entries(robustness.kendallTau).map(([k, v]) => [k, r4(v)])),
          unstable_patients: robustness.unstableCount,
          mean_top_n_churn: r4(robustness.meanTopNChurn),
        }
      : null,
    by_group: inp.byGroup
      ? inp.byGroup.map((g) => ({ group: g.group, patients: g.patients, eligible: g.eligible, mean: r4(g.mean), p10: r4(g.p10), median: r4(g.median), p90: r4(g.p90), in_top_10pct: g.inTop, share_of_top_10pct: r4(g.shareOfTop) }))
      : null,
    warnings: [...result.warnings, ...(inp.extraWarnings ?? [])],
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/** The capacity line a year on (open cohort only: a closed cohort's priority.json is unchanged). */
function aheadJson(a: CapacityAhead | undefined): { ahead?: Record<string, number | null> } {
  if (!a) return {};
  return {
    ahead: {
      days: a.days, patients: r4(a.patients), visits_per_year: r4(a.visitsPerYear),
      capacity_visits_per_year: r4(a.capacityVisitsPerYear), capacity_used: r4(a.capacityUsed),
    },
  };
}
