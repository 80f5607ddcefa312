/**
 * Run replications inline or on worker threads (piscina). Results are ordered by replication index, and each
 * replication draws only from its own named streams, so the output does not depend on the number of workers.
 * Workers load the compiled `dist/src/sim/worker.js` (a `.ts` worker only loads under tsx; STACK.md).
 *
 * Cost: replications × policies runs, spread over `workers` threads.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { sharedWorkerData } from '../optimize/shareHighs.js';
import type { ReplicationResult, ReplicationTask } from './replication.js';
import { runReplication } from './replication.js';
import type { RollingPlanner } from './policies/index.js';

/** The compiled worker file, whether this module runs from dist/ or (under vitest) from src/. */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'worker.js');
  return resolve(dirname(here), '../../dist/src/sim/worker.js');
}

export interface ParallelOptions {
  /** Worker threads; 0 or 1 runs inline in this thread. */
  readonly workers: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** A custom lp_rolling planner forces inline runs (functions cannot cross threads). */
  readonly planner?: RollingPlanner;
}

export async function runReplications(tasks: readonly ReplicationTask[], opts: ParallelOptions): Promise<ReplicationResult[]> {
  const total = tasks.length;
  let done = 0;
  const tick = (): void => { done++; opts.onProgress?.(done, total); };
  if (opts.workers <= 1 || opts.planner || total <= 1) {
    const out: ReplicationResult[] = [];
    for (const t of tasks) {
      out.push(await runReplication(t, opts.planner));
      tick();
      await new Promise<void>((r) => setImmediate(r)); // let progress output flush
    }
    return out;
  }
  const filename = workerFile();
  if (!existsSync(filename)) throw new Error(`runReplications: worker ${filename} not found; run \`npm run build\` first`);
  // HiGHS only runs in the workers for lp_rolling with the optimize planner: share its compiled module then
  const usesHighs = tasks.some((t) => t.policies.includes('lp_rolling') && t.settings.sim.lp_planner === 'optimize');
  const pool = new Piscina({ filename, minThreads: 1, maxThreads: opts.workers, idleTimeout: 1000, ...(usesHighs ? { workerData: sharedWorkerData() } : {}) });
  try {
    const results = await Promise.all(tasks.map(async (t) => {
      const r = (await pool.run(t)) as ReplicationResult;
      tick();
      return r;
    }));
    return results.sort((a, b) => a.rep - b.rep);
  } finally {
    await pool.destroy();
  }
}
