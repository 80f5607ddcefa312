/**
 * Global sensitivity of a `sobol` sweep: Sobol first-order and total indices (src/decide/sobol.ts, with
 * percentile-bootstrap intervals over the base points) of each charted metric, computed on the points' means
 * over sweep replications (replication noise then counts as unexplained variance, not as a factor's share),
 * shown as a chart and written to `sensitivity.csv`.
 *
 * Cost: O(R · n · k) per metric for R bootstrap resamples, n base points, k settings.
 */
import type { Estimate, SobolResult } from '../decide/index.js';
import { sobolIndices } from '../decide/index.js';
import { streams } from '../random/index.js';
import type { Row } from '../report/charts.js';
import { intervalChart } from '../report/charts.js';
import type { Chart } from '../report/render.js';
import { toCsv } from '../report/outputs.js';
import type { PointSummary } from './aggregate.js';
import type { SweepManifest } from './manifest.js';

export interface MetricSensitivity {
  readonly metric: string;
  readonly result: SobolResult;
}

/** Bootstrap resamples behind each interval (src/decide/bootstrap.ts's default). */
const RESAMPLES = 1000;

/**
 * Indices per metric, in factor order; metrics missing at any point are skipped (stream `sweep/sensitivity`).
 * @example
 * sweepSensitivity(manifest, summarizePoints(manifest, records), ['sim.priority_greedy.home_transfusions']);
 */
export function sweepSensitivity(
  m: SweepManifest, summaries: readonly PointSummary[], metrics: readonly string[],
): MetricSensitivity[] {
  if (m.design !== 'sobol') return [];
  const k = m.factors.length;
  const n = m.points.length / (k + 2);
  const byId = new Map(summaries.map((s) => [s.point, s]));
  const out: MetricSensitivity[] = [];
  for (const metric of metrics) {
    const y = m.points.map((p) => byId.get(p.id)?.metrics[metric]?.mean ?? Number.NaN);
    if (y.some((v) => !Number.isFinite(v))) continue;
    const rng = streams(m.scenario.seed).stream(`sweep/sensitivity/${metric}`);
    const level = m.scenario.decide.confidence;
    out.push({ metric, result: sobolIndices(k, n, y, { rng, resamples: RESAMPLES, level }) });
  }
  return out;
}

/** The chart's file name for a metric's indices. */
export function sobolChartName(metric: string): string {
  return `sobol_${metric.replace(/[^A-Za-z0-9_]+/g, '_')}`;
}

/** One interval chart per metric: first-order and total index of every setting. O(metrics · k). */
export function sensitivityCharts(m: SweepManifest, s: readonly MetricSensitivity[]): Chart[] {
  return s.map(({ metric, result }) => {
    const row = (factor: string, index: string, e: Estimate): Row =>
      ({ factor, index, mean: e.estimate, lo: e.ciLow, hi: e.ciHigh });
    const rows = m.factors.flatMap((f, i) => [
      row(f.path, 'first order', result.first[i]!), row(f.path, 'total', result.total[i]!),
    ]);
    return intervalChart({
      name: sobolChartName(metric),
      title: `Sobol indices: ${metric}`,
      caption: `Share of the variance of ${metric} over the sampled settings due to each setting alone (first`
        + ` order) and with its interactions (total); ${Math.round(100 * result.level)}% bootstrap intervals over`
        + ` ${result.n} base points.`,
      rows, category: 'factor', mean: 'mean', lo: 'lo', hi: 'hi', color: 'index', colorTitle: 'Index',
      categoryTitle: 'Setting', valueTitle: 'Share of variance',
    });
  });
}

/** `sensitivity.csv`: metric, setting, index, estimate, ci_low, ci_high. */
export function sensitivityCsv(m: SweepManifest, s: readonly MetricSensitivity[]): string {
  const rows = s.flatMap(({ metric, result }) => m.factors.flatMap((f, i) => [
    [metric, f.path, 'first_order', result.first[i]!.estimate, result.first[i]!.ciLow, result.first[i]!.ciHigh],
    [metric, f.path, 'total', result.total[i]!.estimate, result.total[i]!.ciLow, result.total[i]!.ciHigh],
  ]));
  return toCsv(['metric', 'setting', 'index', 'estimate', 'ci_low', 'ci_high'], rows);
}
