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
import { quantilesCsv, summarizePoints, summaryCsv, sweepCsv } from './aggregate.js';
import { chartFamilies, LEAD_POLICY, sweepCharts } from './charts.js';
import { gainsCsv, sweepSections, whatItShows } from './explain.js';
import { sweepFindings } from './findings.js';
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
  if (findings) files.push({ name: 'sweep_gains.csv', content: gainsCsv(findings) });
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
