/**
 * `npm run bench -- optimize`: model size and solve time for 200, 500 and 2,000 home-eligible patients × 28
 * days (synthetic cohort, default scenario otherwise), each solver; javascript-lp-solver only until a run
 * exceeds 60 s. Then the same with chained trips (routing: homes placed at their distance from the bank, a random
 * bearing; legs 8 min + 1.1 min a straight-line km, the scenario's defaults), HiGHS only. Also the LP-format round
 * trip through glpsol/cbc when they are installed (optional). CPU-seconds (process.cpuUsage: every thread of the
 * process) beside wall time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeCohort } from '../src/data/synth.js';
import { selectRows } from '../src/data/table.js';
import { assembleModel, nearPairs, patientsFromTable, planAllocation, toLpText } from '../src/optimize/index.js';
import type { OptimizePatient, OptimizeRouting } from '../src/optimize/index.js';
import { scorePatients } from '../src/priority/index.js';
import { streams } from '../src/random/index.js';
import { parseScenario } from '../src/scenario/load.js';

const JSL_LIMIT_SEC = 60;

function cohortWithEligible(target: number, seed: number): OptimizePatient[] {
  const s = parseScenario(`seed: ${seed}\n`, 'bench.yaml').scenario;
  const { table } = synthesizeCohort(Math.ceil(target * 2), streams(seed));
  const pr = scorePatients(table, s.priority);
  const rows: number[] = [];
  let eligible = 0;
  for (let i = 0; i < table.ids.length && eligible < target; i++) { rows.push(i); eligible += pr.eligible[i]!; }
  const sub = selectRows(table, rows);
  return patientsFromTable(sub, { eligible: rows.map((r) => pr.eligible[r]!), score: rows.map((r) => pr.score[r]!) }, s.optimize, s.clinical, streams(seed).child('optimize').stream('hb_phase')).patients;
}

/** Homes at each patient's road distance from the bank on a seeded random bearing; the scenario's leg rule. */
function homesOf(patients: readonly OptimizePatient[], seed: number): OptimizeRouting {
  const rng = streams(seed).stream('bench/bearing');
  const a = new Float64Array(patients.length), b = new Float64Array(patients.length);
  patients.forEach((p, i) => { const t = 2 * Math.PI * rng.next(); a[i] = p.distanceKm * Math.cos(t); b[i] = p.distanceKm * Math.sin(t); });
  return { legs: { kind: 'xy_km', a, b, fixedMin: 8, minPerKm: 1.1 } };
}

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

const cpuSeconds = (since: NodeJS.CpuUsage): number => { const u = process.cpuUsage(since); return (u.user + u.system) / 1e6; };

export async function run(): Promise<void> {
  const s = parseScenario('seed: 42\n', 'bench.yaml').scenario;
  // Clinic capacity scaled with the cohort so the clinic is not the whole story (≈ 1 chair per 50 patients).
  console.log('objective home, 28 days, mip_gap 1%, time limit 30 s (HiGHS) / 60 s (jsl); 2 shared cores: figures are pessimistic');
  console.log('eligible  patients  rows    cols    nonzeros  solver  method       status      seconds  CPU-s    gap');
  let jslAlive = true;
  for (const target of [200, 500, 2000]) {
    const patients = cohortWithEligible(target, 42);
    const program = { ...s.program, clinic_chairs: Math.max(6, Math.round(patients.length / 50)), nurses: Math.max(2, Math.round(target / 100)) };
    for (const solver of ['jsl', 'highs'] as const) {
      if (solver === 'jsl' && !jslAlive) { console.log(`${String(target).padEnd(9)} jsl skipped (a smaller run exceeded ${JSL_LIMIT_SEC} s)`); continue; }
      const t0 = performance.now(), c0 = process.cpuUsage();
      const plan = await planAllocation(patients, program, s.costs, s.optimize, { solver, timeLimitSec: solver === 'jsl' ? JSL_LIMIT_SEC : 30 });
      const wall = (performance.now() - t0) / 1000, cpu = cpuSeconds(c0);
      if (solver === 'jsl' && (wall > JSL_LIMIT_SEC || plan.status !== 'optimal')) jslAlive = false;
      console.log(`${String(target).padEnd(9)} ${String(patients.length).padEnd(9)} ${String(plan.rows).padEnd(7)} ${String(plan.cols).padEnd(7)} ${String(plan.nonzeros).padEnd(9)} ${solver.padEnd(7)} ${plan.method.padEnd(12)} ${plan.status.padEnd(11)} ${wall.toFixed(1).padStart(7)}  ${cpu.toFixed(1).padStart(5)}    ${plan.gap === null ? '–' : `${(100 * plan.gap).toFixed(2)}%`}`);
    }
  }
  console.log('\nwith chained trips (routing; optimize.chain_neighbours = ' + s.optimize.chain_neighbours + '), HiGHS, 30 s guard');
  console.log('eligible  routing  pairs   rows    cols    method        status      seconds  CPU-s    gap     home  chained trips');
  const SHORT = 0.5;
  for (const [target, pickup, routed] of [[200, s.program.pickup_hours, true], [500, s.program.pickup_hours, true], [2000, s.program.pickup_hours, true],
    [200, SHORT, false], [200, SHORT, true], [500, SHORT, false], [500, SHORT, true], [2000, SHORT, false], [2000, SHORT, true]] as const) {
    if (pickup === SHORT && target === 200 && !routed) {
      console.log(`with a ${SHORT} h pick-up (DOMAIN's ${s.program.pickup_hours} h is a trip's whole overhead) and 4 home units a nurse: trips share nurses' days, nurse shifts bind`);
    }
    const patients = cohortWithEligible(target, 42);
    const nurses = Math.max(2, Math.round(target / 100));
    const short = pickup === SHORT;
    const program = { ...s.program, pickup_hours: pickup, home_units_per_day: short ? 4 * nurses : s.program.home_units_per_day, clinic_chairs: Math.max(6, Math.round(patients.length / 50)), nurses };
    const routing = homesOf(patients, 42);
    const t0 = performance.now(), c0 = process.cpuUsage();
    const plan = await planAllocation(patients, program, s.costs, s.optimize, { solver: 'highs', timeLimitSec: 30, ...(routed ? { routing } : {}) });
    const wall = (performance.now() - t0) / 1000, cpu = cpuSeconds(c0);
    const pairs = routed ? nearPairs(patients, program, routing, assembleModel(patients, program, s.costs, s.optimize).visitHours, s.optimize.chain_neighbours).length : 0;
    const home = plan.assignments.filter((x) => x.setting === 'home');
    console.log(`${String(target).padEnd(9)} ${(routed ? 'yes' : 'no').padEnd(8)} ${String(pairs).padEnd(7)} ${String(plan.rows).padEnd(7)} ${String(plan.cols).padEnd(7)} ${plan.method.padEnd(13)} ${plan.status.padEnd(11)} ${wall.toFixed(1).padStart(7)}  ${cpu.toFixed(1).padStart(5)}    ${plan.gap === null ? '–' : `${(100 * plan.gap).toFixed(2)}%`.padEnd(7)} ${String(home.length).padEnd(5)} ${home.filter((x) => x.chain?.stop === 1).length}`);
  }
  // Optional: the exported LP read by glpsol and cbc on a small instance (same objective as HiGHS).
  const small = cohortWithEligible(40, 7);
  const program = { ...s.program, clinic_chairs: 2 };
  const settings = { ...s.optimize, horizon_days: 14, mip_gap: 0 };
  const plan = await planAllocation(small, program, s.costs, settings, { solver: 'highs' });
  const dir = mkdtempSync(join(tmpdir(), 'carestrata-bench-'));
  const lp = join(dir, 'model.lp');
  writeFileSync(lp, toLpText(assembleModel(small, program, s.costs, settings).model));
  console.log(`\nLP round trip (${small.length} patients, 14 days): HiGHS internal objective ${plan.objective?.toFixed(4)}`);
  if (which('glpsol')) {
    const r = spawnSync('glpsol', ['--lp', lp, '-o', join(dir, 'glpk.txt')], { encoding: 'utf8' });
    const m = /Objective:\s+obj = ([-\d.e+]+)/.exec(spawnSync('cat', [join(dir, 'glpk.txt')], { encoding: 'utf8' }).stdout);
    console.log(`  glpsol: ${r.status === 0 && m ? m[1] : 'failed'}`);
  } else console.log('  glpsol: not installed (apt-get install glpk-utils)');
  if (which('cbc')) {
    const r = spawnSync('cbc', [lp, 'solve', 'solu', join(dir, 'cbc.txt')], { encoding: 'utf8' });
    const m = /Optimal - objective value ([-\d.e+]+)/.exec(spawnSync('cat', [join(dir, 'cbc.txt')], { encoding: 'utf8' }).stdout);
    console.log(`  cbc: ${r.status === 0 && m ? m[1] : 'failed'}`);
  } else console.log('  cbc: not installed (apt-get install coinor-cbc)');
}
