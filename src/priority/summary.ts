/**
 * Score distribution by group (e.g. the synthetic cohort's archetypes): a check that the score makes clinical
 * sense and that the top of the list is not one group by accident.
 */
import type { PriorityResult } from './score.js';
import { quantileSorted } from '../stats/index.js';

export interface GroupScoreRow {
  readonly group: string;
  readonly patients: number;
  readonly eligible: number;
  /** Scores of eligible patients. */
  readonly mean: number;
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
  /** Eligible patients of this group inside the top `topShare` of the ranking. */
  readonly inTop: number;
  /** inTop / size of the top slice. */
  readonly shareOfTop: number;
}

/**
 * One row per group, in first-seen order, over the eligible patients' scores. `topShare` of the ranked
 * patients (rounded up) form the top slice. O(n log n).
 * @example
 * scoreByGroup(result, cohort.archetypes, 0.1);
 */
export function scoreByGroup(result: PriorityResult, groups: readonly string[], topShare = 0.1): GroupScoreRow[] {
  const topSize = Math.ceil(result.order.length * topShare);
  const byGroup = new Map<string, { patients: number; scores: number[]; inTop: number }>();
  groups.forEach((g, i) => {
    const e = byGroup.get(g) ?? { patients: 0, scores: [], inTop: 0 };
    e.patients++;
    if (result.eligible[i]) {
      e.scores.push(result.score[i]!);
      if (result.rank[i]! <= topSize) e.inTop++;
    }
    byGroup.set(g, e);
  });
  return [...byGroup].map(([group, e]) => {
    const s = Float64Array.from(e.scores).sort();
    return {
      group,
      patients: e.patients,
      eligible: s.length,
      mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : Number.NaN,
      p10: quantileSorted(s, 0.1),
      median: quantileSorted(s, 0.5),
      p90: quantileSorted(s, 0.9),
      inTop: e.inTop,
      shareOfTop: topSize > 0 ? e.inTop / topSize : 0,
    };
  });
}

/** Fixed-width text table of {@link scoreByGroup} rows. O(groups). */
export function formatGroupTable(rows: readonly GroupScoreRow[], topShare = 0.1): string {
  const header = ['group', 'patients', 'eligible', 'mean', 'p10', 'median', 'p90', `top ${Math.round(topShare * 100)}%`, 'share of top'];
  const f1 = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(1));
  const body = rows.map((r) => [r.group, String(r.patients), `${r.eligible} (${Math.round((100 * r.eligible) / r.patients)}%)`, f1(r.mean), f1(r.p10), f1(r.median), f1(r.p90), String(r.inTop), `${(100 * r.shareOfTop).toFixed(0)}%`]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((b) => b[j]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}
