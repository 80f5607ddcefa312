/**
 * Segmentation quality on real data sets with known classes (issue 18): `npm run bench -- quality`.
 * For each set (bench/real/datasets.ts) and in the same run: our consensus at the true k and with k chosen
 * automatically; scikit-learn KMeans (n_init = 10) and Ward at the true k on z-scored columns (Debian
 * python3-sklearn via /usr/bin/python3); R's ConsensusClusterPlus (Debian r-bioc-consensusclusterplus) at its
 * PAC-chosen k. Prints ARI and NMI against the known classes, the chosen k, wall and CPU seconds.
 * Environment: QUALITY_SETS=penguins,Glass (subset), QUALITY_SETTINGS='{"members":20}' (our settings, for
 * studies), QUALITY_REFS=0 (skip the references), QUALITY_CCP=0 (skip ConsensusClusterPlus only: minutes per set on
 * a busy machine), QUALITY_AUTO=0 (skip the automatic-k run).
 * The machine is shared: CPU seconds are the figure to compare; wall time depends on the load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { streams } from '../src/random/index.js';
import { segmentSection } from '../src/scenario/sections/segment.js';
import type { SegmentSettingsInput } from '../src/scenario/sections/segment.js';
import { adjustedRandIndex, normalizedMutualInformation } from '../src/segment/metrics.js';
import { segmentPatients } from '../src/segment/segment.js';
import type { RealSet, RealSetName } from './real/datasets.js';
import { REAL_SETS, loadRealSet, realDataUnavailable } from './real/datasets.js';

const SKLEARN_PYTHON = '/usr/bin/python3';
/** ConsensusClusterPlus keeps an n × n matrix per k: larger sets are run on a uniform sample of this many rows. */
const CCP_MAX_ROWS = 2000;
const here = dirname(fileURLToPath(import.meta.url));
const script = (name: string): string => join(here, '..', '..', 'bench', 'real', name);

interface Scored { k: number; ari: number; nmi: number; wall: number; cpu: number }

/** Highest k tried by the automatic runs (ours and ConsensusClusterPlus): the default 10, or true k + 3. */
export function autoKMax(classes: number): number {
  return Math.max(10, classes + 3);
}

function score(truth: Int32Array, labels: ArrayLike<number>, rows?: readonly number[]): { ari: number; nmi: number } {
  const t = rows ? rows.map((i) => truth[i]!) : Array.from(truth);
  const l = Array.from(labels);
  return { ari: adjustedRandIndex(t, l), nmi: normalizedMutualInformation(t, l) };
}

/** Our segmentation of the set, timed (wall and this process's CPU). */
export function ours(set: RealSet, input: SegmentSettingsInput): { labels: Int32Array; k: number; wall: number; cpu: number; chosenBy: string; perK: string; columns: readonly string[] } {
  const settings = segmentSection.parse(input);
  const c0 = process.cpuUsage(), t0 = performance.now();
  const seg = segmentPatients(set.table, settings, streams(42));
  const c = process.cpuUsage(c0);
  const perK = seg.perK.map((m) => `${m.k}:${m.minStability.toFixed(2)}`).join(' ');
  return { labels: seg.labels, k: seg.k, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, chosenBy: seg.chosenBy, perK, columns: seg.features.columns };
}

/** The references cluster the columns ours used (the same input: default exclusions and dropped columns apply to all). */
function references(set: RealSet, columns: readonly string[], dir: string): Record<string, Scored> {
  const matrix = join(dir, `${set.name}.matrix.csv`);
  const types = join(dir, `${set.name}.types`);
  writeFileSync(types, readFileSync(set.types, 'utf8').split('\n').filter((line) => columns.includes(line.split(',')[0]!)).join('\n') + '\n');
  const py = spawnSync(SKLEARN_PYTHON, [script('sklearn_ref.py'), set.csv, types, String(set.classes), matrix], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (py.status !== 0) throw new Error(`scikit-learn reference failed: ${py.stderr}`);
  const sk = JSON.parse(py.stdout) as Record<'kmeans' | 'ward', { labels: number[]; wall: number; cpu: number }>;
  const out: Record<string, Scored> = {};
  for (const m of ['kmeans', 'ward'] as const) out[m] = { k: set.classes, ...score(set.truth, sk[m].labels), wall: sk[m].wall, cpu: sk[m].cpu };
  if (process.env.QUALITY_CCP === '0') return out;
  const ccpOut = join(dir, `${set.name}.ccp.json`);
  const r = spawnSync('Rscript', [script('ccp.R'), matrix, String(autoKMax(set.classes)), String(set.classes), ccpOut, String(CCP_MAX_ROWS)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ConsensusClusterPlus reference failed: ${r.stderr}`);
  const ccp = JSON.parse(readFileSync(ccpOut, 'utf8')) as { rows: number[]; k: number; labels: number[]; trueKLabels: number[]; wall: number; cpu: number };
  out.ccp = { k: ccp.k, ...score(set.truth, ccp.labels, ccp.rows), wall: ccp.wall, cpu: ccp.cpu };
  out.ccpTrueK = { k: set.classes, ...score(set.truth, ccp.trueKLabels, ccp.rows), wall: 0, cpu: 0 };
  return out;
}

const f3 = (v: number | undefined): string => (v === undefined ? '—' : v.toFixed(3));
const secs = (s: Scored | undefined): string => (s ? `${s.wall.toFixed(1)}/${s.cpu.toFixed(1)}` : '—');

export async function run(): Promise<void> {
  const why = realDataUnavailable();
  if (why) { console.log(`skipped: ${why}`); return; }
  const wanted = process.env.QUALITY_SETS ? process.env.QUALITY_SETS.split(',') : [...REAL_SETS];
  const extra = JSON.parse(process.env.QUALITY_SETTINGS ?? '{}') as SegmentSettingsInput;
  const dir = mkdtempSync(join(tmpdir(), 'carestrata-quality-'));
  console.log(`settings: ${JSON.stringify(extra)}; times are wall/CPU seconds on a shared 2-core machine`);
  console.log('| set | n | classes | ours k=true ARI / NMI | KMeans ARI / NMI | Ward ARI / NMI | target | ours auto k (ARI) | CCP PAC k (ARI) | CCP k=true ARI | time ours fixed / auto | KMeans / Ward / CCP |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  try {
    for (const name of wanted) {
      const set = loadRealSet(name as RealSetName);
      const fixed = ours(set, { ...extra, k: set.classes });
      const f = score(set.truth, fixed.labels);
      const auto = process.env.QUALITY_AUTO === '0' ? undefined : ours(set, { ...extra, k_min: 2, k_max: autoKMax(set.classes) });
      const a = auto ? score(set.truth, auto.labels) : undefined;
      const ref = process.env.QUALITY_REFS === '0' ? {} : references(set, fixed.columns, dir);
      const target = ref.kmeans && ref.ward ? Math.max(ref.kmeans.ari, ref.ward.ari) - 0.02 : undefined;
      const met = target === undefined ? '' : f.ari >= target ? ' ✓' : ' ✗';
      console.log(`| ${name} | ${set.truth.length} | ${set.classes} | ${f3(f.ari)} / ${f3(f.nmi)}${met} | ${f3(ref.kmeans?.ari)} / ${f3(ref.kmeans?.nmi)} `
        + `| ${f3(ref.ward?.ari)} / ${f3(ref.ward?.nmi)} | ≥ ${f3(target)} | ${auto ? `${auto.k} (${f3(a!.ari)})` : '—'} `
        + `| ${ref.ccp ? `${ref.ccp.k} (${f3(ref.ccp.ari)})` : '—'} | ${f3(ref.ccpTrueK?.ari)} `
        + `| ${fixed.wall.toFixed(1)}/${fixed.cpu.toFixed(1)} / ${auto ? `${auto.wall.toFixed(1)}/${auto.cpu.toFixed(1)}` : '—'} `
        + `| ${secs(ref.kmeans)} / ${secs(ref.ward)} / ${secs(ref.ccp)} |`);
      if (process.env.QUALITY_VERBOSE === '1') console.log(`  ${name}: columns ${fixed.columns.join(' ')}${auto ? `; auto: ${auto.chosenBy}; least stable segment per k ${auto.perK}` : ''}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
