/**
 * Sweep charts, per metric family (e.g. `home_transfusions`, recorded per simulated policy):
 * - grid, one varied setting: the family against it, one line per policy;
 * - grid, two or more: the lead policy's metric against the first setting, one line per level of the second
 *   (further settings averaged over);
 * - one at a time: a tornado chart of the lead policy's metric, and its curve against each setting;
 * - Latin hypercube: scatter of the lead policy's metric against each setting.
 * Bands are 95% confidence intervals across sweep replications (common random numbers across points).
 */
import type { Row } from '../report/charts.js';
import { lineChart, scatterChart, tornadoChart } from '../report/charts.js';
import type { Chart } from '../report/render.js';
import type { PointSummary } from './aggregate.js';
import type { SweepManifest } from './manifest.js';
import { METRIC_TITLES, PRIMARY_METRICS, metricFamily } from './metrics.js';

/** The policy whose metrics stand for a family when only one line fits (the priority-based policy). */
export const LEAD_POLICY = 'priority_greedy';

const safe = (s: string) => s.replace(/[^A-Za-z0-9_]+/g, '_');
const titleOf = (family: string) => METRIC_TITLES[family] ?? family;

interface Family {
  readonly family: string;
  /** Metric names in the family with their policy ('' for plain metrics). */
  readonly members: readonly { name: string; policy: string }[];
  /** The one metric shown when a single line is wanted. */
  readonly lead: string;
}

/** Families to chart: the primary ones present, else the first two recorded. */
export function chartFamilies(summaries: readonly PointSummary[]): Family[] {
  const names = [...new Set(summaries.flatMap((s) => Object.keys(s.metrics)))].sort();
  const byFamily = new Map<string, { name: string; policy: string }[]>();
  for (const name of names) {
    const { family, policy } = metricFamily(name);
    (byFamily.get(family) ?? byFamily.set(family, []).get(family)!).push({ name, policy: policy ?? '' });
  }
  const primary = PRIMARY_METRICS.filter((f) => byFamily.has(f));
  const chosen = primary.length ? primary : [...byFamily.keys()].slice(0, 2);
  return chosen.map((family) => {
    // clinic_only is the baseline: charted on the safety measures, not as a flat zero line on the home ones
    const all = byFamily.get(family)!;
    const kept = all.filter((m) => m.policy !== 'clinic_only' || family.startsWith('days_below'));
    const members = kept.length ? kept : all;
    const lead = members.find((m) => m.policy === LEAD_POLICY) ?? members.find((m) => m.policy !== 'clinic_only') ?? members[0]!;
    return { family, members, lead: lead.name };
  });
}

function bandOf(m: SweepManifest): { lo?: string; hi?: string } {
  return m.replications > 1 ? { lo: 'lo', hi: 'hi' } : {};
}

function caption(m: SweepManifest, extra = ''): string {
  return `Mean over ${m.replications} sweep replication(s)${m.replications > 1 ? ' with 95% confidence band' : ''}; the same random numbers at every point.${extra}`;
}

/** One line per policy against the only varied setting. */
function familyCurves(m: SweepManifest, f: Family, summaries: readonly PointSummary[], x: string, name: string): Chart {
  const rows: Row[] = [];
  for (const s of summaries) {
    for (const member of f.members) {
      const v = s.metrics[member.name];
      if (v) rows.push({ x: s.values[x]!, series: member.policy || f.family, mean: v.mean, lo: v.lo, hi: v.hi });
    }
  }
  const multi = f.members.length > 1;
  const xInteger = m.factors.find((q) => q.path === x)?.integer ?? false;
  return lineChart({ name, title: `${titleOf(f.family)} vs ${x}`, caption: caption(m), rows, x: 'x', y: 'mean', xTitle: x, yTitle: titleOf(f.family), xInteger, ...(multi ? { color: 'series', colorTitle: 'Policy' } : {}), ...bandOf(m) });
}

/** The lead metric against the first setting, one line per level of the second (others averaged). */
function leadCurves(m: SweepManifest, f: Family, summaries: readonly PointSummary[]): Chart {
  const [x, color] = m.factors;
  const groups = new Map<string, { x: number; series: string; means: number[]; los: number[]; his: number[] }>();
  for (const s of summaries) {
    const v = s.metrics[f.lead];
    if (!v) continue;
    const series = `${color!.path} = ${s.values[color!.path]}`;
    const key = `${s.values[x!.path]}|${series}`;
    const g = groups.get(key) ?? groups.set(key, { x: s.values[x!.path]!, series, means: [], los: [], his: [] }).get(key)!;
    g.means.push(v.mean), g.los.push(v.lo), g.his.push(v.hi);
  }
  const avg = (a: number[]) => a.reduce((p, q) => p + q, 0) / a.length;
  const rows: Row[] = [...groups.values()].map((g) => ({ x: g.x, series: g.series, mean: avg(g.means), lo: avg(g.los), hi: avg(g.his) }));
  const rest = m.factors.length > 2 ? ` Averaged over ${m.factors.slice(2).map((q) => q.path).join(', ')}.` : '';
  const policy = metricFamily(f.lead).policy;
  return lineChart({ name: `sweep_${safe(f.family)}`, title: `${titleOf(f.family)}${policy ? ` (${policy})` : ''} vs ${x!.path}`, caption: caption(m, rest), rows, x: 'x', y: 'mean', xTitle: x!.path, yTitle: titleOf(f.family), xInteger: x!.integer, color: 'series', colorTitle: color!.path, ...bandOf(m) });
}

function oatCharts(m: SweepManifest, f: Family, summaries: readonly PointSummary[]): Chart[] {
  const base = summaries.find((s) => s.moved === null);
  const charts: Chart[] = [];
  if (!base?.metrics[f.lead]) return charts;
  const rows = m.factors.flatMap((factor) => {
    const pts = summaries.filter((s) => (s.moved === factor.path || s.moved === null) && s.metrics[f.lead]);
    if (pts.length < 2) return [];
    const lowest = pts.reduce((a, b) => (b.values[factor.path]! < a.values[factor.path]! ? b : a));
    const highest = pts.reduce((a, b) => (b.values[factor.path]! > a.values[factor.path]! ? b : a));
    return [{ factor: factor.path, low: lowest.metrics[f.lead]!.mean, high: highest.metrics[f.lead]!.mean }];
  });
  const policy = metricFamily(f.lead).policy;
  charts.push(tornadoChart({ name: `tornado_${safe(f.family)}`, title: `${titleOf(f.family)}${policy ? ` (${policy})` : ''}: one-at-a-time sensitivity`, caption: 'Each bar runs from the base scenario to the metric with that setting at its lowest (or highest) level, the others at base.', rows, base: base.metrics[f.lead]!.mean, valueTitle: titleOf(f.family) }));
  for (const factor of m.factors) {
    const pts = summaries.filter((s) => s.moved === factor.path || s.moved === null).sort((a, b) => a.values[factor.path]! - b.values[factor.path]!);
    if (pts.length > 1) charts.push(familyCurves(m, f, pts, factor.path, `oat_${safe(f.family)}_${safe(factor.path)}`));
  }
  return charts;
}

/**
 * Charts for a finished sweep. Cost: O(points · metrics).
 * @example
 * sweepCharts(manifest, summarizePoints(manifest, records));
 */
export function sweepCharts(m: SweepManifest, summaries: readonly PointSummary[]): Chart[] {
  const charts: Chart[] = [];
  for (const f of chartFamilies(summaries)) {
    if (m.design === 'oat') charts.push(...oatCharts(m, f, summaries));
    else if (m.design === 'lhs' || m.design === 'sobol') {
      for (const factor of m.factors) {
        const rows = summaries.filter((s) => s.metrics[f.lead]).map((s) => ({ x: s.values[factor.path]!, y: s.metrics[f.lead]!.mean }));
        charts.push(scatterChart({ name: `lhs_${safe(f.family)}_${safe(factor.path)}`, title: `${titleOf(f.family)} vs ${factor.path} (Latin hypercube)`, caption: `Each point is one sampled scenario (${metricFamily(f.lead).policy ?? f.family}); the other settings vary at the same time.`, rows, x: 'x', y: 'y', xTitle: factor.path, yTitle: titleOf(f.family) }));
      }
    } else if (m.factors.length === 1) charts.push(familyCurves(m, f, summaries, m.factors[0]!.path, `sweep_${safe(f.family)}`));
    else charts.push(leadCurves(m, f, summaries));
  }
  return charts;
}
