/**
 * `npm run bench -- sweep`: sweep throughput (tasks a second) with 1 and 2 worker threads on the same sweep,
 * and the speed-up. Target: ≥ 1.8 on 2 cores. The clock runs from the first to the last finished task's
 * evaluation phase (manifest, resume scan and final charts excluded), plus the end-to-end time for reference.
 * Figures measured while other work shares the machine are pessimistic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/scenario/load.js';
import { readPoints } from '../src/sweep/points.js';
import { runSweep } from '../src/sweep/run.js';
import { parseVary } from '../src/sweep/vary.js';

const SCENARIO = process.env.CARESTRATA_BENCH_SCENARIO ?? 'scenarios/staffing-sweep.yaml';
const VARY = process.env.CARESTRATA_BENCH_VARY ?? 'program.nurses=1..8';
const REPLICATIONS = Number(process.env.CARESTRATA_BENCH_REPLICATIONS ?? 3);

async function timed(workers: number): Promise<{ tasks: number; evalSec: number; totalSec: number; overlap: number }> {
  const loaded = loadScenarioFile(SCENARIO);
  const out = mkdtempSync(join(tmpdir(), 'carestrata-bench-sweep-'));
  let start = 0;
  let end = 0;
  const t0 = performance.now();
  const outcome = await runSweep(
    { loaded, factors: parseVary([VARY], loaded), design: 'grid', replications: REPLICATIONS, out, workers },
    { progress: (done) => (done === 0 ? (start = performance.now()) : (end = performance.now())) },
  );
  const totalSec = (performance.now() - t0) / 1000;
  const taskMs = [...readPoints(join(out, 'points.jsonl'), outcome.manifest.sweepId).values()].reduce((a, r) => a + r.ms, 0);
  rmSync(out, { recursive: true, force: true });
  // overlap: summed task time over evaluation wall time = how many tasks ran at once on average
  return { tasks: outcome.evaluated, evalSec: (end - start) / 1000, totalSec, overlap: taskMs / (end - start) };
}

export async function run(): Promise<void> {
  console.log(`scenario ${SCENARIO}, --vary ${VARY}, ${REPLICATIONS} replication(s); ${availableParallelism()} cores available (shared with other work: figures are pessimistic)`);
  const rows: { workers: number; tasks: number; evalSec: number; totalSec: number; overlap: number }[] = [];
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`load average before: ${load()} (above ~0.5 means other work competes for the 2 cores)`);
  for (const workers of [1, 2]) {
    const r = await timed(workers);
    rows.push({ workers, ...r });
    console.log(`workers ${workers}: ${r.tasks} tasks, evaluation ${r.evalSec.toFixed(2)} s → ${(r.tasks / r.evalSec).toFixed(2)} tasks/s; end to end ${r.totalSec.toFixed(2)} s; tasks in flight on average ${r.overlap.toFixed(2)}; load average ${load()}`);
  }
  const speedup = rows[0]!.evalSec / rows[1]!.evalSec;
  const endToEnd = rows[0]!.totalSec / rows[1]!.totalSec;
  console.log(`speed-up with 2 workers: ${speedup.toFixed(2)}× on evaluation (target ≥ 1.8), ${endToEnd.toFixed(2)}× end to end`);
}
