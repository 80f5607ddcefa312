/**
 * The files of a finished capacity search: `manifest.json`, `points.jsonl` (canonical order), `capacity.csv`
 * (every level tried: replications spent, estimate, interval, verdict), `capacity.json` (answers and the
 * confidence statement), `charts/capacity.svg` (service level against capacity with intervals and the target
 * line) and a self-contained `capacity.html`.
 *
 * Cost: O(levels tried · replications) plus ~100 ms for the chart.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderHtml } from '../report/html.js';
import { versions } from '../report/meta.js';
import type { OutputFile } from '../report/outputs.js';
import { toCsv } from '../report/outputs.js';
import type { Chart } from '../report/render.js';
import { chartFiles, renderChart } from '../report/render.js';
import type { CapacityManifest } from './capacityManifest.js';
import { rowLabel } from './capacityManifest.js';
import type { RowAnswer } from './capacityRows.js';
import { MANIFEST_FILE, manifestJson } from './finalize.js';
import type { PointRecord } from './points.js';
import { POINTS_FILE, pointLine, sortedRecords } from './points.js';

const round = (x: number, digits = 6) => Number(x.toPrecision(digits));
const targetText = (m: CapacityManifest) => `${m.target.measure} ${m.target.op} ${m.target.value}`;
const pct = (x: number) => `${Math.round(100 * x)}%`;

/** The "what was run" rows of capacity.html. */
function htmlMeta(m: CapacityManifest): [string, string][] {
  const factors = m.capacity.map((f) => `${f.path} ∈ {${f.levels.join(', ')}}`).join(' × ');
  const which = m.capacity.length > 1 ? 'cheapest combination of ' : 'smallest ';
  const s = m.schedule;
  return [
    ['scenario', `${m.scenario.name} (${m.scenarioFile})`],
    ['search id', m.sweepId],
    ['question', `${which}${factors} with ${targetText(m)} under ${m.policy}, at ${pct(m.confidence)} confidence`],
    ['procedure', `${m.procedure}; replications per level ${s.initialReplications} growing ×${s.growth} to at most`
      + ` ${s.maxReplications}; replication r uses the same random streams at every level`],
  ];
}

/**
 * `capacity.csv`: one row per level tried and answer, sorted by answer row then level. O(levels tried).
 * @example
 * capacityCsv(manifest, answers).split('\n')[0]; // 'program.nurses,order,replications,mean,…,verdict,answer'
 */
export function capacityCsv(m: CapacityManifest, answers: readonly RowAnswer[]): string {
  const paths = [...m.outer.map((f) => f.path), ...m.capacity.map((f) => f.path)];
  const header = [...paths, 'order', 'replications', 'looks', 'mean', 'sd', 'ci_low', 'ci_high', 'interval_confidence',
    'verdict', 'answer'];
  const rows = answers.flatMap((a) => [...a.tried]
    .sort((x, y) => compareValues(x.values, y.values, paths))
    .map((t) => {
      const r = t.record;
      const isAnswer = a.answer !== null && m.capacity.every((f) => a.answer![f.path] === t.values[f.path]);
      return [...paths.map((p) => t.values[p]!), t.order, r.replications, r.looks, round(r.mean), round(r.sd),
        round(r.ciLow), round(r.ciHigh), round(r.intervalConfidence), r.verdict, isAnswer ? 1 : 0];
    }));
  return toCsv(header, rows);
}

type Values = Readonly<Record<string, number>>;

function compareValues(a: Values, b: Values, paths: readonly string[]): number {
  for (const p of paths) if (a[p] !== b[p]) return a[p]! - b[p]!;
  return 0;
}

/** `capacity.json`: the question, the confidence statement and every answer. O(levels tried). */
export function capacityJson(m: CapacityManifest, answers: readonly RowAnswer[]): string {
  const body = {
    search: m.sweepId, scenario: m.scenario.name, policy: m.policy, target: m.target, confidence: m.confidence,
    procedure: m.procedure, schedule: m.schedule,
    capacity: m.capacity.map((f) => ({ path: f.path, levels: f.levels })),
    outer: m.outer.map((f) => ({ path: f.path, levels: f.levels })),
    answers: answers.map((a) => ({
      row: a.row, status: a.status, answer: a.answer, replications: a.replications, message: a.message,
      undecided: a.undecided,
      tried: a.tried.map(({ values, order, record: r }) => ({
        values, order, replications: r.replications, mean: round(r.mean), ci_low: round(r.ciLow),
        ci_high: round(r.ciHigh), interval_confidence: round(r.intervalConfidence), verdict: r.verdict,
      })),
    })),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

/**
 * The service level against the (last) capacity factor: a point and interval per level tried, one colour
 * per answer row, and the target as a dashed rule. O(levels tried).
 * @example
 * capacityChart(manifest, answers).spec; // vega-lite: layer [rule, errorbar, point, target rule]
 */
export function capacityChart(m: CapacityManifest, answers: readonly RowAnswer[]): Chart {
  const x = m.capacity[m.capacity.length - 1]!;
  const others = m.capacity.slice(0, -1);
  const data = answers.flatMap((a) => a.tried.map((t) => ({
    x: t.values[x.path]!, mean: t.record.mean, lo: t.record.ciLow, hi: t.record.ciHigh, verdict: t.record.verdict,
    series: [a.label, ...others.map((f) => `${f.path} = ${t.values[f.path]}`)].join(', '),
  })));
  const xEnc = { field: 'x', type: 'quantitative', title: x.path, axis: { tickMinStep: 1, format: 'd' },
    scale: { zero: false } };
  const yTitle = m.target.measure;
  const color = { field: 'series', type: 'nominal', title: 'Answer for' };
  const y = (field: string) => ({ field, type: 'quantitative', title: yTitle, scale: { zero: false } });
  const shape = { field: 'verdict', type: 'nominal', title: 'Verdict' };
  const spec = {
    title: `${m.target.measure} against ${x.path}`,
    layer: [
      { data: { values: data }, mark: { type: 'rule' }, encoding: { x: xEnc, y: y('lo'), y2: { field: 'hi' }, color } },
      { data: { values: data }, mark: { type: 'point', filled: true, size: 50 },
        encoding: { x: xEnc, y: y('mean'), color, shape } },
      { data: { values: [{ target: m.target.value }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#b00' },
        encoding: { y: { field: 'target', type: 'quantitative' } } },
    ],
  } as unknown as TopLevelSpec;
  const caption = 'Each point is a level the search tried, with its interval (each at the per-look confidence that'
    + ` makes all hold together with ${pct(m.confidence)} confidence); the dashed line is the target ${targetText(m)}.`;
  return { name: 'capacity', title: `${m.target.measure} against ${x.path} (${m.policy})`, caption, spec };
}

/**
 * Every output file of a finished search. Cost: see the file header.
 * @example
 * writeOutputs(out, await capacityOutputs(manifest, answers, records), { set: 'capacity' });
 */
export async function capacityOutputs(
  m: CapacityManifest, answers: readonly RowAnswer[], records: readonly PointRecord[],
): Promise<OutputFile[]> {
  const chart = await renderChart(capacityChart(m, answers), m.scenario.report.png);
  const files: OutputFile[] = [
    { name: MANIFEST_FILE, content: manifestJson(m as never) },
    { name: POINTS_FILE, content: sortedRecords(records).map(pointLine).join('') },
    { name: 'capacity.csv', content: capacityCsv(m, answers) },
    { name: 'capacity.json', content: capacityJson(m, answers) },
    ...chartFiles(chart),
  ];
  const v = versions();
  const table = {
    header: ['answer for', 'status', 'capacity', 'replications', 'statement'],
    rows: answers.map((a) => [a.label, a.status, a.answer ? rowLabel(a.answer) : '—', String(a.replications),
      a.message]),
  };
  files.push({
    name: 'capacity.html',
    content: renderHtml({
      title: `Capacity for ${targetText(m)} — ${m.scenario.name}`,
      meta: [...htmlMeta(m), ['carestrata', `${v.carestrata} on Node ${v.node}`]],
      recommendation: answers.map((a) => `${a.label}: ${a.message}`),
      warnings: [...new Set(records.flatMap((r) => r.warnings))],
      sections: [{ id: 'capacity', title: 'Capacity search', status: 'done', paragraphs: [CONFIDENCE_NOTE], table,
        charts: [chart] }],
      charts: new Map([[chart.name, chart]]),
    }),
  });
  return files;
}

const CONFIDENCE_NOTE = 'The search tests a level with batches of replications until its interval lies wholly on one'
  + ' side of the target; the error of the whole search is split over the levels it can visit and the looks at each'
  + ' (Bonferroni), so with the stated confidence every verdict is right together. A level left undecided at the'
  + ' replication cap counts as not shown to meet the target. capacity.csv lists every level tried with its'
  + ' replications, estimate, interval and verdict (docs/decide.md).';
