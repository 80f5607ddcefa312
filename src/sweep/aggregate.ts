/**
 * Sweep results as tables: `sweep.csv` (one row per point × replication, canonical order), per-point means
 * with 95% confidence intervals and p5/p50/p95 across replications (for charts and `sweep_summary.csv`), and
 * p5/p50/p95 of every metric across all points and replications (`sweep_quantiles.csv`). Quantiles are R-7.
 */
import { toCsv } from '../report/outputs.js';
import { meanCi, quantileSorted } from '../stats/index.js';
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
  readonly metrics: Readonly<Record<string, MetricSummary>>;
}

/** One metric at one point: mean with its interval, replications counted, and quantiles across them. */
export interface MetricSummary {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

/** The quantiles the sweep reports. */
export const SWEEP_QUANTILES = [0.05, 0.5, 0.95] as const;

/** p5, p50, p95 of `xs` (R-7; sorts a copy). O(n log n). */
export function quantiles3(xs: readonly number[]): [number, number, number] {
  const sorted = xs.slice().sort((a, b) => a - b);
  return SWEEP_QUANTILES.map((p) => quantileSorted(sorted, p)) as [number, number, number];
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
    const stats: Record<string, MetricSummary> = {};
    for (const k of metrics) {
      const xs = recs.map((r) => r.metrics[k]).filter((x): x is number => typeof x === 'number');
      if (!xs.length) continue;
      const ci = meanCi(xs, { nonNegative: true });
      const [p5, p50, p95] = quantiles3(xs);
      stats[k] = { mean: ci.mean, lo: ci.ciLow, hi: ci.ciHigh, n: ci.n, p5, p50, p95 };
    }
    out.push({ point: p.id, values: p.values, ...(p.moved !== undefined ? { moved: p.moved } : {}), metrics: stats });
  }
  return out;
}

/** `sweep_summary.csv`: per point, the varied values and mean, ci_lo, ci_hi, n, p5, p50, p95 per metric. */
export function summaryCsv(m: SweepManifest, summaries: readonly PointSummary[]): string {
  const paths = m.factors.map((f) => f.path);
  const ordered = metricNames(summaries);
  const columns = ['mean', 'ci_lo', 'ci_hi', 'n', 'p5', 'p50', 'p95'];
  const header = ['point', ...paths, ...ordered.flatMap((k) => columns.map((c) => `${k}_${c}`))];
  const cells = (x: MetricSummary | undefined) =>
    (x ? [x.mean, x.lo, x.hi, x.n, x.p5, x.p50, x.p95] : [null, null, null, 0, null, null, null]);
  const rows = summaries.map((s) => [
    s.point, ...paths.map((p) => s.values[p] ?? null), ...ordered.flatMap((k) => cells(s.metrics[k])),
  ]);
  return toCsv(header, rows);
}

/** `sweep_quantiles.csv`: per metric, p5/p50/p95 over every point × replication value. O(records · metrics). */
export function quantilesCsv(records: readonly PointRecord[]): string {
  const rows = metricNames(records).map((k) => {
    const xs = records.map((r) => r.metrics[k]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    return xs.length ? [k, xs.length, ...quantiles3(xs)] : [k, 0, null, null, null];
  });
  return toCsv(['metric', 'values', 'p5', 'p50', 'p95'], rows);
}
