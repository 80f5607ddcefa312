/**
 * Simulator benchmarks (`npm run bench -- sim`):
 * 1. Engine throughput on the classic hold model: N pending events, each pops and reschedules itself at
 *    now + Exp(1). Callbacks and generator processes measured separately. Target ≥ 2,000,000 events/s.
 * 2. The default scenario with 5,000 patients × 365 days × 30 replications × all policies on worker threads.
 *    Target ≤ 120 s on 2 cores.
 * Figures measured on a shared machine are pessimistic.
 */
import { availableParallelism } from 'node:os';
import { synthesizeCohort } from '../src/data/synth.js';
import { scorePatients } from '../src/priority/score.js';
import { exponential, streams } from '../src/random/index.js';
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

async function defaultScenario(): Promise<void> {
  const loaded = loadScenarioFile('scenarios/home-transfusion.yaml');
  const raw = { ...loaded.scenario, cohort: { source: 'synthetic' as const, patients: 5000 }, simulation: { ...loaded.scenario.simulation, horizon_days: 365, replications: 30 } };
  const scenario = validateScenario(raw, 'bench').scenario;
  const { table } = synthesizeCohort(5000, streams(scenario.seed));
  const p = scorePatients(table, scenario.priority);
  const cohort = simCohortFromTable(table, {
    eligible: p.eligible, score: p.score, waiting: { maxPoints: p.model.maxPoints.waiting_time, fullAtDays: p.model.anchors.waiting_days },
  }, scenario.simulation);
  const workers = availableParallelism();
  const t0 = performance.now();
  const res = await simulatePolicies(cohort, settingsFromScenario(scenario), scenario.seed, { workers });
  const s = (performance.now() - t0) / 1000;
  console.log(`default scenario: 5000 patients × 365 days × 30 replications × ${res.policies.length} policies on ${workers} workers: ${s.toFixed(1)} s (target ≤ 120 s), ${(res.events / 1e6).toFixed(1)} M events, ${(res.events / s / 1e6).toFixed(2)} M events/s overall`);
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
  await defaultScenario();
}
