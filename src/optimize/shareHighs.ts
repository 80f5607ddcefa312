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

/**
 * The worker side, at module load: adopt the shared module when the pool sent one (a no-op otherwise), and
 * {@link detachOneBuffer} before any hot code is compiled.
 */
export function adoptSharedWorkerData(data: unknown): void {
  detachOneBuffer();
  const m = (data as Partial<SharedWorkerData> | null | undefined)?.highs;
  if (m instanceof WebAssembly.Module) useHighsModule(m);
}

/**
 * Detaches one throw-away 8-byte buffer. HiGHS grows its wasm memory on the first solve of a thread, which
 * detaches the old `ArrayBuffer`; the first detach in an isolate makes V8 drop every optimised function that
 * reads a typed array (it had assumed "no buffer is ever detached") and compile them again. Doing that first
 * detach at thread start, before anything is optimised, saves that recompilation: measured on the staffing
 * sweep's first point per worker, recompiles 385 → 121 ms (docs/design.md, "V8 warm-up, second round").
 */
function detachOneBuffer(): void {
  const b = new ArrayBuffer(8);
  structuredClone(b, { transfer: [b] });
}
