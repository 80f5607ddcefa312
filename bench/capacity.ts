/**
 * Capacity search benchmark (`npm run bench -- capacity`): bisection with sequential replications against
 * the full grid at equal confidence, on a stand-in whose answer is known in closed form — an Erlang-loss
 * system (8 erlangs offered to c = 1..16 servers, 200 arrivals a replication, served share 1 − B(c, 8)) with
 * the target "served ≥ 0.90" (answer c = 11). Reports, over 50 seeds: answers, replications and CPU time for
 * both procedures.
 * Then the default scenario's staffing question through `runCapacity` (the CLI's path: worker threads,
 * journal, outputs): nurses 1..12, served within 14 days ≥ 0.90 at 95%, and — because the default program's
 * 8 home units a day cap that measure near 0.12 whatever the nurses — a second target inside the curve
 * (≥ 0.11), each by bisection and by the full grid. CPU-s is the whole process (worker threads included).
 * `BENCH_CAPACITY_SCENARIO=0` skips that part. Figures measured on a shared machine: compare CPU-s with wall.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestFromArgs } from '../src/cli/commands/capacity.js';
import { capacityGrid, capacitySearch } from '../src/decide/capacity.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { runCapacity } from '../src/sweep/capacityRun.js';
import type { CapacityResult } from '../src/decide/capacity.js';
import { runProcedure } from '../src/decide/drive.js';
import type { Procedure } from '../src/decide/drive.js';
import { streams } from '../src/random/index.js';

const SEEDS = Number(process.env.BENCH_CAPACITY_SEEDS ?? 50);
const ARRIVALS = 200;
const OFFERED_ERLANGS = 8;
const LEVELS = Array.from({ length: 16 }, (_, i) => i + 1);

function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

function evaluator(seed: number) {
  return (c: number, rep: number): number => {
    const p = 1 - erlangB(c, OFFERED_ERLANGS);
    const rng = streams(seed).stream(`bench/capacity/rep/${rep}`);
    let n = 0;
    for (let j = 0; j < ARRIVALS; j++) if (rng.next() < p) n++;
    return n / ARRIVALS;
  };
}

function measure(name: string, make: () => Procedure<CapacityResult>): void {
  const answers = new Map<string, number>();
  let replications = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let s = 0; s < SEEDS; s++) {
    const r = runProcedure(make(), evaluator(s));
    replications += r.replications;
    const key = String(r.level);
    answers.set(key, (answers.get(key) ?? 0) + 1);
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const shown = [...answers].map(([k, v]) => `c=${k}: ${v}`).join(', ');
  console.log(`${name.padEnd(10)} replications ${(replications / SEEDS).toFixed(1)} a search (mean of ${SEEDS}); `
    + `answers ${shown}; wall ${wall.toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
}

export async function run(): Promise<void> {
  const options = { levels: LEVELS, target: { op: '>=', value: 0.9 }, confidence: 0.95 } as const;
  console.log('Erlang-loss stand-in: 8 erlangs, c = 1..16, served ≥ 0.90 at 95% (closed-form answer c = 11)');
  runProcedure(capacitySearch(options), evaluator(-1)); // warm the JIT so neither run pays for it
  runProcedure(capacityGrid(options), evaluator(-1));
  measure('bisection', () => capacitySearch(options));
  measure('full grid', () => capacityGrid(options));
  if (process.env.BENCH_CAPACITY_SCENARIO === '0') return;
  console.log(`\nDefault scenario (scenarios/home-transfusion.yaml), nurses 1..12, priority_greedy, 95%, 2 worker threads; load ${loadavg()[0]!.toFixed(1)}`);
  for (const target of ['served_within_14d >= 0.90', 'served_within_14d >= 0.11']) {
    for (const procedure of ['bisection', 'grid'] as const) await scenarioSearch(target, procedure);
  }
}

const WORKERS = Number(process.env.BENCH_CAPACITY_WORKERS ?? 2);

async function scenarioSearch(target: string, procedure: 'bisection' | 'grid'): Promise<void> {
  const loaded = loadScenarioFile('scenarios/home-transfusion.yaml');
  const manifest = manifestFromArgs({ scenario: loaded.file, target, vary: ['program.nurses=1..12'], procedure, 'initial-replications': 10,
    'max-replications': 320, out: '' }, loaded);
  const out = mkdtempSync(join(tmpdir(), 'carestrata-bench-capacity-'));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const r = await runCapacity({ loaded, manifest, out, workers: WORKERS });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const a = r.answers[0]!;
    console.log(`${target.padEnd(28)} ${procedure.padEnd(10)} replications ${String(a.replications).padStart(4)}; `
      + `levels ${a.tried.map((t) => t.values['program.nurses']).join(',')}; ${a.message} `
      + `wall ${wall.toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
