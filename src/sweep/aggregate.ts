/**
 * Sweep results as tables: `sweep.csv` (one row per point × replication, canonical order) and per-point means
 * with 95% confidence intervals across replications (for charts and `sweep_summary.csv`).
 */
import { toCsv } from '../report/outputs.js';
import { meanCi } from '../stats/index.js';
import type { SweepManifest } from './manifest.js';
import type { PointRecord } from './points.js';
import { sortedRecords } from './points.js';

/** Metric names in column order: plain metrics first, then `sim.<policy>.<metric>`, each alphabetically. */
export function metricNames(records: readonly { readonly metrics: Readonly<Record<string, unknown>> }[]): string[] {
  const all = new Set<string>();
  for (const r of records) for (const k of Object.keys(r.metrics)) all.add(k);
  const sorted = [...all].sort();
  return [...sorted.filter((m) => !m.startsWith('sim.')), ...sorted.filter((m) => m.startsWith('sim.'))];
}

/** `sweep.csv`: point, replication, seed, one column per varied path, one per metric. O(records). */
export function sweepCsv(m: SweepManifest, records: readonly PointRecord[]): string {
  const sorted = sortedRecords(records);
  const metrics = metricNames(sorted);
  const paths = m.factors.map((f) => f.path);
  const header = ['point', 'replication', 'seed', ...paths, ...metrics];
  const rows = sorted.map((r) => [r.point, r.replication, r.seed, ...paths.map((p) => r.values[p] ?? null), ...metrics.map((k) => r.metrics[k] ?? null)]);
  return toCsv(header, rows);
}

export interface PointSummary {
  readonly point: string;
  readonly values: Readonly<Record<string, number>>;
  readonly moved?: string | null;
  /**
   * Per metric: mean, 95% t-interval bounds (equal to the mean with one replication; every sweep metric is a
   * count, share or cost, so the lower bound is clamped at 0), replications counted.
   */
  readonly metrics: Readonly<Record<string, { mean: number; lo: number; hi: number; n: number }>>;
}

/** Mean and t-interval per point and metric, over replications; nulls skipped. O(records). */
export function summarizePoints(m: SweepManifest, records: readonly PointRecord[]): PointSummary[] {
  const byPoint = new Map<string, PointRecord[]>();
  for (const r of records) (byPoint.get(r.point) ?? byPoint.set(r.point, []).get(r.point)!).push(r);
  const metrics = metricNames(records);
  const out: PointSummary[] = [];
  for (const p of m.points) {
    const recs = byPoint.get(p.id);
    if (!recs) continue;
    const stats: Record<string, { mean: number; lo: number; hi: number; n: number }> = {};
    for (const k of metrics) {
      const xs = recs.map((r) => r.metrics[k]).filter((x): x is number => typeof x === 'number');
      if (!xs.length) continue;
      const ci = meanCi(xs, { nonNegative: true });
      stats[k] = { mean: ci.mean, lo: ci.ciLow, hi: ci.ciHigh, n: ci.n };
    }
    out.push({ point: p.id, values: p.values, ...(p.moved !== undefined ? { moved: p.moved } : {}), metrics: stats });
  }
  return out;
}

/** `sweep_summary.csv`: per point, the varied values and mean, ci_lo, ci_hi per metric. */
export function summaryCsv(m: SweepManifest, summaries: readonly PointSummary[]): string {
  const paths = m.factors.map((f) => f.path);
  const ordered = metricNames(summaries);
  const header = ['point', ...paths, ...ordered.flatMap((k) => [`${k}_mean`, `${k}_ci_lo`, `${k}_ci_hi`, `${k}_n`])];
  const rows = summaries.map((s) => [s.point, ...paths.map((p) => s.values[p] ?? null), ...ordered.flatMap((k) => { const x = s.metrics[k]; return x ? [x.mean, x.lo, x.hi, x.n] : [null, null, null, 0]; })]);
  return toCsv(header, rows);
}
