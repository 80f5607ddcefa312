/**
 * Worker pools (sweep points, simulation replications) hand their threads this process's compiled HiGHS, so
 * the threads share its machine code instead of each compiling it ({@link highsModule}).
 */
import { highsModule, useHighsModule } from './solveHighs.js';

/** What a pool passes as piscina's `workerData`. */
export interface SharedWorkerData {
  readonly highs: WebAssembly.Module;
}

/** The pool side: `new Piscina({ …, workerData: sharedWorkerData() })`. Cost: ≈ 12 ms once per process. */
export function sharedWorkerData(): SharedWorkerData {
  return { highs: highsModule() };
}

/** The worker side, at module load: adopt the shared module when the pool sent one (a no-op otherwise). */
export function adoptSharedWorkerData(data: unknown): void {
  const m = (data as Partial<SharedWorkerData> | null | undefined)?.highs;
  if (m instanceof WebAssembly.Module) useHighsModule(m);
}
