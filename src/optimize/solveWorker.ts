/**
 * Worker-thread entry: solve one model and post the outcome. Run by {@link solveGuarded} from the compiled
 * `dist/` tree so the parent can terminate a solver that overruns its time limit.
 */
import { parentPort } from 'node:worker_threads';
import type { LinearModel } from './linearModel.js';
import { loadHighs, solveWithHighs } from './solveHighs.js';
import { solveWithJsl } from './solveJsl.js';
import type { SolveOptions, SolverOutcome } from './solverTypes.js';
import type { SolverName } from './types.js';

export interface WorkerRequest { readonly solver: SolverName; readonly model: LinearModel; readonly opts: SolveOptions }
export type WorkerReply = { readonly ok: true; readonly outcome: SolverOutcome } | { readonly ok: false; readonly message: string };

parentPort?.once('message', (req: WorkerRequest) => {
  void (async () => {
    try {
      const outcome = req.solver === 'highs' ? solveWithHighs(await loadHighs(), req.model, req.opts) : solveWithJsl(req.model, req.opts);
      parentPort!.postMessage({ ok: true, outcome } satisfies WorkerReply);
    } catch (e) {
      parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) } satisfies WorkerReply);
    }
  })();
});
