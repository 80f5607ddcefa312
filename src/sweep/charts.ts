/**
 * Sweep charts: curves of each primary metric against the first varied setting (one line per level of the
 * second, 95% CI band across replications), a tornado chart per primary metric for one-at-a-time designs,
 * and scatter plots for Latin hypercubes.
 */
import type { Row } from '../report/charts.js';
import { lineChart, scatterChart, tornadoChart } from '../report/charts.js';
import type { Chart } from '../report/render.js';
import type { PointSummary } from './aggregate.js';
import type { SweepManifest } from './manifest.js';
import { METRIC_TITLES, PRIMARY_METRICS } from './metrics.js';

const title = (metric: string) => METRIC_TITLES[metric] ?? metric;
const safe = (s: string) => s.replace(/[^A-Za-z0-9_]+/g, '_');

/** Metrics to chart: the primary ones present, else the first two recorded. */
function chartedMetrics(summaries: readonly PointSummary[]): string[] {
  const present = new Set(summaries.flatMap((s) => Object.keys(s.metrics)));
  const primary = PRIMARY_METRICS.filter((m) => present.has(m));
  return primary.length ? primary : [...present].sort().slice(0, 2);
}

function curves(m: SweepManifest, metric: string, points: readonly PointSummary[], name = `sweep_${safe(metric)}`): Chart {
  const [x, color] = m.factors;
  const rows: Row[] = points.filter((s) => s.metrics[metric]).map((s) => ({
    x: s.values[x!.path]!,
    ...(color ? { series: `${color.path} = ${s.values[color.path]}` } : {}),
    mean: s.metrics[metric]!.mean,
    lo: s.metrics[metric]!.lo,
    hi: s.metrics[metric]!.hi,
  }));
  const band = m.replications > 1 ? { lo: 'lo', hi: 'hi' } : {};
  const rest = m.factors.length > 2 ? ` Other varied settings (${m.factors.slice(2).map((f) => f.path).join(', ')}) are averaged over.` : '';
  return lineChart({
    name,
    title: `${title(metric)} vs ${x!.path}`,
    caption: `Mean over ${m.replications} replication(s)${m.replications > 1 ? ' with 95% confidence band' : ''}; common random numbers across points.${rest}`,
    rows,
    x: 'x',
    y: 'mean',
    xTitle: x!.path,
    yTitle: title(metric),
    ...(color ? { color: 'series', colorTitle: color.path } : {}),
    ...band,
  });
}

/** Averages rows that share the first two factors' values (grids of three or more factors). */
function collapse(m: SweepManifest, summaries: readonly PointSummary[]): PointSummary[] {
  if (m.factors.length <= 2) return summaries.slice();
  const keyPaths = m.factors.slice(0, 2).map((f) => f.path);
  const groups = new Map<string, PointSummary[]>();
  for (const s of summaries) {
    const key = keyPaths.map((p) => s.values[p]).join('|');
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(s);
  }
  return [...groups.values()].map((g) => {
    const metrics: Record<string, { mean: number; lo: number; hi: number; n: number }> = {};
    for (const k of Object.keys(g[0]!.metrics)) {
      const xs = g.map((s) => s.metrics[k]).filter((x) => x !== undefined);
      const avg = (f: (v: { mean: number; lo: number; hi: number }) => number) => xs.reduce((a, v) => a + f(v), 0) / xs.length;
      metrics[k] = { mean: avg((v) => v.mean), lo: avg((v) => v.lo), hi: avg((v) => v.hi), n: xs.reduce((a, v) => a + v.n, 0) };
    }
    return { point: g[0]!.point, values: Object.fromEntries(keyPaths.map((p) => [p, g[0]!.values[p]!])), metrics };
  });
}

/**
 * Charts for a finished sweep. Cost: O(points · metrics).
 * @example
 * sweepCharts(manifest, summarizePoints(manifest, records));
 */
export function sweepCharts(m: SweepManifest, summaries: readonly PointSummary[]): Chart[] {
  const metrics = chartedMetrics(summaries);
  const charts: Chart[] = [];
  if (m.design === 'oat') {
    const base = summaries.find((s) => s.moved === null);
    for (const metric of metrics) {
      if (!base?.metrics[metric]) continue;
      const rows = m.factors.flatMap((f) => {
        const moved = summaries.filter((s) => s.moved === f.path || s.moved === null).filter((s) => s.metrics[metric]);
        if (moved.length < 2) return [];
        const lowest = moved.reduce((a, b) => (b.values[f.path]! < a.values[f.path]! ? b : a));
        const highest = moved.reduce((a, b) => (b.values[f.path]! > a.values[f.path]! ? b : a));
        return [{ factor: f.path, low: lowest.metrics[metric]!.mean, high: highest.metrics[metric]!.mean }];
      });
      charts.push(tornadoChart({ name: `tornado_${safe(metric)}`, title: `${title(metric)}: one-at-a-time sensitivity`, caption: 'Each bar runs from the base scenario to the metric with that setting at its lowest (or highest) level, the others at base.', rows, base: base.metrics[metric]!.mean, valueTitle: title(metric) }));
      for (const f of m.factors) {
        const pts = summaries.filter((s) => (s.moved === f.path || s.moved === null) && s.metrics[metric]).sort((a, b) => a.values[f.path]! - b.values[f.path]!);
        if (pts.length > 1) charts.push(curves({ ...m, factors: [f] }, metric, pts, `oat_${safe(metric)}_${safe(f.path)}`));
      }
    }
    return charts;
  }
  if (m.design === 'lhs') {
    for (const metric of metrics) {
      for (const f of m.factors) {
        const rows = summaries.filter((s) => s.metrics[metric]).map((s) => ({ x: s.values[f.path]!, y: s.metrics[metric]!.mean }));
        charts.push(scatterChart({ name: `lhs_${safe(metric)}_${safe(f.path)}`, title: `${title(metric)} vs ${f.path} (Latin hypercube)`, caption: 'Each point is one sampled scenario; the other settings vary at the same time.', rows, x: 'x', y: 'y', xTitle: f.path, yTitle: title(metric) }));
      }
    }
    return charts;
  }
  const pts = collapse(m, summaries);
  for (const metric of metrics) charts.push(curves(m, metric, pts));
  return charts;
}
