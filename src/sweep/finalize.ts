/**
 * The files of a finished sweep, the same whether it ran in one process or was merged from shards:
 * `manifest.json`, `points.jsonl` (canonical order), `sweep.csv`, `sweep_summary.csv`, `charts/` and a
 * self-contained `sweep.html`.
 */
import { renderHtml } from '../report/html.js';
import { versions } from '../report/meta.js';
import type { OutputFile } from '../report/outputs.js';
import type { RenderedChart } from '../report/render.js';
import { chartFiles, renderChart } from '../report/render.js';
import { summarizePoints, summaryCsv, sweepCsv } from './aggregate.js';
import { sweepCharts } from './charts.js';
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
  const charts = sweepCharts(m, summaries);
  const png = m.scenario.report.png;
  const rendered = new Map<string, RenderedChart>();
  for (const c of charts) rendered.set(c.name, await renderChart(c, png));
  const files: OutputFile[] = [
    { name: MANIFEST_FILE, content: manifestJson(m) },
    { name: POINTS_FILE, content: sorted.map(pointLine).join('') },
    { name: 'sweep.csv', content: sweepCsv(m, sorted) },
    { name: 'sweep_summary.csv', content: summaryCsv(m, summaries) },
  ];
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
      recommendation: [],
      warnings: [...new Set(sorted.flatMap((r) => r.warnings))],
      sections: [{ id: 'curves', title: 'Results', status: 'done', paragraphs: ['Every row of sweep.csv is one point under one replication; sweep_summary.csv has the means and 95% intervals charted here.'], charts }],
      charts: rendered,
    }),
  });
  return files;
}
