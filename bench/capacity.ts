/**
 * Capacity search benchmark (`npm run bench -- capacity`): bisection with sequential replications against
 * the full grid at equal confidence, on a stand-in whose answer is known in closed form — an Erlang-loss
 * system (8 erlangs offered to c = 1..16 servers, 200 arrivals a replication, served share 1 − B(c, 8)) with
 * the target "served ≥ 0.90" (answer c = 11). Reports, over 50 seeds: answers, replications and CPU time for
 * both procedures. The default scenario's staffing question (nurses 1..12, served within 14 days ≥ 0.90)
 * needs the simulator's service-level measures and is wired in a later step (docs/decide.md).
 * Figures measured on a shared machine: compare CPU-s with wall time.
 */
import { capacityGrid, capacitySearch } from '../src/decide/capacity.js';
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
}
