/**
 * Simulator benchmarks (`npm run bench -- sim`):
 * 1. Engine throughput on the classic hold model: N pending events, each pops and reschedules itself at
 *    now + Exp(1). Callbacks and generator processes measured separately. Target ≥ 2,000,000 events/s.
 * 2. The default scenario with 5,000 patients × 365 days × 30 replications × all policies on worker threads,
 *    lp_rolling re-solving the optimize model with HiGHS (the default planner). Target ≤ 120 s on 2 cores.
 *    Reports wall time, process CPU time (÷ cores = the wall time on idle cores) and each policy's thread-seconds,
 *    so lp_rolling alone is read off the same run, with its re-solve counts.
 * 3. lp_rolling with the greedy planner, for comparison.
 * `BENCH_SIM_REPLICATIONS=n` runs n replications instead of 30 (a quick look). Figures measured on a shared
 * machine are pessimistic: compare CPU-s ÷ cores with the wall time.
 */
import { availableParallelism, loadavg } from 'node:os';
import { synthesizeCohort } from '../src/data/synth.js';
import { scorePatients } from '../src/priority/score.js';
import { exponential, streams } from '../src/random/index.js';
import type { SimPolicyName } from '../src/scenario/sections/simulation.js';
import { loadScenarioFile, validateScenario } from '../src/scenario/load.js';
import { Environment } from '../src/sim/engine/index.js';
import { settingsFromScenario, simCohortFromTable, simulatePolicies } from '../src/sim/index.js';

function delays(count: number): Float64Array {
  const rng = streams(1).stream('bench/hold');
  return Float64Array.from({ length: count }, () => exponential(rng, 1));
}

function holdCallbacks(pending: number, events: number, d: Float64Array): number {
  const env = new Environment(pending * 2);
  let k = 0;
  const mask = d.length - 1;
  const hold = (): void => { env.schedule(d[k++ & mask]!, hold); };
  for (let i = 0; i < pending; i++) env.schedule(d[k++ & mask]!, hold);
  const t0 = performance.now();
  let done = 0;
  while (done < events) done += env.run(env.now + 1000);
  return done / ((performance.now() - t0) / 1000);
}

function holdGenerators(pending: number, events: number, d: Float64Array): number {
  const env = new Environment(pending * 2);
  let k = 0;
  const mask = d.length - 1;
  for (let i = 0; i < pending; i++) {
    env.process((function* () { for (;;) yield d[k++ & mask]!; })());
  }
  const t0 = performance.now();
  let done = 0;
  while (done < events) done += env.run(env.now + 1000);
  return done / ((performance.now() - t0) / 1000);
}

const PATIENTS = 5000;

async function defaultScenario(label: string, policies: readonly SimPolicyName[] | undefined, lpPlanner: 'optimize' | 'greedy', replications: number): Promise<void> {
  const loaded = loadScenarioFile('scenarios/home-transfusion.yaml');
  const raw = { ...loaded.scenario, cohort: { source: 'synthetic' as const, patients: PATIENTS }, simulation: { ...loaded.scenario.simulation, horizon_days: 365, replications, lp_planner: lpPlanner } };
  const scenario = validateScenario(raw, 'bench').scenario;
  const { table } = synthesizeCohort(PATIENTS, streams(scenario.seed));
  const p = scorePatients(table, scenario.priority);
  const cohort = simCohortFromTable(table, {
    eligible: p.eligible, score: p.score, waiting: { maxPoints: p.model.maxPoints.waiting_time, fullAtDays: p.model.anchors.waiting_days },
  }, scenario.clinical);
  const workers = availableParallelism();
  const load = loadavg()[0]!.toFixed(1);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await simulatePolicies(cohort, settingsFromScenario(scenario), scenario.seed, { workers, ...(policies ? { policies } : {}) });
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  console.log(`${label}: ${PATIENTS} patients × 365 days × ${replications} replications × ${res.policies.length} policies on ${workers} workers (load ${load} before, ${loadavg()[0]!.toFixed(1)} after): ${s.toFixed(1)} s wall, ${cpuSec.toFixed(0)} CPU-s (÷ ${workers} = ${(cpuSec / workers).toFixed(0)} s on ${workers} idle cores), ${(res.events / 1e6).toFixed(1)} M events`);
  const perPolicy = res.policies.map((name, k) => `${name} ${res.replications.reduce((a, r) => a + r.runs[k]!.seconds, 0).toFixed(1)}`);
  console.log(`  thread-seconds per policy (Σ over replications): ${perPolicy.join(', ')}`);
  const lp = res.lpRolling;
  if (lp) {
    const k = res.policies.indexOf('lp_rolling');
    const lpSec = res.replications.reduce((a, r) => a + r.runs[k]!.seconds, 0);
    const solved = lp.replans - lp.empty;
    console.log(`  lp_rolling (${lp.planner}): ${lp.replans} re-plans (${lp.optimal} optimal, ${lp.nodeLimit} at the node limit, ${lp.timeLimit} at the time limit, ${lp.fallback} fell back to greedy, ${lp.greedy} greedy); ${lp.meanCandidates.toFixed(0)} candidates → ${lp.meanModelled.toFixed(0)} modelled per re-plan; ${solved > 0 ? (lpSec / solved).toFixed(2) : '—'} thread-s per re-plan incl. its share of the simulation; lp_rolling alone ≈ ${(lpSec / workers).toFixed(0)} s on ${workers} workers`);
  }
}

export async function run(): Promise<void> {
  const d = delays(1 << 20);
  for (const pending of [100, 10_000]) {
    holdCallbacks(pending, 500_000, d); // warm up the JIT
    const cb = holdCallbacks(pending, 5_000_000, d);
    holdGenerators(pending, 500_000, d);
    const gen = holdGenerators(pending, 5_000_000, d);
    console.log(`hold model, ${pending} pending: callbacks ${(cb / 1e6).toFixed(2)} M events/s, generators ${(gen / 1e6).toFixed(2)} M events/s (target ≥ 2 M/s)`);
  }
  const replications = Number(process.env.BENCH_SIM_REPLICATIONS ?? 30);
  await defaultScenario('default scenario, all policies, lp_rolling = optimize model (target ≤ 120 s)', undefined, 'optimize', replications);
  await defaultScenario('lp_rolling with the greedy planner instead (for comparison; + clinic_only)', ['lp_rolling'], 'greedy', replications);
}
