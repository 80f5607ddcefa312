/**
 * Piscina worker: evaluates one sweep task per call. Loaded from the compiled `dist/` JavaScript.
 */
import { workerData } from 'piscina';
import { adoptSharedWorkerData } from '../optimize/shareHighs.js';
import type { UpstreamResult } from '../pipeline.js';
import type { EvaluateInput, EvaluateOutput } from './evaluate.js';
import { computeUpstream, evaluatePoint } from './evaluate.js';

adoptSharedWorkerData(workerData);

/** One call: a task (`evaluatePoint`), or with `upstreamOnly` the shared segment + rules of a task. */
export default function evaluate(input: EvaluateInput & { upstreamOnly?: boolean }): Promise<EvaluateOutput | UpstreamResult> {
  return input.upstreamOnly ? computeUpstream(input) : evaluatePoint(input);
}
