/**
 * Piscina worker: evaluates one sweep task per call. Loaded from the compiled `dist/` JavaScript.
 */
import { workerData } from 'piscina';
import { adoptSharedWorkerData } from '../optimize/shareHighs.js';
import type { UpstreamResult } from '../pipeline.js';
import type { CapacityTaskInput, CapacityTaskOutput } from './capacityEvaluate.js';
import { evaluateCapacityTask } from './capacityEvaluate.js';
import type { EvaluateInput, EvaluateOutput } from './evaluate.js';
import { computeUpstream, evaluatePoint } from './evaluate.js';

adoptSharedWorkerData(workerData);

/** What one call asks: a sweep task, its shared segment + rules (`upstreamOnly`), or a capacity batch. */
export type WorkerInput = (EvaluateInput & { upstreamOnly?: boolean }) | (CapacityTaskInput & { capacity: true });

/** One call: a task (`evaluatePoint`), with `upstreamOnly` the shared segment + rules of a task, or with
 * `capacity` a batch of one level's replications (`evaluateCapacityTask`). */
export default function evaluate(input: WorkerInput): Promise<EvaluateOutput | UpstreamResult | CapacityTaskOutput> {
  if ('capacity' in input) return evaluateCapacityTask(input);
  return input.upstreamOnly ? computeUpstream(input) : evaluatePoint(input);
}
