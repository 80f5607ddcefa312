/**
 * `npm run bench -- sweep`: sweep throughput (tasks a second) with 1 and 2 worker threads on the same sweep,
 * and the speed-up. Target: ≥ 1.8 on 2 cores.
 *
 * The clock runs from the first to the last finished task's evaluation phase (manifest, resume scan and final
 * charts excluded), plus the end-to-end time for reference. Each configuration runs
 * `CARESTRATA_BENCH_REPEAT` times (default 3), alternating which goes first (1,2 · 2,1 · 1,2 …) so a slow
 * spell of a shared machine falls on both; the speed-up is median(1 worker) / median(2 workers), and the
 * spread of the per-pair ratios is printed beside it. Figures measured while other work shares the machine
 * are pessimistic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/scenario/load.js';
import { runSweep } from '../src/sweep/run.js';
import { parseVary } from '../src/sweep/vary.js';

const SCENARIO = process.env.CARESTRATA_BENCH_SCENARIO ?? 'scenarios/staffing-sweep.yaml';
const VARY = process.env.CARESTRATA_BENCH_VARY ?? 'program.nurses=1..8';
const REPLICATIONS = Number(process.env.CARESTRATA_BENCH_REPLICATIONS ?? 3);
const REPEAT = Math.max(1, Number(process.env.CARESTRATA_BENCH_REPEAT ?? 3));

interface Timing { readonly workers: number; readonly tasks: number; readonly evalSec: number; readonly totalSec: number; readonly overlap: number }

async function timed(workers: number): Promise<Timing> {
  const loaded = loadScenarioFile(SCENARIO);
  const out = mkdtempSync(join(tmpdir(), 'carestrata-bench-sweep-'));
  let start = 0;
  let end = 0;
  let taskMs = 0;
  const t0 = performance.now();
  try {
    const outcome = await runSweep(
      { loaded, factors: parseVary([VARY], loaded), design: 'grid', replications: REPLICATIONS, out, workers },
      { progress: (done) => (done === 0 ? (start = performance.now()) : (end = performance.now())), taskMs: (ms) => (taskMs += ms) },
    );
    const totalSec = (performance.now() - t0) / 1000;
    // overlap: summed task time over evaluation wall time = how many tasks ran at once on average
    return { workers, tasks: outcome.evaluated, evalSec: (end - start) / 1000, totalSec, overlap: taskMs / (end - start) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function run(): Promise<void> {
  console.log(`scenario ${SCENARIO}, --vary ${VARY}, ${REPLICATIONS} replication(s), each configuration ${REPEAT}× (alternating order); ${availableParallelism()} cores available`);
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`load average before: ${load()} (above ~0.5 means other work competes for the cores: figures are pessimistic)`);
  const byWorkers = new Map<number, Timing[]>([[1, []], [2, []]]);
  const ratios: number[] = [];
  for (let rep = 0; rep < REPEAT; rep++) {
    const order = rep % 2 === 0 ? [1, 2] : [2, 1];
    const pair = new Map<number, Timing>();
    for (const workers of order) {
      const r = await timed(workers);
      pair.set(workers, r);
      byWorkers.get(workers)!.push(r);
      console.log(`  run ${rep + 1}, workers ${workers}: ${r.tasks} tasks, evaluation ${r.evalSec.toFixed(2)} s → ${(r.tasks / r.evalSec).toFixed(2)} tasks/s; end to end ${r.totalSec.toFixed(2)} s; tasks in flight on average ${r.overlap.toFixed(2)}; load average ${load()}`);
    }
    ratios.push(pair.get(1)!.evalSec / pair.get(2)!.evalSec);
  }
  const med = (w: number, f: (t: Timing) => number) => median(byWorkers.get(w)!.map(f));
  for (const w of [1, 2]) {
    const tasks = byWorkers.get(w)![0]!.tasks;
    console.log(`workers ${w}: median evaluation ${med(w, (t) => t.evalSec).toFixed(2)} s → ${(tasks / med(w, (t) => t.evalSec)).toFixed(2)} tasks/s; end to end ${med(w, (t) => t.totalSec).toFixed(2)} s`);
  }
  const speedup = med(1, (t) => t.evalSec) / med(2, (t) => t.evalSec);
  const endToEnd = med(1, (t) => t.totalSec) / med(2, (t) => t.totalSec);
  console.log(`speed-up with 2 workers: ${speedup.toFixed(2)}× on evaluation (target ≥ 1.8), ${endToEnd.toFixed(2)}× end to end; per pair ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
}
