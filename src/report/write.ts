/**
 * Plan the files of `carestrata run`: every stage's own outputs, `summary.json`, `charts/NAME.{vl.json,svg,png}`
 * and the self-contained `report.html`. Returns the file list; the caller writes it with `writeOutputs`
 * (all or nothing).
 */
import { tableToCsv } from '../data/format.js';
import type { PipelineResult } from '../pipeline.js';
import { renderHtml } from './html.js';
import { versions } from './meta.js';
import type { OutputFile } from './outputs.js';
import type { RenderedChart } from './render.js';
import { chartFiles, renderChart } from './render.js';
import { reportModel } from './sections.js';
import { stageFiles } from './stages.js';
import { upstreamFiles } from './upstream.js';
import { summaryJson } from './summary.js';
import { uncertaintyFiles } from './uncertainty.js';

export interface RunOutputsOptions {
  /** Write PNGs next to the SVGs (default: the scenario's report.png). */
  readonly png?: boolean;
  readonly log?: (message: string) => void;
}

/** "What was run" rows for the report. */
function metaRows(r: PipelineResult): [string, string][] {
  const v = versions();
  const libs = Object.entries(v).filter(([k]) => k !== 'carestrata' && k !== 'node').map(([k, x]) => `${k} ${x}`).join(', ');
  return [
    ['scenario', `${r.scenario.name} (${r.scenarioFile})`],
    ['description', r.scenario.description || '—'],
    ['seed', String(r.scenario.seed)],
    ['patients', `${r.cohort.table.ids.length} (${r.cohort.source})`],
    ['carestrata', `${v.carestrata} on Node ${v.node}`],
    ['libraries', libs],
    ['stages not in this version', r.pending.length ? r.pending.join(', ') : 'none'],
  ];
}

/**
 * Every output file of a run, rendered. Cost: chart rendering ~50–150 ms per chart, plus the stages' CSVs.
 * @example
 * writeOutputs('results', await runOutputs(await runPipeline(loaded)));
 */
export async function runOutputs(r: PipelineResult, options: RunOutputsOptions = {}): Promise<OutputFile[]> {
  const png = options.png ?? r.scenario.report.png;
  const model = reportModel(r);
  const rendered = new Map<string, RenderedChart>();
  for (const s of model.sections) {
    for (const c of s.charts) {
      if (rendered.has(c.name)) throw new Error(`runOutputs: two charts named ${c.name}`);
      rendered.set(c.name, await renderChart(c, png));
    }
  }
  options.log?.(`rendered ${rendered.size} chart(s)`);
  const files: OutputFile[] = [];
  if (r.cohort.source === 'synthetic') files.push({ name: 'cohort.csv', content: tableToCsv(r.cohort.table) });
  files.push(...upstreamFiles(r), ...stageFiles(r), ...uncertaintyFiles(r));
  for (const c of rendered.values()) files.push(...chartFiles(c));
  const html = renderHtml({ title: model.title, meta: metaRows(r), recommendation: model.recommendation, warnings: model.warnings, sections: model.sections, charts: rendered });
  files.push({ name: 'report.html', content: html });
  const names = [...files.map((f) => f.name), 'summary.json'].sort();
  files.push({ name: 'summary.json', content: JSON.stringify(summaryJson(r, model, names), null, 2) + '\n' });
  return files;
}
