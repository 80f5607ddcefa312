/**
 * Wall-clock guard outside the solver: the solve runs in a worker thread that is terminated when it overruns
 * its time limit by {@link GUARD_GRACE_SHARE} + {@link GUARD_GRACE_SEC} (solver time limits overrun,
 * ../shared/MODELING.md), or when it runs out of its heap. Cost: one worker start (≈ 0.1–0.3 s) per solve.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LinearModel } from './linearModel.js';
import { loadHighs, solveWithHighs } from './solveHighs.js';
import { solveWithJsl } from './solveJsl.js';
import type { SolveOptions, SolverOutcome } from './solverTypes.js';
import { GUARD_GRACE_SEC, GUARD_GRACE_SHARE } from './tolerances.js';
import type { SolverName } from './types.js';
import type { WorkerReply } from './solveWorker.js';

/** Heap ceiling of the solver worker (javascript-lp-solver's dense tableau took 1.8–3.5 GB on 10k binaries). */
const WORKER_HEAP_MB = 3072;

/** The compiled worker: beside this file when running from dist/, else dist/src/optimize/ (tests run on src). */
export function workerPath(): string | null {
  const here = fileURLToPath(import.meta.url);
  const candidate = here.endsWith('.ts')
    ? here.replace(/([\\/])src([\\/])optimize([\\/])guard\.ts$/, '$1dist$1src$2optimize$3solveWorker.js')
    : here.replace(/guard\.js$/, 'solveWorker.js');
  return existsSync(candidate) ? candidate : null;
}

/** Solve in this thread (no hard guard beyond the solver's own limit). */
export async function solveInline(solver: SolverName, model: LinearModel, opts: SolveOptions): Promise<SolverOutcome> {
  return solver === 'highs' ? solveWithHighs(await loadHighs(), model, opts) : solveWithJsl(model, opts);
}

/**
 * Solve in a worker with a hard wall-clock limit. Falls back to {@link solveInline} (and says so in
 * `message`) when the compiled worker is missing.
 * @example
 * const outcome = await solveGuarded('highs', am.model, { timeLimitSec: 30, mipGap: 0.01 });
 */
export async function solveGuarded(solver: SolverName, model: LinearModel, opts: SolveOptions): Promise<SolverOutcome> {
  const path = workerPath();
  if (!path) {
    const out = await solveInline(solver, model, opts);
    return { ...out, message: [out.message, 'wall-clock guard unavailable (run npm run build): solved in-process'].filter(Boolean).join('; ') };
  }
  const t0 = performance.now();
  const limitMs = (opts.timeLimitSec * (1 + GUARD_GRACE_SHARE) + GUARD_GRACE_SEC) * 1000;
  return new Promise<SolverOutcome>((resolve) => {
    const worker = new Worker(path, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    const finish = (out: SolverOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(out);
    };
    const seconds = (): number => (performance.now() - t0) / 1000;
    const timer = setTimeout(() => finish({ status: 'time_limit', x: null, bound: null, seconds: seconds(), clock: true, message: `stopped by the wall-clock guard after ${seconds().toFixed(1)} s` }), limitMs);
    worker.once('message', (reply: WorkerReply) => {
      if (reply.ok) finish({ ...reply.outcome, x: reply.outcome.x ? Float64Array.from(reply.outcome.x) : null });
      else finish({ status: 'error', x: null, bound: null, seconds: seconds(), message: `${solver} failed: ${reply.message}` });
    });
    worker.once('error', (e) => finish({ status: 'error', x: null, bound: null, seconds: seconds(), message: `${solver} worker failed: ${e.message}` }));
    worker.once('exit', (code) => finish({ status: 'error', x: null, bound: null, seconds: seconds(), message: `${solver} worker exited with code ${code}` }));
    worker.postMessage({ solver, model, opts });
  });
}
