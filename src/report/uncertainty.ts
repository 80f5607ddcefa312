/**
 * The report's account of input uncertainty (decide.uncertainty): how much of the doubt about each deciding
 * measure is simulation noise and how much is the data (resampled patients, uncertain rates), with the
 * noise-only and the combined intervals side by side; `uncertainty.csv` has every policy and measure,
 * `uncertainty_draws.csv` what each outer replication drew.
 */
import { decideMeasures } from '../decide/index.js';
import type { PipelineResult } from '../pipeline.js';
import { intervalChart } from './charts.js';
import type { ReportSection } from './model.js';
import { fmt, pct } from './model.js';
import type { OutputFile } from './outputs.js';
import { toCsv } from './outputs.js';

const num = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : 'n/a');
const span = (e: { ciLow: number; ciHigh: number }): string => `${num(e.ciLow)} to ${num(e.ciHigh)}`;

/** The design in words: outer draws, ranges, inner replications. */
function designText(r: PipelineResult, inner: number): string {
  const set = r.scenario.decide.uncertainty;
  const factors = [
    ['visit time', set.visit_time_factor], ['failed access', set.failure_rate_factor],
    ['no-shows', set.no_show_rate_factor], ['Hb decline', set.decline_rate_factor],
  ] as const;
  const ranges = factors.filter(([, [lo, hi]]) => lo !== 1 || hi !== 1)
    .map(([name, [lo, hi]]) => `${name} × ${lo}–${hi}`);
  const patients = set.bootstrap_patients
    ? 'resampling the cohort\'s patients with replacement' : 'on the same patients';
  return `Input uncertainty: ${r.uncertainty!.outer.length} outer replications, each ${patients}`
    + `${ranges.length ? ` and drawing ${ranges.join(', ')} uniformly` : ''}, then ${inner} inner replications of`
    + ' every policy on those inputs (common random numbers across policies). Noise variance is the spread of inner'
    + ' replications around their outer mean; input variance the extra spread of the outer means (a nested'
    + ' random-effects analysis). The combined interval carries both; the noise-only interval is what replications'
    + ' on one fixed cohort would claim.';
}

/** 6b. Two sources of uncertainty. Cost: O(policies · measures). */
export function uncertaintySection(r: PipelineResult): ReportSection | undefined {
  const u = r.uncertainty;
  if (!u) return undefined;
  const d = r.scenario.decide;
  const measures = decideMeasures(d);
  const rows = u.rows.filter((x) => measures.includes(x.metric));
  const inner = u.rows[0]?.inner ?? 0;
  const paragraphs = [designText(r, inner)];
  const objective = rows.filter((x) => x.metric === d.objective.measure && x.policy !== 'clinic_only');
  const worst = objective.slice().sort((a, b) => b.inputShare - a.inputShare)[0];
  if (worst && Number.isFinite(worst.inputShare)) {
    paragraphs.push(`On ${d.objective.measure}, up to ${pct(worst.inputShare)} of one run's variance is input`
      + ` uncertainty (${worst.policy.replace(/_/g, ' ')}): the combined interval ${span(worst.combined)} against`
      + ` ${span(worst.noiseOnly)} from noise alone.`);
  }
  const chart = intervalChart({
    name: 'uncertainty_intervals',
    title: `${d.objective.measure}: simulation noise alone vs noise and inputs`,
    caption: `Mean over ${u.outer.length} × ${inner} replications with ${fmt(100 * d.confidence, 1)}% intervals.`,
    rows: objective.flatMap((x) => [
      { policy: x.policy, interval: 'noise only', mean: x.mean, lo: x.noiseOnly.ciLow, hi: x.noiseOnly.ciHigh },
      { policy: x.policy, interval: 'noise and inputs', mean: x.mean, lo: x.combined.ciLow, hi: x.combined.ciHigh },
    ]),
    category: 'policy', mean: 'mean', lo: 'lo', hi: 'hi', color: 'interval', colorTitle: 'Interval',
    categoryTitle: 'Policy', valueTitle: d.objective.measure,
  });
  const header = ['policy', 'measure', 'mean', 'noise sd', 'input sd', 'input share', 'noise-only interval',
    'combined interval'];
  const table = rows.map((x) => [
    x.policy, x.metric, num(x.mean), num(Math.sqrt(x.noiseVariance)), num(Math.sqrt(x.inputVariance)),
    Number.isFinite(x.inputShare) ? pct(x.inputShare) : 'n/a', span(x.noiseOnly), span(x.combined),
  ]);
  return {
    id: 'uncertainty', title: 'Two sources of uncertainty', status: 'done', paragraphs,
    charts: objective.length ? [chart] : [], table: { header, rows: table },
  };
}

/** `uncertainty.csv` and `uncertainty_draws.csv` when outer replications ran. O(policies · measures + outer). */
export function uncertaintyFiles(r: PipelineResult): OutputFile[] {
  const u = r.uncertainty;
  if (!u) return [];
  const header = ['policy', 'metric', 'outer', 'inner', 'mean', 'noise_variance', 'input_variance', 'input_share',
    'noise_ci_low', 'noise_ci_high', 'combined_ci_low', 'combined_ci_high'];
  const rows = u.rows.map((x) => [
    x.policy, x.metric, x.outer, x.inner, x.mean, x.noiseVariance, x.inputVariance, x.inputShare,
    x.noiseOnly.ciLow, x.noiseOnly.ciHigh, x.combined.ciLow, x.combined.ciHigh,
  ]);
  const drawHeader = ['outer', 'seed', 'bootstrap_patients', 'visit_time_factor', 'failure_rate_factor',
    'no_show_rate_factor', 'decline_rate_factor'];
  const draws = u.outer.map((o) => [
    o.outer, o.seed, o.draw.bootstrapped ? 1 : 0, o.draw.visitTime, o.draw.failureRate, o.draw.noShowRate,
    o.draw.declineRate,
  ]);
  return [
    { name: 'uncertainty.csv', content: toCsv(header, rows) },
    { name: 'uncertainty_draws.csv', content: toCsv(drawHeader, draws) },
  ];
}
