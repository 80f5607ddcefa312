/**
 * Simulator benchmarks (`npm run bench -- sim`):
 * 1. Engine throughput on the classic hold model: N pending events, each pops and reschedules itself at
 *    now + Exp(1). Callbacks, generator processes (a `function*` expression per process) and generators from
 *    one generator function, interleaved, medians of `BENCH_SIM_HOLD_ROUNDS` (5) runs in events per CPU-second,
 *    and the generator ÷ callback ratio. Target ≥ 2,000,000 events/s; generators ≥ 0.5 × callbacks.
 * 2. The default scenario with 5,000 patients × 365 days × 30 replications × all policies on worker threads,
 *    lp_rolling re-solving the optimize model with HiGHS (the default planner). Target ≤ 120 s on 2 cores.
 *    Reports wall time, process CPU time (÷ cores = the wall time on idle cores) and each policy's thread-seconds,
 *    so lp_rolling alone is read off the same run, with its re-solve counts.
 * 3. lp_rolling with the greedy planner, for comparison.
 * `BENCH_SIM_REPLICATIONS=n` runs n replications instead of 30 (a quick look); `BENCH_SIM_ENGINE_ONLY=1` runs
 * only the hold model. Figures measured on a shared
 * machine are pessimistic: compare CPU-s ÷ cores with the wall time.
 */
import { availableParallelism, loadavg } from 'node:os';
import { synthesizeCohort } from '../src/data/synth.js';
import { scorePatients } from '../src/priority/score.js';
import { exponential, streams } from '../src/random/index.js';
import type { SimPolicyName } from '../src/scenario/sections/simulation.js';
import { loadScenarioFile, validateScenario } from '../src/scenario/load.js';
import { Environment } from '../src/sim/engine/index.js';
import type { ProcessGenerator } from '../src/sim/engine/index.js';
import { settingsFromScenario, simCohortFromTable, simulatePolicies } from '../src/sim/index.js';

function delays(count: number): Float64Array {
  const rng = streams(1).stream('bench/hold');
  return Float64Array.from({ length: count }, () => exponential(rng, 1));
}

/** Events per CPU-second and per wall second of one hold-model run. */
interface Speed { cpu: number; wall: number }

function cpuSeconds(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

/** Run `env` until `events` events have been executed; events per CPU-s and per wall-s. */
function timed(env: Environment, events: number): Speed {
  const c0 = cpuSeconds();
  const t0 = performance.now();
  let done = 0;
  while (done < events) done += env.run(env.now + 1000);
  return { cpu: done / (cpuSeconds() - c0), wall: done / ((performance.now() - t0) / 1000) };
}

function holdCallbacks(pending: number, events: number, d: Float64Array): Speed {
  const env = new Environment(pending * 2);
  let k = 0;
  const mask = d.length - 1;
  const hold = (): void => { env.schedule(d[k++ & mask]!, hold); };
  for (let i = 0; i < pending; i++) env.schedule(d[k++ & mask]!, hold);
  return timed(env, events);
}

/** Generator processes, each from its own `function*` expression (one closure per process, as the issue measured). */
function holdGenerators(pending: number, events: number, d: Float64Array): Speed {
  const env = new Environment(pending * 2);
  let k = 0;
  const mask = d.length - 1;
  for (let i = 0; i < pending; i++) {
    env.process((function* () { for (;;) yield d[k++ & mask]!; })());
  }
  return timed(env, events);
}

/** Generator processes from one generator function defined once (SimPy style: `env.process(car(env))`). */
function holdOneGeneratorFunction(pending: number, events: number, d: Float64Array): Speed {
  const env = new Environment(pending * 2);
  let k = 0;
  const mask = d.length - 1;
  function* hold(): ProcessGenerator { for (;;) yield d[k++ & mask]!; }
  for (let i = 0; i < pending; i++) env.process(hold());
  return timed(env, events);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const HOLD_VARIANTS = { callbacks: holdCallbacks, generators: holdGenerators, 'one generator fn': holdOneGeneratorFunction };
type HoldVariant = keyof typeof HOLD_VARIANTS;

/**
 * The hold model, variants interleaved (the order rotates each round) so load from other jobs hits all alike;
 * medians of `rounds` runs, in events per CPU-second (and per wall second).
 */
function holdModel(d: Float64Array, rounds: number): void {
  const names = Object.keys(HOLD_VARIANTS) as HoldVariant[];
  for (const pending of [100, 10_000]) {
    for (const n of names) HOLD_VARIANTS[n](pending, 500_000, d); // warm up the JIT
    const got = new Map<HoldVariant, Speed[]>(names.map((n) => [n, []]));
    for (let r = 0; r < rounds; r++) {
      for (let j = 0; j < names.length; j++) {
        const n = names[(r + j) % names.length]!;
        got.get(n)!.push(HOLD_VARIANTS[n](pending, 2_000_000, d));
      }
    }
    const cpu = (n: HoldVariant): number => median(got.get(n)!.map((x) => x.cpu));
    const wall = (n: HoldVariant): number => median(got.get(n)!.map((x) => x.wall));
    const parts = names.map((n) => `${n} ${(cpu(n) / 1e6).toFixed(2)} M/CPU-s (${(wall(n) / 1e6).toFixed(2)} M/s wall)`);
    console.log(`hold model, ${pending} pending, median of ${rounds}: ${parts.join(', ')}; generators ÷ callbacks `
      + `${(cpu('generators') / cpu('callbacks')).toFixed(2)} (one generator fn ÷ callbacks `
      + `${(cpu('one generator fn') / cpu('callbacks')).toFixed(2)}; target ≥ 0.5 at 10,000 pending, ≥ 2 M/s)`);
  }
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
  console.log(`load ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
  holdModel(delays(1 << 20), Number(process.env.BENCH_SIM_HOLD_ROUNDS ?? 5));
  if (process.env.BENCH_SIM_ENGINE_ONLY) return;
  const replications = Number(process.env.BENCH_SIM_REPLICATIONS ?? 30);
  await defaultScenario('default scenario, all policies, lp_rolling = optimize model (target ≤ 120 s)', undefined, 'optimize', replications);
  await defaultScenario('lp_rolling with the greedy planner instead (for comparison; + clinic_only)', ['lp_rolling'], 'greedy', replications);
}
