/**
 * The files of a finished sweep, the same whether it ran in one process or was merged from shards:
 * `manifest.json`, `points.jsonl` (canonical order), `sweep.csv`, `sweep_summary.csv`, `sweep_quantiles.csv`,
 * `sweep_gains.csv` (one-setting sweeps), `sensitivity.csv` (sobol designs), `charts/` and a self-contained
 * `sweep.html` that says what the sweep shows.
 */
import { renderHtml } from '../report/html.js';
import { versions } from '../report/meta.js';
import type { OutputFile } from '../report/outputs.js';
import type { RenderedChart } from '../report/render.js';
import { chartFiles, renderChart } from '../report/render.js';
import type { ReportSection } from '../report/model.js';
import { toCsv } from '../report/outputs.js';
import { quantilesCsv, summarizePoints, summaryCsv, sweepCsv } from './aggregate.js';
import { chartFamilies, LEAD_POLICY, sweepCharts } from './charts.js';
import type { SweepFindings } from './findings.js';
import { sweepFindings } from './findings.js';
import type { MetricSensitivity } from './sensitivity.js';
import { sensitivityCharts, sensitivityCsv, sweepSensitivity } from './sensitivity.js';
import { dedupeWarnings } from './warnings.js';
import type { SweepManifest } from './manifest.js';
import { POINTS_FILE, pointLine, sortedRecords } from './points.js';
import type { PointRecord } from './points.js';

export const MANIFEST_FILE = 'manifest.json';

/** The manifest as written to disk (stable key order, trailing newline). */
export function manifestJson(m: SweepManifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}

/**
 * Plan every output file of a complete sweep. Cost: O(records) plus ~100 ms per chart.
 * @example
 * writeOutputs(out, await sweepOutputs(manifest, [...records.values()]));
 */
export async function sweepOutputs(m: SweepManifest, records: readonly PointRecord[]): Promise<OutputFile[]> {
  const sorted = sortedRecords(records);
  const summaries = summarizePoints(m, sorted);
  const findings = sweepFindings(m, sorted, LEAD_POLICY);
  const sensitivity = sweepSensitivity(m, summaries, chartFamilies(summaries).map((f) => f.lead));
  const charts = [...sweepCharts(m, summaries), ...sensitivityCharts(m, sensitivity)];
  const png = m.scenario.report.png;
  const rendered = new Map<string, RenderedChart>();
  for (const c of charts) rendered.set(c.name, await renderChart(c, png));
  const files: OutputFile[] = [
    { name: MANIFEST_FILE, content: manifestJson(m) },
    { name: POINTS_FILE, content: sorted.map(pointLine).join('') },
    { name: 'sweep.csv', content: sweepCsv(m, sorted) },
    { name: 'sweep_summary.csv', content: summaryCsv(m, summaries) },
    { name: 'sweep_quantiles.csv', content: quantilesCsv(sorted) },
  ];
  if (findings) files.push({ name: 'sweep_gains.csv', content: toCsv(['metric', 'setting', 'from', 'to', 'gain_per_unit', 'ci_low', 'ci_high', 'replications', 'gains'], findings.gains.map((g) => [findings.metric, findings.factor, g.from, g.to, g.perUnit.estimate, g.perUnit.ciLow, g.perUnit.ciHigh, g.n, g.gains ? 1 : 0])) });
  if (sensitivity.length) files.push({ name: 'sensitivity.csv', content: sensitivityCsv(m, sensitivity) });
  for (const c of rendered.values()) files.push(...chartFiles(c));
  const v = versions();
  files.push({
    name: 'sweep.html',
    content: renderHtml({
      title: `Sweep of ${m.scenario.name}`,
      meta: [
        ['scenario', `${m.scenario.name} (${m.scenarioFile})`],
        ['sweep id', m.sweepId],
        ['design', `${m.design}, ${m.points.length} points × ${m.replications} replication(s)`],
        ['varied', m.factors.map((f) => `${f.path} ∈ {${f.levels.join(', ')}}`).join('; ')],
        ['seeds', `${m.seeds.join(', ')} (the same at every point: common random numbers)`],
        ['carestrata', `${v.carestrata} on Node ${v.node}`],
      ],
      recommendation: whatItShows(m, findings, sensitivity),
      warnings: dedupeWarnings(sorted.map((r) => r.warnings)),
      sections: sweepSections(m, findings, sensitivity, charts),
      charts: rendered,
    }),
  });
  return files;
}

/** Base points below which Sobol estimates are mostly noise (their bootstrap intervals span most of 0..1). */
export const SOBOL_MIN_BASE_POINTS = 64;

const num = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : 'n/a');

/** The sweep's findings in words (the report's recommendation list). O(factors · metrics). */
function whatItShows(m: SweepManifest, findings: SweepFindings | undefined, sensitivity: readonly MetricSensitivity[]): string[] {
  const lines = [...(findings?.lines ?? [])];
  for (const { metric, result } of sensitivity) {
    const order = m.factors.map((f, i) => ({ f: f.path, st: result.total[i]! })).sort((a, b) => b.st.estimate - a.st.estimate);
    const top = order[0]!;
    lines.push(`${metric}: ${top.f} matters most (total Sobol index ${num(top.st.estimate)}, interval ${num(top.st.ciLow)} to ${num(top.st.ciHigh)})${order.length > 1 ? `; then ${order.slice(1).map((o) => `${o.f} ${num(o.st.estimate)}`).join(', ')}` : ''}.`);
  }
  const base = m.points.length / (m.factors.length + 2);
  if (sensitivity.length && base < SOBOL_MIN_BASE_POINTS) lines.push(`Only ${base} base points: the Sobol intervals are wide (an index can even fall outside 0..1); use --points ≥ ${SOBOL_MIN_BASE_POINTS}.`);
  if (!findings && m.factors.length === 1 && m.design !== 'grid' && m.design !== 'oat') lines.push('Marginal gains and the cheapest level meeting decide.target are computed for grid and one-at-a-time sweeps.');
  if (!findings && m.factors.length > 1) lines.push(`This sweep varies ${m.factors.length} settings together: marginal gains and the cheapest level meeting decide.target are computed for a sweep over one setting${m.design === 'sobol' ? '' : '; --design sobol gives each setting\'s share of the variance'}.`);
  return lines;
}

function sweepSections(
  m: SweepManifest, findings: SweepFindings | undefined, sensitivity: readonly MetricSensitivity[],
  charts: ReportSection['charts'],
): ReportSection[] {
  const sobolNames = new Set(sensitivity.map((s) => `sobol_${s.metric.replace(/[^A-Za-z0-9_]+/g, '_')}`));
  const sections: ReportSection[] = [{ id: 'curves', title: 'Results', status: 'done', paragraphs: [`Every row of sweep.csv is one point under one replication; sweep_summary.csv has per point the means and 95% intervals charted here and the 5th, 50th and 95th percentiles over replications; sweep_quantiles.csv the same percentiles over all points and replications.`], charts: charts.filter((c) => !sobolNames.has(c.name)) }];
  if (findings && findings.gains.length) {
    sections.push({
      id: 'gains', title: `Marginal gains of ${findings.factor}`, status: 'done',
      paragraphs: [`Gain in ${findings.metric} per added unit, paired over replications (the same seed at every level), with ${Number((100 * m.scenario.decide.confidence).toFixed(1))}% intervals (decide.confidence).`],
      charts: [],
      table: { header: ['from', 'to', 'gain per unit', 'interval', 'gains?'], rows: findings.gains.map((g) => [g.from, g.to, num(g.perUnit.estimate), g.n >= 2 ? `${num(g.perUnit.ciLow)} to ${num(g.perUnit.ciHigh)}` : '–', g.gains ? 'yes' : 'no']) },
    });
  }
  if (sensitivity.length) {
    sections.push({ id: 'sensitivity', title: 'Global sensitivity (Sobol indices)', status: 'done', paragraphs: ['First-order index: the share of the metric\'s variance over the sampled settings that one setting explains alone; total index: with all its interactions (Saltelli 2010 and Jansen 1999 estimators on Latin hypercube base samples; sensitivity.csv).'], charts: charts.filter((c) => sobolNames.has(c.name)) });
  }
  return sections;
}
