/**
 * Report sections and files of the segment and rules stages: how k was chosen, what each segment looks like,
 * and how well each rule picks its segment out (held-out precision and recall).
 */
import { findColumn } from '../data/table.js';
import type { PipelineResult } from '../pipeline.js';
import { differenceCell, recommendedCell, rulesMarkdown } from '../rules/index.js';
import { segmentationJson, segmentsCsv } from '../segment/index.js';
import type { Row } from './charts.js';
import { barChart, heatmap, lineChart } from './charts.js';
import type { ReportSection, ReportTable } from './model.js';
import { fmt, pct } from './model.js';
import type { OutputFile } from './outputs.js';

/** Profile heatmap cells are clipped to ±this many standard deviations so one extreme does not wash out the rest. */
export const PROFILE_Z_CLIP = 3;
/** Rules with held-out precision below this are flagged in the warnings. */
export const LOW_RULE_PRECISION = 0.6;

function meanSd(values: Float64Array): { mean: number; sd: number } {
  let s = 0, s2 = 0, n = 0;
  for (const v of values) if (!Number.isNaN(v)) (s += v), (s2 += v * v), n++;
  const mean = n ? s / n : NaN;
  return { mean, sd: n ? Math.sqrt(Math.max(0, s2 / n - mean * mean)) : NaN };
}

/** Segment × column cells: the segment's median (numeric) or share (binary) in cohort standard deviations. */
function profileRows(r: PipelineResult): Row[] {
  const seg = r.segmentation!;
  const rows: Row[] = [];
  for (const column of seg.features.columns) {
    const c = findColumn(r.cohort.table, column);
    if (!c || c.kind === 'categorical') continue;
    const { mean, sd } = meanSd(c.values);
    if (!(sd > 0)) continue;
    for (const p of seg.profiles) {
      const v = c.kind === 'numeric' ? p.numeric[column]?.median : p.binary[column];
      if (v === undefined || Number.isNaN(v)) continue;
      const z = Math.max(-PROFILE_Z_CLIP, Math.min(PROFILE_Z_CLIP, (v - mean) / sd));
      rows.push({ segment: `${p.segment}: ${p.label}`, column, z: Number(z.toFixed(4)), label: c.kind === 'numeric' ? fmt(v, 1) : pct(v) });
    }
  }
  return rows;
}

/** 2. Segments: chosen k and why, sizes and labels, with the k-selection and profile charts. */
export function segmentSection(r: PipelineResult): ReportSection | undefined {
  const seg = r.segmentation;
  if (!seg) return undefined;
  const chosen = seg.perK.find((m) => m.k === seg.k);
  const paragraphs = [
    `The patients fall into ${seg.k} segments (${seg.chosenBy}), found by ${seg.members.total} clusterings combined into a ${seg.consensus} consensus over ${seg.referenceRows} patients.`,
    `${seg.profiles.map((p) => `Segment ${p.segment} (${pct(p.share)}): ${p.label}`).join('. ')}.`,
  ];
  if (chosen) paragraphs.push(`At k = ${seg.k}: PAC ${fmt(chosen.pac, 3)} (lower is more stable), mean silhouette ${fmt(chosen.silhouette, 3)}, weakest segment stability ${fmt(chosen.minStability, 2)} (bootstrap Jaccard; below 0.75 Hennig calls a cluster not stable, below 0.5 dissolved).`);
  const kRows = seg.perK.flatMap((m) => [
    { k: m.k, measure: 'PAC (lower = more stable)', value: m.pac },
    { k: m.k, measure: 'silhouette (higher = better separated)', value: m.silhouette },
    { k: m.k, measure: 'weakest segment stability', value: m.minStability },
  ]);
  const charts = [];
  if (seg.perK.length > 1) charts.push(lineChart({ name: 'k_selection', title: 'Choosing the number of segments', caption: `k = ${seg.k} was chosen: ${seg.chosenBy}.`, rows: kRows, x: 'k', y: 'value', xTitle: 'Number of segments k', yTitle: 'Value', color: 'measure', colorTitle: 'Measure', xInteger: true }));
  const prof = profileRows(r);
  if (prof.length) charts.push(heatmap({ name: 'segment_profiles', title: 'Segment profiles', caption: `Each cell shows the segment's median (or share) and is coloured by its distance from the cohort mean in standard deviations (clipped at ±${PROFILE_Z_CLIP}).`, rows: prof, x: 'column', y: 'segment', value: 'z', label: 'label', xTitle: 'Column', yTitle: 'Segment', valueTitle: 'SD from mean', diverging: true }));
  const table: ReportTable = { header: ['segment', 'patients', 'share', 'stability', 'label'], rows: seg.profiles.map((p) => [p.segment, p.size, pct(p.share), fmt(p.stability, 2), p.label]) };
  return { id: 'segment', title: 'Patient segments', status: 'done', paragraphs, charts, table };
}

/** 3. Rules: one readable rule per segment and its held-out precision and recall. */
export function rulesSection(r: PipelineResult): ReportSection | undefined {
  const doc = r.rules;
  if (!doc) return undefined;
  const held = (m: (typeof doc.rules)[number]['metrics']) => m.holdout ?? m.train;
  const paragraphs = [`Each segment is described by a short rule clinicians can apply to a new patient; precision and recall are measured on ${doc.data.holdout_patients} held-out patients. Two learners compete — a beam search for short rules and CART — each tuned on the training patients only; the simpler rule is recommended unless the other is better beyond the 95% paired bootstrap interval of their held-out F1 difference.`];
  if (doc.targeting) paragraphs.push(...doc.targeting.recommendation);
  if (r.target) paragraphs.push(`Target group for the home program: segment(s) ${r.target.segments.join(', ')} (from ${r.target.source}), ${r.target.members} patients by segment or rule.`);
  const rows = doc.rules.flatMap((rule) => [
    { segment: `segment ${rule.segment}`, measure: 'precision', value: held(rule.metrics).precision },
    { segment: `segment ${rule.segment}`, measure: 'recall', value: held(rule.metrics).recall },
  ]);
  return {
    id: 'rules',
    title: 'Rules describing the segments',
    status: 'done',
    paragraphs,
    charts: [barChart({ name: 'rule_precision_recall', title: 'Rule precision and recall per segment', caption: 'Held-out patients (training patients when no hold-out was kept).', rows, category: 'segment', value: 'value', color: 'measure', colorTitle: 'Measure', categoryTitle: 'Segment', valueTitle: 'Share' })],
    table: {
      header: ['segment', 'rule', 'precision', 'recall', 'F1', 'beam F1', 'CART F1', 'beam − CART (interval)', 'recommended'],
      rows: doc.rules.map((rule) => [rule.segment, rule.text, fmt(held(rule.metrics).precision, 2), fmt(held(rule.metrics).recall, 2), fmt(held(rule.metrics).f1, 2),
        rule.comparison ? fmt(held(rule.comparison.beam.metrics).f1, 2) : '–', rule.comparison ? fmt(held(rule.comparison.cart.metrics).f1, 2) : '–', differenceCell(rule), recommendedCell(rule)]),
    },
  };
}

/** Warnings the report raises from these stages (unstable segments, low rule precision). */
export function upstreamWarnings(r: PipelineResult): string[] {
  const out: string[] = [];
  for (const p of r.segmentation?.profiles ?? []) if (p.stability < 0.6) out.push(`Segment ${p.segment} is unstable (Jaccard stability ${fmt(p.stability, 2)} < 0.6): treat its profile and rule with caution.`);
  for (const rule of r.rules?.rules ?? []) {
    const m = rule.metrics.holdout ?? rule.metrics.train;
    if (m.precision < LOW_RULE_PRECISION) out.push(`The rule for segment ${rule.segment} has low precision (${fmt(m.precision, 2)}): ${pct(1 - m.precision)} of the patients it matches belong to other segments.`);
  }
  return out;
}

/** segments.csv, segmentation.json, rules.json, rules.md. */
export function upstreamFiles(r: PipelineResult): OutputFile[] {
  const files: OutputFile[] = [];
  const t = r.cohort.table;
  if (r.segmentation) {
    files.push({ name: 'segments.csv', content: segmentsCsv(t.ids, r.segmentation) });
    files.push({ name: 'segmentation.json', content: segmentationJson(r.segmentation, r.scenario.segment, { file: r.scenarioFile, idColumn: t.idColumn, rows: t.ids.length, seed: r.scenario.seed }) });
  }
  if (r.rules) {
    files.push({ name: 'rules.json', content: JSON.stringify(r.rules, null, 2) + '\n' });
    files.push({ name: 'rules.md', content: rulesMarkdown(r.rules) });
  }
  return files;
}
