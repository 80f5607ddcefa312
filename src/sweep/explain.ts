/**
 * The sweep report's words: what the sweep shows (marginal gains, flattening, the cheapest level meeting the
 * target, the settings that matter most by their Sobol indices) and its sections, plus `sweep_gains.csv`.
 *
 * Cost: O(points + factors · metrics).
 */
import type { ReportSection } from '../report/model.js';
import { toCsv } from '../report/outputs.js';
import type { SweepFindings } from './findings.js';
import type { SweepManifest } from './manifest.js';
import type { MetricSensitivity } from './sensitivity.js';
import { sobolChartName } from './sensitivity.js';

/** Base points below which Sobol estimates are mostly noise (their bootstrap intervals span most of 0..1). */
export const SOBOL_MIN_BASE_POINTS = 64;

const num = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : 'n/a');
const span = (e: { ciLow: number; ciHigh: number }): string => `${num(e.ciLow)} to ${num(e.ciHigh)}`;

/** The most influential setting of each metric by its total index, in words. */
function sensitivityLine(m: SweepManifest, { metric, result }: MetricSensitivity): string {
  const order = m.factors.map((f, i) => ({ f: f.path, st: result.total[i]! }))
    .sort((a, b) => b.st.estimate - a.st.estimate);
  const [top, ...rest] = order;
  const then = rest.length ? `; then ${rest.map((o) => `${o.f} ${num(o.st.estimate)}`).join(', ')}` : '';
  return `${metric}: ${top!.f} matters most (total Sobol index ${num(top!.st.estimate)}, interval ${span(top!.st)})`
    + `${then}.`;
}

/**
 * The sweep's findings in words (the report's recommendation list). O(factors · metrics).
 * @example
 * whatItShows(manifest, sweepFindings(manifest, records, 'priority_greedy'), []);
 */
export function whatItShows(
  m: SweepManifest, findings: SweepFindings | undefined, sensitivity: readonly MetricSensitivity[],
): string[] {
  const lines = [...(findings?.lines ?? []), ...sensitivity.map((s) => sensitivityLine(m, s))];
  const base = m.points.length / (m.factors.length + 2);
  if (sensitivity.length && base < SOBOL_MIN_BASE_POINTS) {
    lines.push(`Only ${base} base points: the Sobol intervals are wide (an index can even fall outside 0..1);`
      + ` use --points ≥ ${SOBOL_MIN_BASE_POINTS}.`);
  }
  if (!findings && m.factors.length === 1 && m.design !== 'grid' && m.design !== 'oat') {
    lines.push('Marginal gains and the cheapest level meeting decide.target are computed for grid and'
      + ' one-at-a-time sweeps.');
  }
  if (!findings && m.factors.length > 1) {
    lines.push(`This sweep varies ${m.factors.length} settings together: marginal gains and the cheapest level`
      + ' meeting decide.target are computed for a sweep over one setting'
      + `${m.design === 'sobol' ? '' : '; --design sobol gives each setting\'s share of the variance'}.`);
  }
  return lines;
}

/**
 * Results, marginal gains (one-setting sweeps) and global sensitivity (sobol designs), charts split between them.
 * @example
 * sweepSections(manifest, findings, sensitivity, charts).map((s) => s.id); // ['curves', 'gains']
 */
export function sweepSections(
  m: SweepManifest, findings: SweepFindings | undefined, sensitivity: readonly MetricSensitivity[],
  charts: ReportSection['charts'],
): ReportSection[] {
  const sobolNames = new Set(sensitivity.map((s) => sobolChartName(s.metric)));
  const sections: ReportSection[] = [{
    id: 'curves', title: 'Results', status: 'done', charts: charts.filter((c) => !sobolNames.has(c.name)),
    paragraphs: ['Every row of sweep.csv is one point under one replication; sweep_summary.csv has per point the'
      + ' means and 95% intervals charted here and the 5th, 50th and 95th percentiles over replications;'
      + ' sweep_quantiles.csv the same percentiles over all points and replications.'],
  }];
  if (findings && findings.gains.length) {
    const conf = `${Number((100 * m.scenario.decide.confidence).toFixed(1))}%`;
    const rows = findings.gains.map((g) => [
      g.from, g.to, num(g.perUnit.estimate), g.n >= 2 ? span(g.perUnit) : '–', g.gains ? 'yes' : 'no',
    ]);
    sections.push({
      id: 'gains', title: `Marginal gains of ${findings.factor}`, status: 'done', charts: [],
      paragraphs: [`Gain in ${findings.metric} per added unit, paired over replications (the same seed at every`
        + ` level), with ${conf} intervals (decide.confidence).`],
      table: { header: ['from', 'to', 'gain per unit', 'interval', 'gains?'], rows },
    });
  }
  if (sensitivity.length) {
    sections.push({
      id: 'sensitivity', title: 'Global sensitivity (Sobol indices)', status: 'done',
      charts: charts.filter((c) => sobolNames.has(c.name)),
      paragraphs: ['First-order index: the share of the metric\'s variance over the sampled settings that one'
        + ' setting explains alone; total index: with all its interactions (Saltelli 2010 and Jansen 1999'
        + ' estimators on Latin hypercube base samples; sensitivity.csv).'],
    });
  }
  return sections;
}

/** `sweep_gains.csv`: one row per step between consecutive levels. O(levels). */
export function gainsCsv(f: SweepFindings): string {
  const header = ['metric', 'setting', 'from', 'to', 'gain_per_unit', 'ci_low', 'ci_high', 'replications', 'gains'];
  const rows = f.gains.map((g) => [
    f.metric, f.factor, g.from, g.to, g.perUnit.estimate, g.perUnit.ciLow, g.perUnit.ciHigh, g.n, g.gains ? 1 : 0,
  ]);
  return toCsv(header, rows);
}
